package org.lamplight.domain.area;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * An administrative area of the county: the county itself, a township (乡镇 or 街道), a village
 * (村) or an urban residential committee (社区).
 *
 * @param code unique within the county
 * @param parent the code of the enclosing area; null for the county
 * @param shape a Polygon or MultiPolygon in WGS84 with x = longitude and y = latitude; never
 *     changed after construction
 */
public record Area(String code, String name, AreaLevel level, String parent, Geometry shape) {

  public Area {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(shape, "shape");
  }
}
