package org.lamplight.domain.dispatch;

import java.util.Objects;
import org.lamplight.domain.org.UnitKind;

/**
 * One unit's part in an incident, from offer (or direct assignment) to its end. The order id is
 * what the device quotes in its replies.
 *
 * @param deviceId the device the unit was reached on when it was offered or assigned (orders go to
 *     the device that can answer them at the time they are sent); null for a person without one
 * @param expiresAtMs the reply deadline of an offer; 0 for units assigned without an offer
 * @param reason why the assignment ended (decline reason, "offline", ...); null otherwise
 * @param byPhone the unit's devices cannot show an offer: a dispatcher phones the unit and
 *     answers for it, and no order is sent to its devices
 * @param unreachable the unit took the job and then lost its connection, or was assigned while
 *     offline: it stays on the incident, marked, until it is back
 * @param travel how far it was when offered, as ranked; null for units assigned without ranking
 *     (a reporter, a dispatcher's choice, the covering officer)
 */
public record Assignment(String unitId, String deviceId, UnitKind kind, String orderId,
    AssignmentStatus status, long offeredAtMs, long expiresAtMs, long updatedAtMs, String reason,
    boolean byPhone, boolean unreachable, Travel travel) {

  public Assignment {
    Objects.requireNonNull(unitId, "unitId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(status, "status");
  }

  static Assignment offered(UnitSnapshot unit, Travel travel, String orderId, long nowMs, long expiresAtMs) {
    return new Assignment(unit.unitId(), unit.deviceId(), unit.kind(), orderId,
        AssignmentStatus.OFFERED, nowMs, expiresAtMs, nowMs, null, !unit.canReceiveOffers(), false, travel);
  }

  /**
   * A unit that reported the incident itself or was assigned by a dispatcher: no offer to answer.
   * An offline unit's channel says nothing of its devices: it is unreachable, not phoned, and its
   * orders wait for its device.
   */
  static Assignment accepted(UnitSnapshot unit, String orderId, long nowMs) {
    return new Assignment(unit.unitId(), unit.deviceId(), unit.kind(), orderId,
        AssignmentStatus.ACCEPTED, nowMs, 0, nowMs, null, unit.online() && !unit.canReceiveOffers(), !unit.online(),
        null);
  }

  Assignment movedTo(AssignmentStatus next, long nowMs, String why) {
    return new Assignment(unitId, deviceId, kind, orderId, next, offeredAtMs, expiresAtMs, nowMs, why, byPhone,
        unreachable && next.isActive(), travel);
  }

  /** Marked as having lost its connection, or as back. */
  Assignment reachable(boolean reached, long nowMs) {
    return new Assignment(unitId, deviceId, kind, orderId, status, offeredAtMs, expiresAtMs, nowMs, reason, byPhone,
        !reached, travel);
  }

  public boolean isAuxiliary() {
    return kind == UnitKind.AUXILIARY;
  }
}
