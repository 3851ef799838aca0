package org.lamplight.domain.ledger;

import java.util.Set;
import org.lamplight.domain.WireName;

/** A step of a hazard's life, as in {@code POST /api/hazards/{id}/{action}}. */
public enum HazardAction implements WireName {
  REPORT(HazardStatus.REPORTED, Set.of()),
  ORDER(HazardStatus.ORDERED, Set.of(HazardStatus.REPORTED)),
  RECTIFY(HazardStatus.RECTIFIED, Set.of(HazardStatus.ORDERED)),
  VERIFY(HazardStatus.VERIFIED, Set.of(HazardStatus.RECTIFIED)),
  DISMISS(HazardStatus.NOT_A_HAZARD, Set.of(HazardStatus.REPORTED, HazardStatus.ORDERED));

  private final HazardStatus target;
  private final Set<HazardStatus> from;

  HazardAction(HazardStatus target, Set<HazardStatus> from) {
    this.target = target;
    this.from = from;
  }

  /** The status the hazard has after this step. */
  public HazardStatus target() {
    return target;
  }

  /** Whether this step may be taken from a status; reporting starts a hazard and has none. */
  public boolean allowedFrom(HazardStatus status) {
    return from.contains(status);
  }

  public static HazardAction fromWire(String wire) {
    return WireName.parse(HazardAction.class, wire);
  }
}
