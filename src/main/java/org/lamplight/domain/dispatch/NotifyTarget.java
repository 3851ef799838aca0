package org.lamplight.domain.dispatch;

import org.lamplight.domain.WireName;

/** Who is told about an incident without being dispatched to it. */
public enum NotifyTarget implements WireName {
  OFFICER(EventKind.OFFICER_NOTIFIED),
  STATION(EventKind.STATION_NOTIFIED),
  COUNTY(EventKind.COUNTY_NOTIFIED),
  EXTERNAL(EventKind.EXTERNAL_NOTIFIED);

  private final EventKind eventKind;

  NotifyTarget(EventKind eventKind) {
    this.eventKind = eventKind;
  }

  /** The timeline entry recorded when this target is notified. */
  public EventKind eventKind() {
    return eventKind;
  }

  public static NotifyTarget fromWire(String wire) {
    return WireName.parse(NotifyTarget.class, wire);
  }
}
