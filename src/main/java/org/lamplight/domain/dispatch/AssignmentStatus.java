package org.lamplight.domain.dispatch;

import org.lamplight.domain.WireName;

/** Where one unit's assignment to an incident is. */
public enum AssignmentStatus implements WireName {
  OFFERED, ACCEPTED, ENROUTE, ON_SCENE, CLEARED, DECLINED, TIMED_OUT, RELEASED, CANCELLED;

  /** The unit's claim is held while the assignment is active. */
  public boolean isActive() {
    return this == OFFERED || this == ACCEPTED || this == ENROUTE || this == ON_SCENE;
  }

  /** The unit took the job: it counts towards the units the incident needs, even once cleared. */
  public boolean isCommitted() {
    return this == ACCEPTED || this == ENROUTE || this == ON_SCENE || this == CLEARED;
  }

  /** The unit was tried and dropped out; it is not offered this incident again. */
  public boolean isTried() {
    return this == DECLINED || this == TIMED_OUT || this == RELEASED;
  }

  public static AssignmentStatus fromWire(String wire) {
    return WireName.parse(AssignmentStatus.class, wire);
  }
}
