package org.lamplight.domain.org;

import org.lamplight.domain.geo.GeoPoint;

/** A police station (派出所), responsible for one township or a group of sub-districts. */
public record Station(String id, String name, String townshipId, GeoPoint location) {
}
