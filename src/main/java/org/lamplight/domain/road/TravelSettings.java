package org.lamplight.domain.road;

import org.lamplight.domain.org.Road.RoadKind;

/**
 * How fast units travel over the roads, and how far from a road a place may be to use it.
 *
 * @param countyKmh speed on county roads
 * @param townshipKmh speed on township roads
 * @param villageKmh speed on village roads
 * @param offRoadKmh speed between a place and its nearest road point (on foot, or pushing a bike
 *     down a track)
 * @param snapM a place further than this from every road is not reached by road
 */
public record TravelSettings(double countyKmh, double townshipKmh, double villageKmh,
    double offRoadKmh, double snapM) {

  public TravelSettings {
    positive("county road speed", countyKmh);
    positive("township road speed", townshipKmh);
    positive("village road speed", villageKmh);
    positive("off-road speed", offRoadKmh);
    if (!(snapM >= 0) || Double.isInfinite(snapM)) {
      throw new IllegalArgumentException("road snapping distance must be a number of metres >= 0, got " + snapM);
    }
  }

  private static void positive(String what, double kmh) {
    if (!(kmh > 0) || Double.isInfinite(kmh)) {
      throw new IllegalArgumentException(what + " must be a positive number of km/h, got " + kmh);
    }
  }

  /** 60 km/h on county roads, 40 on township roads, 25 on village roads, 6 off the road; roads within 2 km. */
  public static TravelSettings defaults() {
    return new TravelSettings(60, 40, 25, 6, 2_000);
  }

  public double metresPerSecond(RoadKind kind) {
    return switch (kind) {
      case COUNTY -> countyKmh;
      case TOWNSHIP -> townshipKmh;
      case VILLAGE -> villageKmh;
    } / 3.6;
  }

  public double offRoadMetresPerSecond() {
    return offRoadKmh / 3.6;
  }
}
