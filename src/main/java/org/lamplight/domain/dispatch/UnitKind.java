package org.lamplight.domain.dispatch;

/** Auxiliary officers (one per village workstation) are ranked as first responders; community officers are notified or assigned by the response plan. */
public enum UnitKind implements WireName {
  AUXILIARY, OFFICER;

  public static UnitKind fromWire(String wire) {
    return WireName.parse(UnitKind.class, wire);
  }
}
