package org.lamplight.domain.dispatch;

import java.util.List;
import java.util.Optional;

/**
 * Read access to the live units, which dispatch does not own. Implementations are called from
 * inside {@link DispatchEngine#apply}, so they must answer from memory without blocking.
 */
public interface UnitDirectory {

  /** Units whose last position lies within radiusM of (lat, lon), nearest first, at most limit. */
  List<UnitSnapshot> near(double lat, double lon, double radiusM, int limit);

  Optional<UnitSnapshot> get(String unitId);

  /** The community officer's unit of the police office that covers (lat, lon) (the nearest office). */
  Optional<UnitSnapshot> coveringOfficer(double lat, double lon);

  /** The village workstation nearest to (lat, lon): its auxiliary is preferred when comparably close. */
  Optional<String> nearestWorkstationId(double lat, double lon);
}
