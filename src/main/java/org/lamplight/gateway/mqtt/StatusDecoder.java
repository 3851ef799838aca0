package org.lamplight.gateway.mqtt;

import static org.lamplight.gateway.PayloadFields.optionalDouble;
import static org.lamplight.gateway.PayloadFields.optionalString;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.lamplight.domain.tracking.DeviceStatus;
import org.lamplight.domain.tracking.RejectReason;
import org.lamplight.domain.tracking.RejectedFixException;
import org.lamplight.gateway.JsonPayloadParser;

/**
 * Decodes {@code lamplight/devices/{id}/status}: {@code {"duty":"on"|"off"}}, optional
 * {@code "state":"sos"} (an SOS alarm) and optional {@code batt} (%). Every field is optional.
 * Unrecognised duty or state values are rejected rather than ignored: a misspelt SOS must be
 * loud, not silently read as "no alarm".
 */
public final class StatusDecoder {

  private final JsonPayloadParser parser;

  public StatusDecoder(int maxPayloadBytes) {
    this.parser = new JsonPayloadParser(maxPayloadBytes);
  }

  /** @throws RejectedFixException when the payload is unusable */
  public DeviceStatus decode(Buffer payload) {
    JsonObject json = parser.parse(payload);
    return new DeviceStatus(
        duty(optionalString(json, "duty")),
        sos(optionalString(json, "state")),
        optionalDouble(json, "batt"));
  }

  private static Boolean duty(String duty) {
    if (duty == null) {
      return null;
    }
    return switch (duty) {
      case "on" -> Boolean.TRUE;
      case "off" -> Boolean.FALSE;
      default -> throw new RejectedFixException(RejectReason.INVALID_VALUE,
          "duty must be \"on\" or \"off\"");
    };
  }

  private static boolean sos(String state) {
    if (state == null) {
      return false;
    }
    if (!state.equals("sos")) {
      throw new RejectedFixException(RejectReason.INVALID_VALUE, "state must be \"sos\" or absent");
    }
    return true;
  }
}
