package org.lamplight.domain.dispatch;

import org.lamplight.domain.WireName;

/** The kind of an {@link IncidentEvent}, the durable timeline entry. */
public enum EventKind implements WireName {
  CREATED,
  OFFER_SENT,
  ACCEPTED,
  DECLINED,
  TIMED_OUT,
  RELEASED,
  ENROUTE,
  ON_SCENE,
  CLEARED,
  ASSIGNED_MANUALLY,
  UNIT_OFFLINE,
  UNIT_UNREACHABLE,
  UNIT_REACHABLE,
  ESCALATED,
  SHORTFALL,
  OFFICER_NOTIFIED,
  STATION_NOTIFIED,
  COUNTY_NOTIFIED,
  EXTERNAL_NOTIFIED,
  REMINDED,
  RESOLVED,
  CANCELLED,
  CLOSED,
  /** A dispatcher's note ({@code text}). */
  NOTE_ADDED,
  /** A dispatcher corrected one field of the report ({@code field}, its old and new value). */
  EDITED;

  public static EventKind fromWire(String wire) {
    return WireName.parse(EventKind.class, wire);
  }
}
