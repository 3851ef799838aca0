package org.lamplight.domain.org;

import java.util.List;
import org.lamplight.domain.geo.GeoPoint;

/** A township (乡镇) or urban sub-district (街道); {@code outline} is a closed ring. */
public record Township(String id, String name, AreaKind kind, GeoPoint center, List<GeoPoint> outline) {
  public Township {
    outline = List.copyOf(outline);
  }

  public enum AreaKind { TOWNSHIP, SUBDISTRICT }
}
