package org.lamplight.domain.road;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.lamplight.domain.geo.GeoPoint;
import org.lamplight.domain.road.RoadNetwork.RoadPoint;

/**
 * Travel times over a road network: straight from a place to its nearest road point at off-road
 * speed, along the roads at each road's speed, and straight on to the other place. Roads are
 * two-way, so a trip from A to B takes as long as one from B to A.
 *
 * <p>One search serves many trips from the same place: {@link #from} starts a Dijkstra search at
 * the place's road point, and each {@link Reach#to} carries it on only until that trip is
 * settled, so near destinations cost a small part of the network. {@link Reach#route} gives the
 * way itself, node by node, as the search found it.
 */
public final class RoadTravel {

  private final RoadNetwork roads;
  private final TravelSettings settings;
  private final double[] segmentSeconds;

  public RoadTravel(RoadNetwork roads, TravelSettings settings) {
    this.roads = roads;
    this.settings = settings;
    segmentSeconds = new double[roads.segmentCount()];
    for (int s = 0; s < segmentSeconds.length; s++) {
      segmentSeconds[s] = roads.segmentLengthM(s) / settings.metresPerSecond(roads.segmentKind(s));
    }
  }

  /** Starts the trips from (lat, lon); the reach it gives is for one thread. */
  public Reach from(double lat, double lon) {
    return new Reach(new GeoPoint(lat, lon), roads.nearestRoadPoint(lat, lon, settings.snapM()));
  }

  /**
   * A trip over the roads.
   *
   * @param etaMs how long it takes
   * @param distanceM how far it goes, the off-road stretches at either end included
   */
  public record Trip(long etaMs, double distanceM) {}

  /**
   * A trip with its way: from the start, to its road point, along the roads, off them at the
   * destination's road point, to the destination.
   */
  public record Route(Trip trip, List<GeoPoint> points) {

    public Route {
      points = List.copyOf(points);
    }
  }

  /** The best way found to a destination's road point: through {@code lastNode}, or -1 straight along the start's segment. */
  private record Arrival(RoadPoint end, int lastNode, double seconds, double metres) {}

  /** The roads as reached from one place: a Dijkstra search that goes on as far as trips need. */
  public final class Reach {

    private final GeoPoint origin;
    private final RoadPoint start;
    /** Fastest known seconds and the metres of that route, from the start's road point to each node. */
    private final double[] seconds;
    private final double[] metres;
    /** The node before each on its fastest route; -1 for the two ends of the start's segment. */
    private final int[] via;
    private int[] heapNodes = new int[64];
    private double[] heapSeconds = new double[64];
    private int heapSize;

    private Reach(GeoPoint origin, Optional<RoadPoint> start) {
      this.origin = origin;
      this.start = start.orElse(null);
      if (this.start == null) {
        seconds = new double[0];
        metres = new double[0];
        via = new int[0];
        return;
      }
      seconds = new double[roads.size()];
      metres = new double[roads.size()];
      via = new int[roads.size()];
      Arrays.fill(seconds, Double.POSITIVE_INFINITY);
      int s = this.start.segment();
      double f = this.start.fraction();
      reach(roads.segmentFrom(s), -1, f * segmentSeconds[s], f * roads.segmentLengthM(s));
      reach(roads.segmentTo(s), -1, (1 - f) * segmentSeconds[s], (1 - f) * roads.segmentLengthM(s));
    }

    /**
     * The trip from the start to (lat, lon), or empty when either place is further than the
     * snapping distance from every road or no road joins them.
     */
    public Optional<Trip> to(double lat, double lon) {
      return arrive(lat, lon).map(this::trip);
    }

    /** As {@link #to}, with the way there. */
    public Optional<Route> route(double lat, double lon) {
      return arrive(lat, lon).map(a -> {
        List<GeoPoint> way = new ArrayList<>();
        for (int n = a.lastNode(); n >= 0; n = via[n]) {
          way.add(roads.node(n));
        }
        Collections.reverse(way);
        List<GeoPoint> points = new ArrayList<>(way.size() + 4);
        addDistinct(points, origin);
        addDistinct(points, pointOf(start));
        way.forEach(p -> addDistinct(points, p));
        addDistinct(points, pointOf(a.end()));
        addDistinct(points, new GeoPoint(lat, lon));
        return new Route(trip(a), points);
      });
    }

    private Trip trip(Arrival a) {
      double offRoadM = start.offRoadM() + a.end().offRoadM();
      double totalSeconds = a.seconds() + offRoadM / settings.offRoadMetresPerSecond();
      return new Trip(Math.round(totalSeconds * 1000), a.metres() + offRoadM);
    }

