package org.lamplight.domain.dispatch;

import java.util.Optional;
import java.util.Set;

/**
 * Which incident holds which unit. A unit is never held by two incidents: {@link #tryClaim} is
 * atomic. The engine only reaches claims through this interface, so a cluster-wide
 * implementation can replace {@link MapUnitClaims}.
 */
public interface UnitClaims {

  /** What claiming a unit found. */
  enum Claim {
    /** The unit was free and is the incident's now. */
    TAKEN,
    /** The incident held the unit already. */
    HELD,
    /** Another incident holds the unit. */
    REFUSED
  }

  /** Claims the unit for the incident, atomically. */
  Claim claim(String unitId, String incidentId);

  /**
   * Claims the unit for the incident. True when the unit was free or already held by this
   * incident (so re-claiming after a restart is harmless), false when another incident holds it.
   */
  default boolean tryClaim(String unitId, String incidentId) {
    return claim(unitId, incidentId) != Claim.REFUSED;
  }

  /** Frees the unit if, and only if, this incident holds it. */
  void release(String unitId, String incidentId);

  /** The incident holding the unit, if any. */
  Optional<String> holder(String unitId);

  /**
   * Frees every unit the incident holds except {@code keep}: after a restart or an adoption the
   * stored incident is the truth, and a node that died mid-decision may have claimed more.
   */
  void retain(String incidentId, Set<String> keep);
}
