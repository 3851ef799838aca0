package org.lamplight.domain.geo;

/** A WGS-84 position in decimal degrees. */
public record GeoPoint(double lat, double lon) {

  public static final double EARTH_RADIUS_M = 6_371_008.8;

  public GeoPoint {
    if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
      throw new IllegalArgumentException("coordinates out of range: " + lat + "," + lon);
    }
  }

  /** Great-circle distance in metres (haversine). */
  public double distanceTo(GeoPoint other) {
    return distanceMeters(lat, lon, other.lat, other.lon);
  }

  public static double distanceMeters(double lat1, double lon1, double lat2, double lon2) {
    double dLat = Math.toRadians(lat2 - lat1);
    double dLon = Math.toRadians(lon2 - lon1);
    double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
        + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2))
        * Math.sin(dLon / 2) * Math.sin(dLon / 2);
    return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
  }
}
