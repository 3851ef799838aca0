package org.lamplight.domain.dispatch;

import org.lamplight.domain.road.RoadTravel.Trip;

/**
 * How far a unit was from the incident when it was offered it, as ranking estimated: shown on the
 * offer, the assignment and the console.
 *
 * @param etaMs estimated travel time
 * @param distanceM length of the estimated trip: along the roads with the off-road stretches at
 *     either end, or the straight line
 * @param byRoad whether the estimate followed the roads
 */
public record Travel(long etaMs, long distanceM, boolean byRoad) {

  static Travel of(Ranking.Candidate candidate) {
    return new Travel(candidate.etaMs(), Math.round(candidate.travelM()), candidate.byRoad());
  }

  /** Over the county's roads. */
  public static Travel byRoad(Trip trip) {
    return new Travel(trip.etaMs(), Math.round(trip.distanceM()), true);
  }

  /** Along the straight line at {@code speedMps}, where no road joins the two. */
  public static Travel straightLine(double metres, double speedMps) {
    return new Travel(straightLineMs(metres, speedMps), Math.round(metres), false);
  }

  static long straightLineMs(double metres, double speedMps) {
    return Math.round(metres / speedMps * 1000);
  }
}
