package org.lamplight.domain.org;

import org.lamplight.domain.geo.GeoPoint;

/** A village police workstation (警务工作站) of an office, with one auxiliary officer. */
public record Workstation(String id, String name, String officeId, GeoPoint location) {
}
