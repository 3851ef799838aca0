package org.lamplight.domain.tracking;

import org.lamplight.domain.org.Person;

/**
 * An immutable snapshot of one unit's live state; {@code fix} is null until the first fix.
 * {@code deviceId} is the device the unit was last heard from (orders go there), at first its
 * first device; null for a person without a device.
 */
public record UnitView(Person person, String deviceId, PositionFix fix, boolean online, boolean onDuty, boolean sos, long lastSeenMs,
                       String dispatchState, String incidentId, long version) {

  /** The status a dispatcher sees: offline and off duty override what dispatch says. */
  public String status() {
    if (!online) {
      return "offline";
    }
    if (!onDuty) {
      return "off_duty";
    }
    return dispatchState;
  }
}
