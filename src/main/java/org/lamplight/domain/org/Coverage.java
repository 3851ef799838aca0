package org.lamplight.domain.org;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.lamplight.domain.geo.GeoPoint;

/**
 * Which workstation, office and station cover a place. A place inside a village or committee is
 * covered by the office whose villages include it, that office's station, and the workstation of
 * that village (the nearest, when it has several). A place in no village (a gap between village
 * boundaries, or outside the county) falls back to the nearest workstation and office.
 */
public final class Coverage {

  private final County county;

  public Coverage(County county) {
    this.county = county;
  }

  public Optional<Workstation> workstationAt(double lat, double lon) {
    List<Workstation> local = county.villageAt(lat, lon).map(v -> county.workstationsIn(v.code())).orElse(List.of());
    return nearest(local.isEmpty() ? county.workstations() : local, Workstation::location, lat, lon);
  }

  public Optional<Office> officeAt(double lat, double lon) {
    return county.villageAt(lat, lon).flatMap(v -> county.officeCovering(v.code()))
        .or(() -> nearest(county.offices(), Office::location, lat, lon));
  }

  public Optional<String> stationAt(double lat, double lon) {
    return officeAt(lat, lon).map(Office::stationId);
  }

  private static <T> Optional<T> nearest(List<T> items, Function<T, GeoPoint> location, double lat, double lon) {
    return items.stream().min(Comparator.comparingDouble(
        i -> GeoPoint.distanceMeters(lat, lon, location.apply(i).lat(), location.apply(i).lon())));
  }
}
