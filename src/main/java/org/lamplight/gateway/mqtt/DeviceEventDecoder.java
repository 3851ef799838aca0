package org.lamplight.gateway.mqtt;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.function.Supplier;
import org.lamplight.domain.dispatch.IncidentType;
import org.lamplight.domain.dispatch.ReplyAction;
import org.lamplight.domain.ledger.LedgerKind;
import org.lamplight.domain.tracking.RejectReason;
import org.lamplight.domain.tracking.RejectedFixException;
import org.lamplight.gateway.JsonPayloadParser;
import org.lamplight.gateway.PayloadFields;

/**
 * A device's {@code events} message, checked and returned in normal form so that no one
 * downstream (dispatch, the ledger) sees a malformed one:
 * <ul>
 *   <li>a reply to an order, {@code {"orderId","action","reason"?}};
 *   <li>an incident report, {@code {"type":"report","incident","severity","lat","lon",
 *       "description"?,"clientId"?,"photoId"?}}: its {@code clientId} makes it idempotent, as a
 *       report sent again names the same incident;
 *   <li>a work ledger entry, {@code {"type":"ledger","kind","village"?,"lat"?,"lon"?,"note"?,
 *       "count"?,"clientId"?,"photoId"?,"ts"?}}: its {@code clientId} tells a resent entry from a new one.
 * </ul>
 */
public final class DeviceEventDecoder {

  private static final int MAX_TEXT = 1000;
  /** What people type: it may hold line breaks and tabs. */
  private static final Set<String> FREE_TEXT = Set.of("reason", "description", "note");
  private static final String[] CLIENT_IDS = {"clientId", "photoId"};
  private static final int MAX_ID = 128;
  /** Households visited on one round, people at one talk: more than this is a typing error. */
  private static final int MAX_COUNT = 10_000;

  private final JsonPayloadParser parser;

  public DeviceEventDecoder(int maxPayloadBytes) {
    this.parser = new JsonPayloadParser(maxPayloadBytes);
  }

  public JsonObject decode(Buffer payload) {
    JsonObject json = parser.parse(payload);
    PayloadFields.refuseControlCharacters(json, FREE_TEXT);
    if ("report".equals(json.getValue("type"))) {
      return report(json);
    }
    if ("ledger".equals(json.getValue("type"))) {
      return ledger(json);
    }
    String orderId = PayloadFields.requiredString(json, "orderId");
    String action = PayloadFields.requiredString(json, "action");
    JsonObject reply = new JsonObject().put("orderId", orderId).put("action", parse(() -> ReplyAction.fromWire(action)).wire());
    String reason = PayloadFields.optionalString(json, "reason");
    return reason == null ? reply : reply.put("reason", limit(reason));
  }

  /** Whether a decoded event is an incident report. */
  public static boolean isReport(JsonObject event) {
    return "report".equals(event.getString("type"));
  }

  /** Whether a decoded event is a work ledger entry. */
  public static boolean isLedgerEntry(JsonObject event) {
    return "ledger".equals(event.getString("type"));
  }

  private static JsonObject report(JsonObject json) {
    String incident = PayloadFields.requiredString(json, "incident");
    double severity = PayloadFields.requiredDouble(json, "severity");
    if (severity != Math.rint(severity) || severity < 1 || severity > 3) {
      throw new RejectedFixException(RejectReason.INVALID_VALUE, "severity must be 1, 2 or 3");
    }
    double lat = PayloadFields.requiredDouble(json, "lat");
    double lon = PayloadFields.requiredDouble(json, "lon");
    checkPosition(lat, lon);
    String description = PayloadFields.optionalString(json, "description");
    JsonObject report = new JsonObject().put("type", "report")
        .put("incident", parse(() -> IncidentType.fromWire(incident)).wire())
        .put("severity", (int) severity).put("lat", lat).put("lon", lon)
        .put("description", description == null ? "" : limit(description));
    return withClientIds(json, report);
  }

  /** A ledger entry: the kind, where (a village, a position, or neither: the unit's last fix), how many, when. */
  private static JsonObject ledger(JsonObject json) {
    String kind = PayloadFields.requiredString(json, "kind");
    JsonObject entry = new JsonObject().put("type", "ledger").put("kind", parse(() -> LedgerKind.fromWire(kind)).wire());
    String village = PayloadFields.optionalString(json, "village");
    if (village != null) {
      entry.put("village", id("village", village));
    }
    double lat = PayloadFields.optionalDouble(json, "lat");
    double lon = PayloadFields.optionalDouble(json, "lon");
    if (Double.isNaN(lat) != Double.isNaN(lon)) {
      throw new RejectedFixException(RejectReason.MISSING_FIELD, "lat and lon go together");
    }
    if (!Double.isNaN(lat)) {
      checkPosition(lat, lon);
      entry.put("lat", lat).put("lon", lon);
    }
    double count = PayloadFields.optionalDouble(json, "count");
    if (!Double.isNaN(count) && (count != Math.rint(count) || count < 1 || count > MAX_COUNT)) {
      throw new RejectedFixException(RejectReason.INVALID_VALUE, "count must be a whole number 1.." + MAX_COUNT);
    }
    entry.put("count", Double.isNaN(count) ? 1 : (int) count);
    String note = PayloadFields.optionalString(json, "note");
    entry.put("note", note == null ? "" : limit(note));
    String clientId = PayloadFields.optionalString(json, "clientId");
    if (clientId != null) {
      entry.put("clientId", id("clientId", clientId));
    }
    String photoId = PayloadFields.optionalString(json, "photoId");
    if (photoId != null) {
      entry.put("photoId", id("photoId", photoId));
    }
    Long ts = PayloadFields.optionalEpochMs(json, "ts");
    if (ts != null) {
      entry.put("ts", ts);
    }
    return entry;
  }

  private static String id(String field, String value) {
    if (value.isBlank() || value.length() > MAX_ID) {
      throw new RejectedFixException(RejectReason.INVALID_VALUE, field + " must be 1.." + MAX_ID + " characters");
    }
    return value;
  }

  private static void checkPosition(double lat, double lon) {
    if (lat < -90 || lat > 90) {
      throw new RejectedFixException(RejectReason.LAT_OUT_OF_RANGE, "lat " + lat + " is outside -90..90");
    }
    if (lon < -180 || lon > 180) {
      throw new RejectedFixException(RejectReason.LON_OUT_OF_RANGE, "lon " + lon + " is outside -180..180");
    }
  }

  /** A report's client id and photo id, shaped like device ids: the client id becomes part of an incident id. */
  private static JsonObject withClientIds(JsonObject json, JsonObject normal) {
    for (String field : CLIENT_IDS) {
      String value = PayloadFields.optionalId(json, field);
      if (value != null) {
        normal.put(field, value);
      }
    }
    return normal;
  }

  private static <T> T parse(Supplier<T> wire) {
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
