package org.lamplight.gateway.mqtt;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.lamplight.domain.dispatch.IncidentType;
import org.lamplight.domain.dispatch.ReplyAction;
import org.lamplight.domain.tracking.RejectReason;
import org.lamplight.domain.tracking.RejectedFixException;
import org.lamplight.gateway.JsonPayloadParser;
import org.lamplight.gateway.PayloadFields;

/**
 * A device's {@code events} message: a reply to an order ({@code {"orderId","action","reason"?}})
 * or an incident report ({@code {"type":"report","incident","severity","lat","lon","description"?}}),
 * checked and returned in normal form so dispatch never sees a malformed one.
 */
public final class DeviceEventDecoder {

  private static final int MAX_TEXT = 1000;

  private final JsonPayloadParser parser;

  public DeviceEventDecoder(int maxPayloadBytes) {
    this.parser = new JsonPayloadParser(maxPayloadBytes);
  }

  public JsonObject decode(Buffer payload) {
    JsonObject json = parser.parse(payload);
    if ("report".equals(json.getValue("type"))) {
      return report(json);
    }
    String orderId = PayloadFields.requiredString(json, "orderId");
    String action = PayloadFields.requiredString(json, "action");
    JsonObject reply = new JsonObject().put("orderId", orderId).put("action", parse(() -> ReplyAction.fromWire(action)).wire());
    String reason = PayloadFields.optionalString(json, "reason");
    return reason == null ? reply : reply.put("reason", limit(reason));
  }

  private static JsonObject report(JsonObject json) {
    String incident = PayloadFields.requiredString(json, "incident");
    double severity = PayloadFields.requiredDouble(json, "severity");
    if (severity != Math.rint(severity) || severity < 1 || severity > 3) {
      throw new RejectedFixException(RejectReason.INVALID_VALUE, "severity must be 1, 2 or 3");
    }
    double lat = PayloadFields.requiredDouble(json, "lat");
    double lon = PayloadFields.requiredDouble(json, "lon");
    if (lat < -90 || lat > 90) {
      throw new RejectedFixException(RejectReason.LAT_OUT_OF_RANGE, "lat " + lat + " is outside -90..90");
    }
    if (lon < -180 || lon > 180) {
      throw new RejectedFixException(RejectReason.LON_OUT_OF_RANGE, "lon " + lon + " is outside -180..180");
    }
    String description = PayloadFields.optionalString(json, "description");
    return new JsonObject().put("type", "report").put("incident", parse(() -> IncidentType.fromWire(incident)).wire())
        .put("severity", (int) severity).put("lat", lat).put("lon", lon)
        .put("description", description == null ? "" : limit(description));
  }

  private static <T> T parse(java.util.function.Supplier<T> wire) {
    try {
      return wire.get();
    } catch (IllegalArgumentException e) {
      throw new RejectedFixException(RejectReason.INVALID_VALUE, e.getMessage());
    }
  }

  private static String limit(String s) {
    return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT);
  }
}
