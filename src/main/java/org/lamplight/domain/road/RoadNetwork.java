package org.lamplight.domain.road;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.lamplight.domain.geo.GeoPoint;
import org.lamplight.domain.org.Road;
import org.lamplight.domain.org.Road.RoadKind;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * The county's roads as a graph: every road vertex is a node, every stretch between two
 * consecutive vertices a segment. Roads join where they share a vertex (to about 10 cm), which is
 * how the demo county's village roads hang off each other and off the township centres; two
 * roads that cross without a shared vertex do not meet (a bridge over a road, or bad data).
 *
 * <p>Immutable once built, so one network serves every thread. Nodes' neighbours are kept in
 * compressed rows (the directed edges of node n are {@code firstEdge[n] .. firstEdge[n+1]-1}) and
 * the segments sit in an STR tree for finding the road point nearest to a place.
 */
public final class RoadNetwork {

  private static final double METRES_PER_DEGREE = GeoPoint.EARTH_RADIUS_M * Math.PI / 180;
  /** Where the search for the nearest road point starts; patrolling units are mostly on a road. */
  private static final double FIRST_REACH_M = 100;

  private final GeoPoint[] nodes;
  private final int[] firstEdge;
  private final int[] edgeTarget;
  private final int[] edgeSegment;
  private final int[] segmentFrom;
  private final int[] segmentTo;
  private final RoadKind[] segmentKind;
  private final double[] segmentLengthM;
  private final STRtree segmentIndex = new STRtree();

  private RoadNetwork(List<GeoPoint> nodes, List<int[]> segments, List<RoadKind> kinds) {
    this.nodes = nodes.toArray(GeoPoint[]::new);
    int count = segments.size();
    segmentFrom = new int[count];
    segmentTo = new int[count];
    segmentKind = kinds.toArray(RoadKind[]::new);
    segmentLengthM = new double[count];
    firstEdge = new int[this.nodes.length + 1];
    for (int s = 0; s < count; s++) {
      segmentFrom[s] = segments.get(s)[0];
      segmentTo[s] = segments.get(s)[1];
      segmentLengthM[s] = this.nodes[segmentFrom[s]].distanceTo(this.nodes[segmentTo[s]]);
      firstEdge[segmentFrom[s] + 1]++;
      firstEdge[segmentTo[s] + 1]++;
    }
    for (int n = 0; n < this.nodes.length; n++) {
      firstEdge[n + 1] += firstEdge[n];
    }
    // each node's edges in the order its segments were added, so patrols stay reproducible
    edgeTarget = new int[2 * count];
    edgeSegment = new int[2 * count];
    int[] next = Arrays.copyOf(firstEdge, this.nodes.length);
    for (int s = 0; s < count; s++) {
      addEdge(next, segmentFrom[s], segmentTo[s], s);
      addEdge(next, segmentTo[s], segmentFrom[s], s);
      GeoPoint a = this.nodes[segmentFrom[s]];
      GeoPoint b = this.nodes[segmentTo[s]];
      segmentIndex.insert(new Envelope(a.lon(), b.lon(), a.lat(), b.lat()), s);
    }
    segmentIndex.build();
  }

  private void addEdge(int[] next, int from, int to, int segment) {
    int e = next[from]++;
    edgeTarget[e] = to;
    edgeSegment[e] = segment;
  }

  public static RoadNetwork of(List<Road> roads) {
    List<GeoPoint> nodes = new ArrayList<>();
    List<int[]> segments = new ArrayList<>();
    List<RoadKind> kinds = new ArrayList<>();
    Map<Long, Integer> byPlace = new HashMap<>();
    Set<Long> joined = new HashSet<>();
    for (Road road : roads) {
      int previous = -1;
      for (GeoPoint p : road.points()) {
        int node = byPlace.computeIfAbsent(placeKey(p), k -> {
          nodes.add(p);
          return nodes.size() - 1;
        });
        // a repeated vertex makes no segment, and a stretch two roads share is one segment
        if (previous >= 0 && previous != node
            && joined.add((long) Math.min(previous, node) << 32 | Math.max(previous, node))) {
          segments.add(new int[] {previous, node});
          kinds.add(road.kind());
        }
        previous = node;
      }
    }
    return new RoadNetwork(nodes, segments, kinds);
  }

  public int size() {
    return nodes.length;
  }

  public GeoPoint node(int n) {
    return nodes[n];
  }

  public int[] neighbours(int n) {
    return Arrays.copyOfRange(edgeTarget, firstEdge[n], firstEdge[n + 1]);
  }

