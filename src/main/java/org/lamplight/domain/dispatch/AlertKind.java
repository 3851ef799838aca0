package org.lamplight.domain.dispatch;

import org.lamplight.domain.WireName;

/** What an alert is about. */
public enum AlertKind implements WireName {
  ESCALATION, SHORTFALL, COUNTY, UNIT_OFFLINE, NO_COVERAGE, OFFICER_UNAVAILABLE, PHONE_TASK, REMINDER;

  public static AlertKind fromWire(String wire) {
    return WireName.parse(AlertKind.class, wire);
  }
}
