package org.lamplight.domain.org;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.lamplight.domain.geo.GeoPoint;

/**
 * Which workstation, office and station cover a place: the nearest of each. A county has a few
 * hundred of them, so a linear scan is cheaper than keeping an index up to date.
 */
public final class Coverage {

  private final List<Workstation> workstations;
  private final List<Office> offices;

  public Coverage(County county) {
    this.workstations = county.workstations();
    this.offices = county.offices();
  }

  public Optional<Workstation> workstationAt(double lat, double lon) {
    return nearest(workstations, Workstation::location, lat, lon);
  }

  public Optional<Office> officeAt(double lat, double lon) {
    return nearest(offices, Office::location, lat, lon);
  }

  public Optional<String> stationAt(double lat, double lon) {
    return officeAt(lat, lon).map(Office::stationId);
  }

  private static <T> Optional<T> nearest(List<T> items, java.util.function.Function<T, GeoPoint> location, double lat,
                                         double lon) {
    return items.stream().min(Comparator.comparingDouble(
        i -> GeoPoint.distanceMeters(lat, lon, location.apply(i).lat(), location.apply(i).lon())));
  }
}
