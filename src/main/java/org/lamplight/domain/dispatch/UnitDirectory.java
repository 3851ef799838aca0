package org.lamplight.domain.dispatch;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Read access to the live units, which dispatch does not own. Implementations are called from
 * inside {@link DispatchEngine#apply}, so they must answer from memory without blocking.
 */
public interface UnitDirectory {

  /**
   * Units whose last position lies within radiusM of (lat, lon), nearest first, at most limit,
   * whatever their state: what explains a shortfall.
   */
  List<UnitSnapshot> near(double lat, double lon, double radiusM, int limit);

  /**
   * Like {@link #near}, but only units online and on duty that {@code skip} does not name: what
   * explains a shortfall, without the offline units that linger where they were last seen.
   */
  List<UnitSnapshot> nearOnDuty(double lat, double lon, double radiusM, int limit, Predicate<String> skip);

  /**
   * Like {@link #nearOnDuty}, but only units on no incident: what ranking looks at, so that units
   * that cannot take it never crowd out those that can.
   */
  List<UnitSnapshot> nearFree(double lat, double lon, double radiusM, int limit, Predicate<String> skip);

  Optional<UnitSnapshot> get(String unitId);

  /** The community officer's unit of the police office that covers (lat, lon) (the nearest office). */
  Optional<UnitSnapshot> coveringOfficer(double lat, double lon);

  /** The village workstation nearest to (lat, lon): its auxiliary is preferred when comparably close. */
  Optional<String> nearestWorkstationId(double lat, double lon);
}