    /** A place on a road vertex meets the road there: the way names the point once. */
    private static void addDistinct(List<GeoPoint> points, GeoPoint p) {
      GeoPoint last = points.isEmpty() ? null : points.get(points.size() - 1);
      if (last == null || Math.abs(last.lat() - p.lat()) > 1e-9 || Math.abs(last.lon() - p.lon()) > 1e-9) {
        points.add(p);
      }
    }

    private GeoPoint pointOf(RoadPoint p) {
      GeoPoint a = roads.node(roads.segmentFrom(p.segment()));
      GeoPoint b = roads.node(roads.segmentTo(p.segment()));
      double f = p.fraction();
      return new GeoPoint(a.lat() + f * (b.lat() - a.lat()), a.lon() + f * (b.lon() - a.lon()));
    }

    /** Carries the search on until the way to (lat, lon)'s road point is settled. */
    private Optional<Arrival> arrive(double lat, double lon) {
      if (start == null) {
        return Optional.empty();
      }
      Optional<RoadPoint> found = roads.nearestRoadPoint(lat, lon, settings.snapM());
      if (found.isEmpty()) {
        return Optional.empty();
      }
      RoadPoint end = found.get();
      int s = end.segment();
      double f = end.fraction();
      int a = roads.segmentFrom(s);
      int b = roads.segmentTo(s);
      double bestSeconds = Double.POSITIVE_INFINITY;
      double bestMetres = 0;
      int lastNode = -1;
      if (s == start.segment()) {
        // both on one segment: straight along it, no node in between
        double along = Math.abs(f - start.fraction());
        bestSeconds = along * segmentSeconds[s];
        bestMetres = along * roads.segmentLengthM(s);
      }
      while (true) {
        double viaA = seconds[a] + f * segmentSeconds[s];
        double viaB = seconds[b] + (1 - f) * segmentSeconds[s];
        if (viaA < bestSeconds) {
          bestSeconds = viaA;
          bestMetres = metres[a] + f * roads.segmentLengthM(s);
          lastNode = a;
        }
        if (viaB < bestSeconds) {
          bestSeconds = viaB;
          bestMetres = metres[b] + (1 - f) * roads.segmentLengthM(s);
          lastNode = b;
        }
        // every node not yet settled is at least the heap's minimum away: none can do better
        if (heapSize == 0 || heapSeconds[0] >= bestSeconds) {
          break;
        }
        settleNext();
      }
      if (bestSeconds == Double.POSITIVE_INFINITY) {
        return Optional.empty();
      }
      return Optional.of(new Arrival(end, lastNode, bestSeconds, bestMetres));
    }

    private void settleNext() {
      int n = heapNodes[0];
      double at = heapSeconds[0];
      pop();
      if (at > seconds[n]) {
        return; // a stale entry: the node was reached faster since
      }
      for (int e = roads.firstEdge(n), end = roads.firstEdge(n + 1); e < end; e++) {
        int segment = roads.edgeSegment(e);
        reach(roads.edgeTarget(e), n, at + segmentSeconds[segment], metres[n] + roads.segmentLengthM(segment));
      }
    }

    private void reach(int node, int from, double s, double m) {
      if (s >= seconds[node]) {
        return;
      }
      seconds[node] = s;
      metres[node] = m;
      via[node] = from;
      push(node, s);
    }

    private void push(int node, double s) {
      if (heapSize == heapNodes.length) {
        heapNodes = Arrays.copyOf(heapNodes, heapSize * 2);
        heapSeconds = Arrays.copyOf(heapSeconds, heapSize * 2);
      }
      int pos = heapSize++;
      while (pos > 0) {
        int parent = (pos - 1) >>> 1;
        if (heapSeconds[parent] <= s) {
          break;
        }
        heapNodes[pos] = heapNodes[parent];
        heapSeconds[pos] = heapSeconds[parent];
        pos = parent;
      }
      heapNodes[pos] = node;
      heapSeconds[pos] = s;
    }

    private void pop() {
      int node = heapNodes[--heapSize];
      double s = heapSeconds[heapSize];
      int pos = 0;
      while (true) {
        int child = 2 * pos + 1;
        if (child >= heapSize) {
          break;
        }
        if (child + 1 < heapSize && heapSeconds[child + 1] < heapSeconds[child]) {
          child++;
        }
        if (heapSeconds[child] >= s) {
          break;
        }
        heapNodes[pos] = heapNodes[child];
        heapSeconds[pos] = heapSeconds[child];
        pos = child;
      }
      if (heapSize > 0) {
        heapNodes[pos] = node;
        heapSeconds[pos] = s;
      }
    }
  }
}
