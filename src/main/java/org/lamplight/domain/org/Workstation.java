package org.lamplight.domain.org;

import org.lamplight.domain.geo.GeoPoint;

/** A village police workstation (警务工作站) of an office, in one village or committee, staffed by auxiliaries. */
public record Workstation(String id, String name, String officeId, String villageId, GeoPoint location) {
}
