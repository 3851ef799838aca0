package org.lamplight.domain.dispatch;

import org.lamplight.domain.WireName;

/** What happened. */
public enum IncidentType implements WireName {
  FIRE, TRAFFIC, SECURITY, RESCUE, OTHER;

  public static IncidentType fromWire(String wire) {
    return WireName.parse(IncidentType.class, wire);
  }
}