  /** The kind of road from {@code a} to its neighbour {@code b}. */
  public RoadKind kind(int a, int b) {
    for (int e = firstEdge[a]; e < firstEdge[a + 1]; e++) {
      if (edgeTarget[e] == b) {
        return segmentKind[edgeSegment[e]];
      }
    }
    throw new IllegalArgumentException("nodes " + a + " and " + b + " are not joined by a road");
  }

  /** The node nearest to {@code p}; a linear scan, for the simulator's once-per-device start. */
  public int nearestNode(GeoPoint p) {
    if (nodes.length == 0) {
      throw new IllegalStateException("the network has no roads");
    }
    int best = 0;
    double bestDistance = Double.MAX_VALUE;
    for (int n = 0; n < nodes.length; n++) {
      double d = nodes[n].distanceTo(p);
      if (d < bestDistance) {
        bestDistance = d;
        best = n;
      }
    }
    return best;
  }

  /**
   * The point of any segment nearest to (lat, lon) within {@code maxM} metres, or empty. Measured
   * in a plane tangent at (lat, lon), which is exact to well under a metre over a few kilometres.
   */
  Optional<RoadPoint> nearestRoadPoint(double lat, double lon, double maxM) {
    double yScale = METRES_PER_DEGREE;
    double xScale = METRES_PER_DEGREE * Math.cos(Math.toRadians(lat));
    // Most places are near a road, and a small box holds few segments: start small and widen.
    double reach = Math.min(FIRST_REACH_M, maxM);
    while (true) {
      RoadPoint best = nearestInBox(lat, lon, xScale, yScale, reach);
      // any segment nearer than `reach` crosses the box, so a point within it is the nearest
      if (best != null && best.offRoadM() <= reach) {
        return Optional.of(best);
      }
      if (reach >= maxM) {
        return Optional.empty();
      }
      reach = Math.min(maxM, best == null ? reach * 4 : best.offRoadM());
    }
  }

  /** The nearest point of the segments whose bounding boxes meet the box reaching {@code reachM} around (lat, lon). */
  private RoadPoint nearestInBox(double lat, double lon, double xScale, double yScale, double reachM) {
    // a little wider, so rounding never drops a segment that qualifies
    double dLat = reachM * 1.01 / yScale + 1e-9;
    double dLon = reachM * 1.01 / Math.max(xScale, 1e-9) + 1e-9;
    RoadPoint[] best = {null};
    segmentIndex.query(new Envelope(lon - dLon, lon + dLon, lat - dLat, lat + dLat), item -> {
      int s = (Integer) item;
      GeoPoint a = nodes[segmentFrom[s]];
      GeoPoint b = nodes[segmentTo[s]];
      double ax = (a.lon() - lon) * xScale;
      double ay = (a.lat() - lat) * yScale;
      double dx = (b.lon() - a.lon()) * xScale;
      double dy = (b.lat() - a.lat()) * yScale;
      double lengthSq = dx * dx + dy * dy;
      // the foot of the perpendicular from the place, kept within the segment
      double t = lengthSq == 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / lengthSq));
      double offRoadM = Math.hypot(ax + t * dx, ay + t * dy);
      if (best[0] == null || offRoadM < best[0].offRoadM()
          || offRoadM == best[0].offRoadM() && s < best[0].segment()) {
        best[0] = new RoadPoint(s, t, offRoadM);
      }
    });
    return best[0];
  }

  int segmentFrom(int s) {
    return segmentFrom[s];
  }

  int segmentTo(int s) {
    return segmentTo[s];
  }

  int segmentCount() {
    return segmentFrom.length;
  }

  RoadKind segmentKind(int s) {
    return segmentKind[s];
  }

  double segmentLengthM(int s) {
    return segmentLengthM[s];
  }

  /** The directed edges leaving node n are {@code firstEdge(n)} up to, not including, {@code firstEdge(n + 1)}. */
  int firstEdge(int n) {
    return firstEdge[n];
  }

  int edgeTarget(int e) {
    return edgeTarget[e];
  }

  int edgeSegment(int e) {
    return edgeSegment[e];
  }

  /** Coordinates rounded to 1e-6 degrees (about 10 cm) and packed into one long. */
  private static long placeKey(GeoPoint p) {
    long lat = Math.round(p.lat() * 1e6) + 90_000_000L;
    long lon = Math.round(p.lon() * 1e6) + 180_000_000L;
    return lat << 32 | lon;
  }

  /**
   * Where a place meets the road network.
   *
   * @param segment the segment nearest to the place
   * @param fraction how far along the segment from its first node, 0 to 1
   * @param offRoadM straight-line distance from the place to that point
   */
  record RoadPoint(int segment, double fraction, double offRoadM) {}
}
