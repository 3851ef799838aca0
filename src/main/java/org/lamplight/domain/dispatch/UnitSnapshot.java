package org.lamplight.domain.dispatch;

import org.lamplight.domain.org.UnitKind;
import java.util.Objects;

/**
 * What dispatch needs to know about one unit at the moment it asks.
 *
 * @param workstationId the village workstation an auxiliary belongs to (null for officers)
 * @param officeId the police office the unit belongs to
 * @param stationId the police station above that office
 * @param fixTimestampMs when the last position was taken; 0 when the unit never sent one
 */
public record UnitSnapshot(String unitId, String deviceId, UnitKind kind, String workstationId,
    String officeId, String stationId, boolean online, boolean onDuty, double lat, double lon,
    long fixTimestampMs) {

  public UnitSnapshot {
    Objects.requireNonNull(unitId, "unitId");
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(kind, "kind");
  }

  /** Online and on duty: the unit can be reached and may be sent. */
  public boolean isAvailable() {
    return online && onDuty;
  }

  /** The last position is recent enough to rank the unit by it. */
  public boolean hasFixWithin(long maxAgeMs, long nowMs) {
    return fixTimestampMs > 0 && nowMs - fixTimestampMs <= maxAgeMs;
  }
}
