package org.lamplight.domain.dispatch;

import org.lamplight.domain.org.UnitKind;
import java.util.Objects;

/**
 * One unit's part in an incident, from offer (or direct assignment) to its end. The order id is
 * what the device quotes in its replies.
 *
 * @param expiresAtMs the reply deadline of an offer; 0 for units assigned without an offer
 * @param reason why the assignment ended (decline reason, "offline", ...); null otherwise
 */
public record Assignment(String unitId, String deviceId, UnitKind kind, String orderId,
    AssignmentStatus status, long offeredAtMs, long expiresAtMs, long updatedAtMs, String reason) {

  public Assignment {
    Objects.requireNonNull(unitId, "unitId");
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(status, "status");
  }

  static Assignment offered(UnitSnapshot unit, String orderId, long nowMs, long expiresAtMs) {
    return new Assignment(unit.unitId(), unit.deviceId(), unit.kind(), orderId,
        AssignmentStatus.OFFERED, nowMs, expiresAtMs, nowMs, null);
  }

  /** A unit that reported the incident itself or was assigned by a dispatcher: no offer to answer. */
  static Assignment accepted(UnitSnapshot unit, String orderId, long nowMs) {
    return new Assignment(unit.unitId(), unit.deviceId(), unit.kind(), orderId,
        AssignmentStatus.ACCEPTED, nowMs, 0, nowMs, null);
  }

  Assignment movedTo(AssignmentStatus next, long nowMs, String why) {
    return new Assignment(unitId, deviceId, kind, orderId, next, offeredAtMs, expiresAtMs, nowMs, why);
  }

  public boolean isAuxiliary() {
    return kind == UnitKind.AUXILIARY;
  }
}
