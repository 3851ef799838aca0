package org.lamplight.domain.area;

import org.lamplight.domain.WireName;

/** Where an administrative area sits in the county's hierarchy. */
public enum AreaLevel implements WireName {
  COUNTY, TOWNSHIP, VILLAGE, COMMITTEE;

  /** Villages (村) and urban residential committees (社区) are what patrols cover and workstations serve. */
  public boolean isVillageLike() {
    return this == VILLAGE || this == COMMITTEE;
  }

  public static AreaLevel fromWire(String wire) {
    return WireName.parse(AreaLevel.class, wire);
  }
}
