package org.lamplight.domain.road;

import java.util.Arrays;
import java.util.Optional;
import org.lamplight.domain.road.RoadNetwork.RoadPoint;

/**
 * Travel times over a road network: straight from a place to its nearest road point at off-road
 * speed, along the roads at each road's speed, and straight on to the other place. Roads are
 * two-way, so a trip from A to B takes as long as one from B to A.
 *
 * <p>One search serves many trips from the same place: {@link #from} starts a Dijkstra search at
 * the place's road point, and each {@link Reach#to} carries it on only until that trip is
 * settled, so near destinations cost a small part of the network.
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
    return new Reach(roads.nearestRoadPoint(lat, lon, settings.snapM()));
  }

  /**
   * A trip over the roads.
   *
   * @param etaMs how long it takes
   * @param distanceM how far it goes, the off-road stretches at either end included
   */
  public record Trip(long etaMs, double distanceM) {}

  /** The roads as reached from one place: a Dijkstra search that goes on as far as trips need. */
  public final class Reach {

    private final RoadPoint start;
    /** Fastest known seconds and the metres of that route, from the start's road point to each node. */
    private final double[] seconds;
    private final double[] metres;
    private int[] heapNodes = new int[64];
    private double[] heapSeconds = new double[64];
    private int heapSize;

    private Reach(Optional<RoadPoint> start) {
      this.start = start.orElse(null);
      if (this.start == null) {
        seconds = new double[0];
        metres = new double[0];
        return;
      }
      seconds = new double[roads.size()];
      metres = new double[roads.size()];
      Arrays.fill(seconds, Double.POSITIVE_INFINITY);
      int s = this.start.segment();
      double f = this.start.fraction();
      reach(roads.segmentFrom(s), f * segmentSeconds[s], f * roads.segmentLengthM(s));
      reach(roads.segmentTo(s), (1 - f) * segmentSeconds[s], (1 - f) * roads.segmentLengthM(s));
    }

    /**
     * The trip from the start to (lat, lon), or empty when either place is further than the
     * snapping distance from every road or no road joins them.
     */
    public Optional<Trip> to(double lat, double lon) {
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
        }
        if (viaB < bestSeconds) {
          bestSeconds = viaB;
          bestMetres = metres[b] + (1 - f) * roads.segmentLengthM(s);
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
      double offRoadM = start.offRoadM() + end.offRoadM();
      double totalSeconds = bestSeconds + offRoadM / settings.offRoadMetresPerSecond();
      return Optional.of(new Trip(Math.round(totalSeconds * 1000), bestMetres + offRoadM));
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
        reach(roads.edgeTarget(e), at + segmentSeconds[segment], metres[n] + roads.segmentLengthM(segment));
      }
    }

    private void reach(int node, double s, double m) {
      if (s >= seconds[node]) {
        return;
      }
      seconds[node] = s;
      metres[node] = m;
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
