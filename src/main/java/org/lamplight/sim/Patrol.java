package org.lamplight.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.lamplight.domain.geo.GeoPoint;
import org.lamplight.domain.org.Road.RoadKind;
import org.lamplight.domain.road.RoadNetwork;

/**
 * A unit patrolling around its home. Without villages to look after, a random walk over the road
 * graph that never turns straight back unless it must, and stays within a radius of home (at a
 * dead end or the edge of its area it heads back towards home); it starts by going from home to
 * the nearest road.
 *
 * <p>With {@link Stop}s (an auxiliary's own village first, then its neighbours; an officer's
 * villages), it makes rounds: to a village, a stay of 12 to 40 minutes walking about its middle
 * (a visit, as coverage counts it), then 10 to 30 minutes on the roads around, then the next
 * village: its own most of the time, a neighbour now and then.
 */
final class Patrol {

  /** A village the unit looks after: its code and where in it the unit stays. */
  record Stop(String village, GeoPoint at) {
  }

  private enum Phase { ROADS, TO_STOP, AT_STOP }

  static final double OWN_VILLAGE_SHARE = 0.65;
  private static final double STAY_MIN_S = 12 * 60;
  private static final double STAY_MAX_S = 40 * 60;
  private static final double ROADS_MIN_S = 10 * 60;
  private static final double ROADS_MAX_S = 30 * 60;
  /** On foot about the village's middle, from door to door. */
  private static final double STROLL_MPS = 0.8;
  private static final double STROLL_MIN_M = 10;
  private static final double STROLL_MAX_M = 80;
  private static final double METRES_PER_DEGREE = 111_320;

  private final RoadNetwork roads;
  private final GeoPoint home;
  private final double radiusM;
  private final Vehicle vehicle;
  private final Random random;
  private final List<Stop> stops;
  private final int homeNode;
  private Leg leg;
  /** The node the current leg started from, or -1 when it started off the road network. */
  private int fromNode = -1;
  private int toNode;
  private Phase phase = Phase.ROADS;
  private Stop stop;
  private double phaseLeftS;

  Patrol(RoadNetwork roads, GeoPoint home, double radiusM, Vehicle vehicle, Random random) {
    this(roads, home, radiusM, vehicle, random, List.of());
  }

  Patrol(RoadNetwork roads, GeoPoint home, double radiusM, Vehicle vehicle, Random random, List<Stop> stops) {
    this.roads = roads;
    this.home = home;
    this.radiusM = radiusM;
    this.vehicle = vehicle;
    this.random = random;
    this.stops = List.copyOf(stops);
    this.homeNode = roads.nearestNode(home);
    rejoin(home, vehicle.speedOn(RoadKind.VILLAGE));
  }

  /**
   * Leaves the patrol from {@code here} (an incident) straight back to the road nearest home, or
   * with villages to look after, to its own village.
   */
  void rejoin(GeoPoint here, double speedMps) {
    if (!stops.isEmpty()) {
      goTo(stops.get(0), here, speedMps);
      return;
    }
    leg = new Leg(here, roads.node(homeNode), speedMps);
    fromNode = -1;
    toNode = homeNode;
  }

  /** The village the unit is staying in right now, or null on the way or on the roads. */
  Stop stop() {
    return phase == Phase.AT_STOP ? stop : null;
  }

  /** Moves on for {@code seconds} and says where that got the unit. */
  Motion advance(double seconds) {
    double left = seconds;
    while (left > 0) {
      if (phase == Phase.TO_STOP) {
        left = leg.advance(left);
        if (!leg.arrived()) {
          break;
        }
        phase = Phase.AT_STOP;
        phaseLeftS = between(STAY_MIN_S, STAY_MAX_S);
        leg = stroll(leg.position());
        continue;
      }
      double run = stops.isEmpty() ? left : Math.min(left, phaseLeftS);
      if (phase == Phase.ROADS) {
        drive(run);
      } else {
        walkAbout(run);
      }
      left -= run;
      phaseLeftS -= run;
      if (!stops.isEmpty() && phaseLeftS <= 0) {
        next();
      }
    }
    return leg.motion();
  }

  Motion motion() {
    return leg.motion();
  }

  /** The roads after a stay; the next village after the roads. */
  private void next() {
    GeoPoint here = leg.position();
    if (phase == Phase.AT_STOP) {
      phase = Phase.ROADS;
      phaseLeftS = between(ROADS_MIN_S, ROADS_MAX_S);
      toNode = roads.nearestNode(here);
      fromNode = -1;
      leg = new Leg(here, roads.node(toNode), vehicle.speedOn(RoadKind.VILLAGE));
      return;
    }
    Stop next = stops.size() == 1 || random.nextDouble() < OWN_VILLAGE_SHARE ? stops.get(0)
        : stops.get(1 + random.nextInt(stops.size() - 1));
    goTo(next, here, vehicle.speedOn(RoadKind.VILLAGE));
  }

  private void goTo(Stop target, GeoPoint from, double speedMps) {
    stop = target;
    phase = Phase.TO_STOP;
    leg = new Leg(from, target.at(), speedMps);
    fromNode = -1;
  }

  private void drive(double seconds) {
    double left = leg.advance(seconds);
    while (leg.arrived() && left > 0 && nextLeg()) {
      left = leg.advance(left);
    }
  }

  private void walkAbout(double seconds) {
    double left = leg.advance(seconds);
    while (leg.arrived() && left > 0) {
      leg = stroll(leg.position());
      left = leg.advance(left);
    }
  }

  /** A short walk to somewhere near the middle of the village stayed in. */
  private Leg stroll(GeoPoint from) {
    double distance = between(STROLL_MIN_M, STROLL_MAX_M);
    double angle = random.nextDouble() * 2 * Math.PI;
    GeoPoint middle = stop.at();
    GeoPoint to = new GeoPoint(middle.lat() + distance * Math.cos(angle) / METRES_PER_DEGREE,
        middle.lon() + distance * Math.sin(angle) / (METRES_PER_DEGREE * Math.cos(Math.toRadians(middle.lat()))));
    return new Leg(from, to, STROLL_MPS);
  }

  private double between(double min, double max) {
    return min + random.nextDouble() * (max - min);
  }

  private boolean nextLeg() {
    int next = chooseNext(toNode, fromNode);
    if (next < 0) {
      return false;
    }
    leg = new Leg(roads.node(toNode), roads.node(next), vehicle.speedOn(roads.kind(toNode, next)));
    fromNode = toNode;
    toNode = next;
    return true;
  }

  /** A random road onwards within the patrol area; else, the way nearest home (back, at a dead end). */
  private int chooseNext(int at, int cameFrom) {
    int[] options = roads.neighbours(at);
    if (options.length == 0) {
      return -1;
    }
    List<Integer> ahead = new ArrayList<>();
    for (int n : options) {
      if (n != cameFrom && roads.node(n).distanceTo(home) <= radiusM) {
        ahead.add(n);
      }
    }
    if (!ahead.isEmpty()) {
      return ahead.get(random.nextInt(ahead.size()));
    }
    int best = options[0];
    for (int n : options) {
      if (roads.node(n).distanceTo(home) < roads.node(best).distanceTo(home)) {
        best = n;
      }
    }
    return best;
  }
}
