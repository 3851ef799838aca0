package org.lamplight.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.lamplight.domain.geo.GeoPoint;
import org.lamplight.domain.org.Road.RoadKind;
import org.lamplight.domain.road.RoadNetwork;

/**
 * A unit patrolling the roads around its home: a random walk over the road graph that never
 * turns straight back unless it must, and stays within a radius of home (at a dead end or the
 * edge of its area it heads back towards home). It starts by going from home to the nearest road.
 */
final class Patrol {

  private final RoadNetwork roads;
  private final GeoPoint home;
  private final double radiusM;
  private final Vehicle vehicle;
  private final Random random;
  private final int homeNode;
  private Leg leg;
  /** The node the current leg started from, or -1 when it started off the road network. */
  private int fromNode = -1;
  private int toNode;

  Patrol(RoadNetwork roads, GeoPoint home, double radiusM, Vehicle vehicle, Random random) {
    this.roads = roads;
    this.home = home;
    this.radiusM = radiusM;
    this.vehicle = vehicle;
    this.random = random;
    this.homeNode = roads.nearestNode(home);
    rejoin(home, vehicle.speedOn(RoadKind.VILLAGE));
  }

  /** Leaves the patrol from {@code here} (an incident) straight back to the road nearest home. */
  void rejoin(GeoPoint here, double speedMps) {
    leg = new Leg(here, roads.node(homeNode), speedMps);
    fromNode = -1;
    toNode = homeNode;
  }

  /** Moves on for {@code seconds} and says where that got the unit. */
  Motion advance(double seconds) {
    double left = leg.advance(seconds);
    while (leg.arrived() && left > 0 && nextLeg()) {
      left = leg.advance(left);
    }
    return leg.motion();
  }

  Motion motion() {
    return leg.motion();
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
