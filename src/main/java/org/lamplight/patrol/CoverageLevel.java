package org.lamplight.patrol;

import org.lamplight.domain.WireName;

/** What coverage figures are given for: each village, workstation, office, station or unit. */
public enum CoverageLevel implements WireName {
  VILLAGE, WORKSTATION, OFFICE, STATION, UNIT;

  public static CoverageLevel fromWire(String wire) {
    return WireName.parse(CoverageLevel.class, wire);
  }
}
