package org.lamplight.domain.org;

import java.util.List;
import org.lamplight.domain.geo.GeoPoint;

/** A police station (派出所), responsible for one or more townships (a town's sub-districts often share one). */
public record Station(String id, String name, GeoPoint location, List<String> townshipIds) {
  public Station {
    townshipIds = List.copyOf(townshipIds);
  }
}
