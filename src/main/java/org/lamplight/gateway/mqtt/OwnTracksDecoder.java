package org.lamplight.gateway.mqtt;

import static org.lamplight.gateway.PayloadFields.optionalDouble;
import static org.lamplight.gateway.PayloadFields.requiredDouble;
import static org.lamplight.gateway.PayloadFields.requiredEpochMs;
import static org.lamplight.gateway.PayloadFields.requiredString;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.lamplight.domain.tracking.FixSource;
import org.lamplight.domain.tracking.PositionFix;
import org.lamplight.gateway.JsonPayloadParser;

/**
 * Decodes the OwnTracks app's JSON as it publishes it in MQTT mode. Only {@code location} and
 * {@code lwt} matter; every other {@code _type} is {@link OwnTracksMessage.Other}. Unknown
 * fields are ignored.
 *
 * <p>The app leaves out {@code acc}, {@code alt}, {@code cog} and {@code vel} when they are zero,
 * and also when it has no value; the two cannot be told apart, so an omitted field is absent.
 */
public final class OwnTracksDecoder {

  private static final double KMH_PER_MPS = 3.6;

  private final JsonPayloadParser parser;

  public OwnTracksDecoder(int maxPayloadBytes) {
    this.parser = new JsonPayloadParser(maxPayloadBytes);
  }

  /** @throws org.lamplight.domain.tracking.RejectedFixException when the payload is unusable */
  public OwnTracksMessage decode(String deviceId, Buffer payload) {
    JsonObject json = parser.parse(payload);
    String type = requiredString(json, "_type");
    return switch (type) {
      case "location" -> new OwnTracksMessage.Location(location(deviceId, json));
      case "lwt" -> new OwnTracksMessage.Lwt(requiredEpochMs(json, "tst"));
      default -> new OwnTracksMessage.Other(type);
    };
  }

  private static PositionFix location(String deviceId, JsonObject json) {
    return new PositionFix(deviceId,
        requiredDouble(json, "lat"),
        requiredDouble(json, "lon"),
        requiredEpochMs(json, "tst"),
        optionalDouble(json, "acc"),
        optionalDouble(json, "vel") / KMH_PER_MPS,
        optionalDouble(json, "cog"),
        optionalDouble(json, "alt"),
        optionalDouble(json, "batt"),
        FixSource.OWNTRACKS);
  }
}
