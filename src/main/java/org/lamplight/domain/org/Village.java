package org.lamplight.domain.org;

import org.lamplight.domain.geo.GeoPoint;

/** A village (村) or urban residential committee (社区), covered by one workstation. */
public record Village(String id, String name, VillageKind kind, String townshipId, String workstationId, GeoPoint location) {
  public enum VillageKind { VILLAGE, COMMITTEE }
}
