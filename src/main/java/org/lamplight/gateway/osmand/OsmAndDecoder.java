package org.lamplight.gateway.osmand;

import static org.lamplight.gateway.PayloadFields.deviceId;
import static org.lamplight.gateway.PayloadFields.optionalNumber;
import static org.lamplight.gateway.PayloadFields.parseTimestamp;
import static org.lamplight.gateway.PayloadFields.requiredNumber;

import io.vertx.core.MultiMap;
import org.lamplight.domain.tracking.FixSource;
import org.lamplight.domain.tracking.PositionFix;
import org.lamplight.domain.tracking.RejectReason;
import org.lamplight.domain.tracking.RejectedFixException;

/**
 * Decodes the OsmAnd protocol as Traccar Client and OsmAnd send it: query string or form
 * parameters {@code id} (or {@code deviceid}), {@code timestamp}, {@code lat} and {@code lon}
 * (or {@code location=lat,lon}), {@code speed} in knots, {@code bearing} (or {@code heading}),
 * {@code altitude}, {@code accuracy}, {@code batt} and our {@code key}. Other parameters are
 * ignored. Empty parameters count as absent.
 */
public final class OsmAndDecoder {

  /** A knot is one nautical mile (1852 m) per hour. */
  static final double MPS_PER_KNOT = 1852.0 / 3600.0;

  /** @param nowMs the fix time when the device sent no timestamp */
  public OsmAndRequest decode(MultiMap params, long nowMs) {
    String id = param(params, "id");
    String deviceId = id != null
        ? deviceId("id", id)
        : deviceId("deviceid", param(params, "deviceid"));
    String timestamp = param(params, "timestamp");
    String lat = param(params, "lat");
    String lon = param(params, "lon");
    String location = param(params, "location");
    if (lat == null && lon == null && location != null) {
      int comma = location.indexOf(',');
      if (comma < 0 || location.indexOf(',', comma + 1) >= 0) {
        throw new RejectedFixException(RejectReason.WRONG_TYPE, "location must be lat,lon");
      }
      lat = location.substring(0, comma).trim();
      lon = location.substring(comma + 1).trim();
    }
    double bearing = number(params, "bearing");
    PositionFix fix = new PositionFix(deviceId,
        requiredNumber("lat", lat),
        requiredNumber("lon", lon),
        timestamp == null ? nowMs : parseTimestamp("timestamp", timestamp),
        number(params, "accuracy"),
        number(params, "speed") * MPS_PER_KNOT,
        PositionFix.has(bearing) ? bearing : number(params, "heading"),
        number(params, "altitude"),
        number(params, "batt"),
        FixSource.OSMAND);
    return new OsmAndRequest(deviceId, param(params, "key"), fix);
  }

  private static double number(MultiMap params, String name) {
    return optionalNumber(name, param(params, name));
  }

  private static String param(MultiMap params, String name) {
    String value = params.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }
}
