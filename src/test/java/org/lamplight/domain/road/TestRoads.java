package org.lamplight.domain.road;

import java.util.List;
import org.lamplight.domain.geo.GeoPoint;
import org.lamplight.domain.org.Road;
import org.lamplight.domain.org.Road.RoadKind;

/**
 * Hand-made roads laid out in metres east and north of {@link #ORIGIN}, where test incidents
 * happen. Over a few kilometres the metres given here are the metres between the points to well
 * under one metre, so tests can work out expected trips by hand.
 */
public final class TestRoads {

  public static final GeoPoint ORIGIN = new GeoPoint(30.0, 120.0);
  /** Metres per degree of latitude on the sphere {@link GeoPoint} measures on. */
  private static final double METRES_PER_DEGREE = 111_195.08;

  private TestRoads() {
  }

  public static GeoPoint at(double eastM, double northM) {
    double metresPerDegreeLon = METRES_PER_DEGREE * Math.cos(Math.toRadians(ORIGIN.lat()));
    return new GeoPoint(ORIGIN.lat() + northM / METRES_PER_DEGREE, ORIGIN.lon() + eastM / metresPerDegreeLon);
  }

  /**
   * A river flows east-west 100 m north of the origin. A township road runs along each bank, 50 m
   * south and 200 m north of the origin, from 3 km west to 3 km east, with vertices at 0 and 2 km
   * east; the only bridge is a 250 m village road between the two at 2 km east.
   */
  public static List<Road> riverWithOneBridge() {
    return List.of(
        new Road("south-bank", "南岸路", RoadKind.TOWNSHIP,
            List.of(at(-3000, -50), at(0, -50), at(2000, -50), at(3000, -50))),
        new Road("north-bank", "北岸路", RoadKind.TOWNSHIP,
            List.of(at(-3000, 200), at(0, 200), at(2000, 200), at(3000, 200))),
        new Road("bridge", "大桥", RoadKind.VILLAGE, List.of(at(2000, -50), at(2000, 200))));
  }
}
