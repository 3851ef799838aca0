package org.lamplight.domain.org;

import org.lamplight.domain.geo.GeoPoint;

/**
 * A unit that can be dispatched: an auxiliary (辅警) of a workstation, or the community officer
 * (社区民警) of an office. {@code workstationId} is null for officers.
 */
public record Person(String id, String name, UnitKind kind, String workstationId, String officeId, String stationId,
                     GeoPoint home) {

  /** The device a person carries is named after the person: one device per unit. */
  public String deviceId() {
    return deviceIdOf(id);
  }

  public static String deviceIdOf(String unitId) {
    return "dev-" + unitId;
  }
}
