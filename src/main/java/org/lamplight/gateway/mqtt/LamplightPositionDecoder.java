package org.lamplight.gateway.mqtt;

import static org.lamplight.gateway.PayloadFields.optionalDouble;
import static org.lamplight.gateway.PayloadFields.requiredDouble;
import static org.lamplight.gateway.PayloadFields.requiredEpochMs;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.lamplight.domain.tracking.FixSource;
import org.lamplight.domain.tracking.PositionFix;
import org.lamplight.gateway.JsonPayloadParser;

/**
 * Decodes {@code lamplight/devices/{id}/position}:
 * {@code {"lat","lon","ts"}} plus optional {@code acc} (m), {@code spd} (m/s), {@code hdg} (deg),
 * {@code alt} (m), {@code batt} (%). {@code ts} is epoch milliseconds; seconds are accepted.
 */
public final class LamplightPositionDecoder {

  private final JsonPayloadParser parser;
  private final int maxPayloadBytes;

  public LamplightPositionDecoder(int maxPayloadBytes) {
    this.parser = new JsonPayloadParser(maxPayloadBytes);
    this.maxPayloadBytes = maxPayloadBytes;
  }

  /** @throws org.lamplight.domain.tracking.RejectedFixException when the payload is unusable */
  public PositionFix decode(String deviceId, Buffer payload) {
    PositionFix fast = payload.length() <= maxPayloadBytes ? NativePositionScanner.scan(deviceId, payload) : null;
    return fast != null ? fast : parsed(deviceId, payload);
  }

  /** The full way: a JSON tree, and field readers that word every refusal. */
  PositionFix parsed(String deviceId, Buffer payload) {
    JsonObject json = parser.parse(payload);
    return new PositionFix(deviceId,
        requiredDouble(json, "lat"),
        requiredDouble(json, "lon"),
        requiredEpochMs(json, "ts"),
        optionalDouble(json, "acc"),
        optionalDouble(json, "spd"),
        optionalDouble(json, "hdg"),
        optionalDouble(json, "alt"),
        optionalDouble(json, "batt"),
        FixSource.LAMPLIGHT);
  }
}
