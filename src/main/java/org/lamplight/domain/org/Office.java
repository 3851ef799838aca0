package org.lamplight.domain.org;

import org.lamplight.domain.geo.GeoPoint;

/** A police office (警务室) of a station, with one community officer. */
public record Office(String id, String name, String stationId, GeoPoint location) {
}
