package org.lamplight.domain.tracking;

import org.lamplight.domain.org.Person;

/**
 * An immutable snapshot of one unit's live state; {@code fix} is null until the first fix.
 *
 * @param deviceId where orders go: the online device with the best channel, else the device the
 *     unit was last heard from, at first its first device; null for a person without a device
 * @param channel the best order channel among the unit's online devices ({@code NONE} when offline)
 * @param online whether any of the unit's devices is online
 * @param retired the person left the county's roster: kept only so that what refers to the unit
 *     (open incidents, history) can still name it
 */
public record UnitView(Person person, String deviceId, OrderChannel channel, PositionFix fix, boolean online,
                       boolean onDuty, boolean sos, long lastSeenMs, String dispatchState, String incidentId,
                       long version, boolean retired) {

  /** The status a dispatcher sees: offline and off duty override what dispatch says. */
  public String status() {
    if (retired) {
      return "retired";
    }
    if (!online) {
      return "offline";
    }
    if (!onDuty) {
      return "off_duty";
    }
    return dispatchState;
  }
}
