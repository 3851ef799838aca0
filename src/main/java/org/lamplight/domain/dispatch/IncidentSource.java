package org.lamplight.domain.dispatch;

import org.lamplight.domain.WireName;

/** Where an incident report came from. */
public enum IncidentSource implements WireName {
  CONSOLE, API, DEVICE;

  public static IncidentSource fromWire(String wire) {
    return WireName.parse(IncidentSource.class, wire);
  }
}
