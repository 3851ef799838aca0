package org.lamplight.sim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lamplight.domain.geo.GeoPoint;
import org.lamplight.domain.org.Road;
import org.lamplight.domain.org.Road.RoadKind;

/**
 * The county's roads as a graph: every road vertex is a node, every stretch between two
 * consecutive vertices an edge. Roads join where they share a vertex (to about 10 cm), which is
 * how the demo county's village roads hang off each other and off the township centres.
 */
final class RoadNetwork {

  private final List<GeoPoint> nodes;
  private final int[][] neighbours;
  private final RoadKind[][] kinds;

  private RoadNetwork(List<GeoPoint> nodes, List<List<int[]>> edges) {
    this.nodes = List.copyOf(nodes);
    this.neighbours = new int[nodes.size()][];
    this.kinds = new RoadKind[nodes.size()][];
    for (int n = 0; n < nodes.size(); n++) {
      List<int[]> out = edges.get(n);
      neighbours[n] = new int[out.size()];
      kinds[n] = new RoadKind[out.size()];
      for (int i = 0; i < out.size(); i++) {
        neighbours[n][i] = out.get(i)[0];
        kinds[n][i] = RoadKind.values()[out.get(i)[1]];
      }
    }
  }

  static RoadNetwork of(List<Road> roads) {
    List<GeoPoint> nodes = new ArrayList<>();
    List<List<int[]>> edges = new ArrayList<>();
    Map<Long, Integer> byPlace = new HashMap<>();
    for (Road road : roads) {
      int previous = -1;
      for (GeoPoint p : road.points()) {
        int node = byPlace.computeIfAbsent(placeKey(p), k -> {
          nodes.add(p);
          edges.add(new ArrayList<>());
          return nodes.size() - 1;
        });
        if (previous >= 0 && previous != node && !linked(edges.get(previous), node)) {
          edges.get(previous).add(new int[] {node, road.kind().ordinal()});
          edges.get(node).add(new int[] {previous, road.kind().ordinal()});
        }
        previous = node;
      }
    }
    return new RoadNetwork(nodes, edges);
  }

  /** The roads of a basemap from {@code GET /api/basemap}: LineString features whose layer is "road". */
  static RoadNetwork fromBasemap(JsonObject featureCollection) {
    List<Road> roads = new ArrayList<>();
    for (Object f : featureCollection.getJsonArray("features")) {
      JsonObject feature = (JsonObject) f;
      JsonObject props = feature.getJsonObject("properties");
      JsonObject geometry = feature.getJsonObject("geometry");
      if (props == null || geometry == null || !"road".equals(props.getString("layer"))
          || !"LineString".equals(geometry.getString("type"))) {
        continue;
      }
      List<GeoPoint> points = new ArrayList<>();
      for (Object c : geometry.getJsonArray("coordinates")) {
        JsonArray lonLat = (JsonArray) c; // GeoJSON positions are [lon, lat]
        points.add(new GeoPoint(lonLat.getDouble(1), lonLat.getDouble(0)));
      }
      RoadKind kind = "county".equals(props.getString("kind", "").toLowerCase(Locale.ROOT)) ? RoadKind.COUNTY
          : RoadKind.VILLAGE;
      roads.add(new Road(props.getString("id", "road-" + roads.size()), props.getString("name", ""), kind, points));
    }
    return of(roads);
  }

  int size() {
    return nodes.size();
  }

  GeoPoint node(int n) {
    return nodes.get(n);
  }

  int[] neighbours(int n) {
    return neighbours[n];
  }

  /** The kind of road from {@code a} to its neighbour {@code b}. */
  RoadKind kind(int a, int b) {
    for (int i = 0; i < neighbours[a].length; i++) {
      if (neighbours[a][i] == b) {
        return kinds[a][i];
      }
    }
    throw new IllegalArgumentException("nodes " + a + " and " + b + " are not joined by a road");
  }

  /** The node nearest to {@code p}; a linear scan, done once per device at start. */
  int nearestNode(GeoPoint p) {
    if (nodes.isEmpty()) {
      throw new IllegalStateException("the basemap has no roads");
    }
    int best = 0;
    double bestDistance = Double.MAX_VALUE;
    for (int n = 0; n < nodes.size(); n++) {
      double d = nodes.get(n).distanceTo(p);
      if (d < bestDistance) {
        bestDistance = d;
        best = n;
      }
    }
    return best;
  }

  private static boolean linked(List<int[]> edges, int node) {
    return edges.stream().anyMatch(e -> e[0] == node);
  }

  /** Coordinates rounded to 1e-6 degrees (about 10 cm) and packed into one long. */
  private static long placeKey(GeoPoint p) {
    long lat = Math.round(p.lat() * 1e6) + 90_000_000L;
    long lon = Math.round(p.lon() * 1e6) + 180_000_000L;
    return lat << 32 | lon;
  }
}
