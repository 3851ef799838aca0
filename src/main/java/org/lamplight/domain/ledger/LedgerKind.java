package org.lamplight.domain.ledger;

import org.lamplight.domain.WireName;

/** What a ledger (台账) entry records. */
public enum LedgerKind implements WireName {
  /** 入户走访: a visit to a household. */
  HOUSEHOLD_VISIT,
  /** 火灾隐患: a fire hazard found. */
  FIRE_HAZARD,
  /** 交通隐患: a traffic hazard found. */
  TRAFFIC_HAZARD,
  /** 治安隐患: a public-security hazard found. */
  SECURITY_HAZARD,
  /** 矛盾纠纷调解: a dispute mediated. */
  DISPUTE_MEDIATED,
  /** 安全宣传: a safety talk or outreach. */
  SAFETY_TALK,
  OTHER;

  /** Hazards go through the rectification life cycle of {@link HazardLifecycle}. */
  public boolean isHazard() {
    return this == FIRE_HAZARD || this == TRAFFIC_HAZARD || this == SECURITY_HAZARD;
  }

  public static LedgerKind fromWire(String wire) {
    return WireName.parse(LedgerKind.class, wire);
  }
}
