package org.lamplight.domain.dispatch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What to re-establish after a restart from the incidents in storage: the claims their active
 * assignments hold, timers for offers still pending, and offers whose deadline passed while
 * nobody was watching, to be fed to the engine at once.
 */
public record Recovery(List<HeldUnit> claims, List<Effect.ArmTimer> timers,
    List<DispatchEvent.OfferExpired> dueOffers) {

  /** A unit an incident held when it was last stored. */
  public record HeldUnit(String unitId, String incidentId) {}

  public Recovery {
    claims = List.copyOf(claims);
    timers = List.copyOf(timers);
    dueOffers = List.copyOf(dueOffers);
  }

  public static Recovery of(Collection<Incident> incidents, long nowMs) {
    List<HeldUnit> claims = new ArrayList<>();
    List<Effect.ArmTimer> timers = new ArrayList<>();
    List<DispatchEvent.OfferExpired> due = new ArrayList<>();
    for (Incident incident : incidents) {
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
