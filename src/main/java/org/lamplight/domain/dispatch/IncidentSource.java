package org.lamplight.domain.dispatch;

import org.lamplight.domain.WireName;

/**
 * Where an incident report came from: typed in the console or sent by a client of the API, an
 * auxiliary's device, a call transferred from the 110 (police), 119 (fire) or 122 (traffic)
 * centre, or someone who walked into a station.
 */
public enum IncidentSource implements WireName {
  CONSOLE, API, DEVICE, TRANSFER_110, TRANSFER_119, TRANSFER_122, WALK_IN;

  public static IncidentSource fromWire(String wire) {
    return WireName.parse(IncidentSource.class, wire);
  }
}
