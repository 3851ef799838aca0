package org.lamplight.domain.ledger;

import org.lamplight.domain.WireName;

/**
 * Where a hazard is in its life: reported → rectification ordered (with a deadline) → rectified →
 * verified, or closed as not a hazard from reported or ordered.
 */
public enum HazardStatus implements WireName {
  /** 已上报: found and written down. */
  REPORTED,
  /** 限期整改: the owner was ordered to put it right by a deadline. */
  ORDERED,
  /** 已整改: put right, waiting for the officer's check. */
  RECTIFIED,
  /** 已复查: the officer checked the rectification. Final. */
  VERIFIED,
  /** 不构成隐患: closed, it was not a hazard after all. Final. */
  NOT_A_HAZARD;

  public boolean isClosed() {
    return this == VERIFIED || this == NOT_A_HAZARD;
  }

  public static HazardStatus fromWire(String wire) {
    return WireName.parse(HazardStatus.class, wire);
  }
}
