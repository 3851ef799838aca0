package org.lamplight.domain.org;

import java.util.List;
import org.lamplight.domain.WireName;
import org.lamplight.domain.geo.GeoPoint;

/** A road of the basemap and of simulated patrols: county roads join townships, village roads join villages to them. */
public record Road(String id, String name, RoadKind kind, List<GeoPoint> points) {
  public Road {
    points = List.copyOf(points);
  }

  /** The kinds a county's {@code roads.geojson} knows, from the widest to the narrowest. */
  public enum RoadKind implements WireName {
    COUNTY, TOWNSHIP, VILLAGE;

    public static RoadKind fromWire(String wire) {
      return WireName.parse(RoadKind.class, wire);
    }
  }
}
