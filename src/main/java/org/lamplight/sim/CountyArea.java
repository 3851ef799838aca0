package org.lamplight.sim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.lamplight.domain.geo.GeoPoint;

/** The county's land as the union of its township outlines, for placing incidents at random. */
final class CountyArea {

  private final List<List<GeoPoint>> outlines;
  private final double minLat;
  private final double maxLat;
  private final double minLon;
  private final double maxLon;

  CountyArea(List<List<GeoPoint>> outlines) {
    if (outlines.isEmpty()) {
      throw new IllegalArgumentException("the county has no township outlines");
    }
    this.outlines = List.copyOf(outlines);
    this.minLat = outlines.stream().flatMap(List::stream).mapToDouble(GeoPoint::lat).min().orElseThrow();
    this.maxLat = outlines.stream().flatMap(List::stream).mapToDouble(GeoPoint::lat).max().orElseThrow();
    this.minLon = outlines.stream().flatMap(List::stream).mapToDouble(GeoPoint::lon).min().orElseThrow();
    this.maxLon = outlines.stream().flatMap(List::stream).mapToDouble(GeoPoint::lon).max().orElseThrow();
  }

  /** The townships of {@code GET /api/org}, whose outlines are rings of [lat, lon]. */
  static CountyArea fromOrg(JsonObject org) {
    List<List<GeoPoint>> outlines = new ArrayList<>();
    for (Object t : org.getJsonArray("townships")) {
      List<GeoPoint> ring = new ArrayList<>();
      for (Object p : ((JsonObject) t).getJsonArray("outline")) {
        ring.add(new GeoPoint(((JsonArray) p).getDouble(0), ((JsonArray) p).getDouble(1)));
      }
      outlines.add(ring);
    }
    return new CountyArea(outlines);
  }

  /** A uniformly random point inside the county (rejection sampling over its bounding box). */
  GeoPoint randomPoint(Random random) {
    for (int attempt = 0; attempt < 10_000; attempt++) {
      double lat = minLat + random.nextDouble() * (maxLat - minLat);
      double lon = minLon + random.nextDouble() * (maxLon - minLon);
      if (contains(lat, lon)) {
        return new GeoPoint(lat, lon);
      }
    }
    throw new IllegalStateException("the township outlines enclose no area");
  }

  boolean contains(double lat, double lon) {
    return outlines.stream().anyMatch(ring -> inside(ring, lat, lon));
  }

  /** Even-odd rule: a ray towards east crosses the outline an odd number of times from inside. */
  private static boolean inside(List<GeoPoint> ring, double lat, double lon) {
    boolean in = false;
    for (int i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
      GeoPoint a = ring.get(i);
      GeoPoint b = ring.get(j);
      if ((a.lat() > lat) != (b.lat() > lat)
          && lon < (b.lon() - a.lon()) * (lat - a.lat()) / (b.lat() - a.lat()) + a.lon()) {
        in = !in;
      }
    }
    return in;
  }
}
