package org.lamplight.domain.tracking;

import org.lamplight.domain.WireName;

/** Which device protocol a fix arrived over. */
public enum FixSource implements WireName {
  LAMPLIGHT,
  OWNTRACKS,
  OSMAND,
  TRACCAR_JSON,
  SIMULATOR;

  public static FixSource fromWire(String wire) {
    return WireName.parse(FixSource.class, wire);
  }
}
