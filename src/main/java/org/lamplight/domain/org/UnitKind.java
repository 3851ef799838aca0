package org.lamplight.domain.org;

import org.lamplight.domain.WireName;

/** What a person is: an auxiliary of a workstation or the community officer of an office. */
public enum UnitKind implements WireName {
  AUXILIARY, OFFICER;

  public static UnitKind fromWire(String wire) {
    return WireName.parse(UnitKind.class, wire);
  }
}
