package org.lamplight.dispatch;

import org.lamplight.domain.dispatch.Assignment;
import org.lamplight.domain.dispatch.Incident;
import org.lamplight.domain.tracking.LiveUnits;

/**
 * Mirrors an incident's assignments onto the live units, so consoles colour them and rankings
 * skip them; a cluster node does the same for incidents other nodes drive.
 */
public final class UnitStates {

  /** On no incident: what a unit's dispatch state is unless an incident holds it. */
  public static final String AVAILABLE = "available";

  private UnitStates() {
  }

  public static void show(LiveUnits units, Incident incident) {
    for (Assignment a : incident.assignments()) {
      if (a.status().isActive()) {
        units.setDispatchState(a.unitId(), switch (a.status()) {
          case OFFERED -> "offered";
          case ACCEPTED -> "assigned";
          case ENROUTE -> "enroute";
          default -> "on_scene";
        }, incident.id());
      } else if (units.unit(a.unitId()).map(u -> incident.id().equals(u.incidentId())).orElse(false)) {
        units.setDispatchState(a.unitId(), AVAILABLE, null);
      }
    }
  }
}
