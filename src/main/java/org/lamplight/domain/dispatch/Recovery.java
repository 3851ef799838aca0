package org.lamplight.domain.dispatch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What to re-establish after a restart (or a cluster node's adoption) from the incidents in
 * storage: the claims their active assignments hold, the timers of offers still pending, of
 * escalation deadlines still running and of reminders still to come ({@link Effect.ArmTimer},
 * {@link Effect.ArmEscalation}, {@link Effect.ArmReminder}), and the offers, deadlines and
 * reminders that fell due while nobody was watching, to be fed to the engine at once.
 */
public record Recovery(List<HeldUnit> claims, List<Effect> timers, List<DispatchEvent> due) {

  /** A unit an incident held when it was last stored. */
  public record HeldUnit(String unitId, String incidentId) {}

  public Recovery {
    claims = List.copyOf(claims);
    timers = List.copyOf(timers);
    due = List.copyOf(due);
  }

  public static Recovery of(Collection<Incident> incidents, long nowMs) {
    List<HeldUnit> claims = new ArrayList<>();
    List<Effect> timers = new ArrayList<>();
    List<DispatchEvent> due = new ArrayList<>();
    for (Incident incident : incidents) {
      if (incident.escalateAtMs() > nowMs) {
        timers.add(new Effect.ArmEscalation(incident.id(), incident.level(), incident.escalateAtMs()));
      } else if (incident.escalateAtMs() > 0) {
        due.add(new DispatchEvent.EscalationDue(incident.id(), incident.level()));
      }
      if (incident.remindAtMs() > nowMs) {
        timers.add(new Effect.ArmReminder(incident.id(), incident.remindAtMs()));
      } else if (incident.remindAtMs() > 0) {
        due.add(new DispatchEvent.ReminderDue(incident.id()));
      }
      for (Assignment assignment : incident.activeAssignments()) {
        claims.add(new HeldUnit(assignment.unitId(), incident.id()));
        if (assignment.status() != AssignmentStatus.OFFERED) {
          continue;
        }
        if (assignment.expiresAtMs() > nowMs) {
          timers.add(new Effect.ArmTimer(incident.id(), assignment.orderId(), assignment.expiresAtMs()));
        } else {
          due.add(new DispatchEvent.OfferExpired(incident.id(), assignment.orderId()));
        }
      }
    }
    return new Recovery(claims, timers, due);
  }
}
