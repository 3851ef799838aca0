package org.lamplight.domain.org;

import java.util.List;
import org.lamplight.domain.geo.GeoPoint;

/** A police office (警务室) of a station, with a community officer, covering some villages and committees. */
public record Office(String id, String name, String stationId, GeoPoint location, List<String> villageIds) {
  public Office {
    villageIds = List.copyOf(villageIds);
  }
}
