package org.lamplight.domain.dispatch;

import java.util.Objects;
import org.lamplight.domain.org.UnitKind;
import org.lamplight.domain.tracking.OrderChannel;

/**
 * What dispatch needs to know about one unit at the moment it asks.
 *
 * @param deviceId where orders go (the online device that can answer them); null for a person
 *     without a device
 * @param channel what the unit can be told through its online devices: only a unit with
 *     {@link OrderChannel#ORDERS} sees an offer; the others are phoned by a dispatcher
 * @param workstationId the village workstation an auxiliary belongs to (null for officers)
 * @param officeId the police office the unit belongs to
 * @param stationId the police station above that office
 * @param fixTimestampMs when the last position was taken; 0 when the unit never sent one
 */
public record UnitSnapshot(String unitId, String deviceId, UnitKind kind, String workstationId,
    String officeId, String stationId, boolean online, boolean onDuty, OrderChannel channel, double lat, double lon,
    long fixTimestampMs) {

  public UnitSnapshot {
    Objects.requireNonNull(unitId, "unitId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(channel, "channel");
  }

  /** Whether an offer sent to the unit's device can be seen and answered there. */
  public boolean canReceiveOffers() {
    return channel.canOffer();
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
