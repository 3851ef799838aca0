package org.lamplight.domain.evaluation;

import org.lamplight.domain.WireName;

/** What is evaluated: police offices (警务室) and workstations (警务工作站), officers and auxiliaries. */
public enum SubjectKind implements WireName {
  OFFICE, WORKSTATION, OFFICER, AUXILIARY;

  /** The brigade inspects offices and workstations, not people. */
  public boolean isInspected() {
    return this == OFFICE || this == WORKSTATION;
  }

  public static SubjectKind fromWire(String wire) {
    return WireName.parse(SubjectKind.class, wire);
  }
}
