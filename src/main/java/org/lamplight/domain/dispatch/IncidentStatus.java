package org.lamplight.domain.dispatch;

import org.lamplight.domain.WireName;

/** Where an incident is in its life; NEW is only seen inside the decision that creates it. */
public enum IncidentStatus implements WireName {
  NEW, DISPATCHING, ASSIGNED, ON_SCENE,
  /** Every unit on it reported clear: the dispatcher is to resolve it (and is reminded). */
  CLEARED,
  RESOLVED, CLOSED, CANCELLED;

  /** Units may still be offered, assigned and released. */
  public boolean isActive() {
    return this == NEW || this == DISPATCHING || this == ASSIGNED || this == ON_SCENE || this == CLEARED;
  }

  /** Closed or cancelled: nothing more happens to it, and dispatch no longer holds it. */
  public boolean isFinished() {
    return this == CLOSED || this == CANCELLED;
  }

  public static IncidentStatus fromWire(String wire) {
    return WireName.parse(IncidentStatus.class, wire);
  }
}
