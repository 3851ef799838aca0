package org.lamplight.gateway.osmand;

import static org.lamplight.gateway.PayloadFields.deviceId;
import static org.lamplight.gateway.PayloadFields.optionalDouble;
import static org.lamplight.gateway.PayloadFields.optionalObject;
import static org.lamplight.gateway.PayloadFields.optionalString;
import static org.lamplight.gateway.PayloadFields.parseTimestamp;
import static org.lamplight.gateway.PayloadFields.requiredDouble;
import static org.lamplight.gateway.PayloadFields.requiredObject;
import static org.lamplight.gateway.PayloadFields.requiredString;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.lamplight.domain.tracking.FixSource;
import org.lamplight.domain.tracking.PositionFix;
import org.lamplight.gateway.JsonPayloadParser;

/**
 * Decodes the JSON body of Traccar Client 9 and later: {@code device_id},
 * {@code location.timestamp} (ISO-8601), {@code location.coords.{latitude, longitude, accuracy,
 * speed (m/s), heading, altitude}}, {@code location.battery.level} (0-1), and our optional
 * top-level {@code key}. Everything else ({@code is_moving}, {@code event}, {@code activity},
 * {@code extras}...) is ignored.
 */
public final class TraccarJsonDecoder {

  private final JsonPayloadParser parser;

  public TraccarJsonDecoder(int maxPayloadBytes) {
    this.parser = new JsonPayloadParser(maxPayloadBytes);
  }

  /** @throws org.lamplight.domain.tracking.RejectedFixException when the body is unusable */
  public OsmAndRequest decode(Buffer body) {
    JsonObject json = parser.parse(body);
    String deviceId = deviceId("device_id", requiredString(json, "device_id"));
    JsonObject location = requiredObject(json, "location");
    JsonObject coords = requiredObject(location, "coords");
    JsonObject battery = optionalObject(location, "battery");
    PositionFix fix = new PositionFix(deviceId,
        requiredDouble(coords, "latitude"),
        requiredDouble(coords, "longitude"),
        parseTimestamp("timestamp", requiredString(location, "timestamp")),
        unknownIfNegative(optionalDouble(coords, "accuracy")),
        unknownIfNegative(optionalDouble(coords, "speed")),
        unknownIfNegative(optionalDouble(coords, "heading")),
        optionalDouble(coords, "altitude"),
        battery == null ? PositionFix.ABSENT : percent(optionalDouble(battery, "level")),
        FixSource.TRACCAR_JSON);
    return new OsmAndRequest(deviceId, optionalString(json, "key"), fix);
  }

  private static double percent(double level) {
    return unknownIfNegative(level) * 100;
  }

  /** The location plugin reports -1 for a value the phone does not know. */
  private static double unknownIfNegative(double value) {
    return value < 0 ? PositionFix.ABSENT : value;
  }
}
