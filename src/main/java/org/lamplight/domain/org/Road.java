package org.lamplight.domain.org;

import java.util.List;
import org.lamplight.domain.geo.GeoPoint;

/** A road of the basemap and of simulated patrols: county roads join townships, village roads join villages to them. */
public record Road(String id, String name, RoadKind kind, List<GeoPoint> points) {
  public Road {
    points = List.copyOf(points);
  }

  public enum RoadKind { COUNTY, TOWNSHIP, VILLAGE }
}
