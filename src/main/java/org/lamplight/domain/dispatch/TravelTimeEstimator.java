package org.lamplight.domain.dispatch;

import java.util.Optional;
import org.lamplight.domain.road.RoadTravel;
import org.lamplight.domain.road.RoadTravel.Trip;

/**
 * Estimates how long units take to reach an incident, better than the straight line where it can;
 * where it cannot, ranking times the unit along the straight line at
 * {@link RankingSettings#speedMps()}.
 */
@FunctionalInterface
public interface TravelTimeEstimator {

  /** Knows no roads: every unit is timed along the straight line. */
  TravelTimeEstimator STRAIGHT_LINE = (lat, lon) -> (unitLat, unitLon) -> Optional.empty();

  /** Over the county's roads. */
  static TravelTimeEstimator byRoad(RoadTravel roads) {
    return (lat, lon) -> roads.from(lat, lon)::to;
  }

  /** Starts estimating for an incident at (lat, lon): any set-up is paid once per incident. */
  TravelTimes from(double lat, double lon);

  /** The estimates for one incident; used by one thread. */
  @FunctionalInterface
  interface TravelTimes {
    /** The trip between the incident and a unit at (lat, lon), or empty when only the straight line is known. */
    Optional<Trip> to(double lat, double lon);
  }
}
