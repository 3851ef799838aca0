package org.lamplight.sim;

import org.lamplight.domain.geo.GeoPoint;

/**
 * A straight stretch from one point to another at a constant speed. Positions are interpolated
 * linearly in latitude and longitude, which is exact enough over the few kilometres of a leg.
 */
final class Leg {

  private final GeoPoint from;
  private final GeoPoint to;
  private final double lengthM;
  private final double speedMps;
  private final double headingDeg;
  private double travelledM;

  Leg(GeoPoint from, GeoPoint to, double speedMps) {
    if (!(speedMps > 0)) {
      throw new IllegalArgumentException("speed must be positive, got " + speedMps);
    }
    this.from = from;
    this.to = to;
    this.lengthM = from.distanceTo(to);
    this.speedMps = speedMps;
    this.headingDeg = bearingDeg(from, to);
  }

  /** Moves on for {@code seconds}; returns the seconds left over after reaching the end (0 while on the way). */
  double advance(double seconds) {
    double remaining = lengthM - travelledM;
    double step = speedMps * seconds;
    if (step < remaining) {
      travelledM += step;
      return 0;
    }
    travelledM = lengthM;
    return seconds - remaining / speedMps;
  }

  boolean arrived() {
    return travelledM >= lengthM;
  }

  /** Seconds until the end at this leg's speed. */
  double secondsLeft() {
    return (lengthM - travelledM) / speedMps;
  }

  GeoPoint position() {
    double f = lengthM == 0 ? 1 : travelledM / lengthM;
    return new GeoPoint(from.lat() + (to.lat() - from.lat()) * f, from.lon() + (to.lon() - from.lon()) * f);
  }

  /** The motion at this moment: standing once arrived. */
  Motion motion() {
    GeoPoint p = position();
    return new Motion(p.lat(), p.lon(), arrived() ? 0 : speedMps, headingDeg);
  }

  /** Initial great-circle bearing from {@code a} to {@code b}, 0..360 clockwise from north. */
  static double bearingDeg(GeoPoint a, GeoPoint b) {
    double lat1 = Math.toRadians(a.lat());
    double lat2 = Math.toRadians(b.lat());
    double dLon = Math.toRadians(b.lon() - a.lon());
    double y = Math.sin(dLon) * Math.cos(lat2);
    double x = Math.cos(lat1) * Math.sin(lat2) - Math.sin(lat1) * Math.cos(lat2) * Math.cos(dLon);
    return (Math.toDegrees(Math.atan2(y, x)) + 360) % 360;
  }
}
