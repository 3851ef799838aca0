package org.lamplight.domain.alert;

import org.lamplight.domain.WireName;

/** How urgently the console must show an alert. */
public enum AlertLevel implements WireName {
  INFO, WARNING, CRITICAL;

  public static AlertLevel fromWire(String wire) {
    return WireName.parse(AlertLevel.class, wire);
  }
}
