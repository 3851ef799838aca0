package org.lamplight.patrol;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.lamplight.domain.coverage.UnitDay;
import org.lamplight.domain.coverage.VillageDay;

/**
 * One unit's coverage on one day: its day (time on duty, on post, on patrol, visits) and its own
 * presence and visits in each village it was in.
 *
 * @param villages the unit's presence in each village, one per village it was present in
 * @param postVillages the villages of its post (an auxiliary's workstation village, an officer's office's villages)
 */
public record UnitDayCoverage(UnitDay day, List<VillageDay> villages, Set<String> postVillages) {

  public UnitDayCoverage {
    Objects.requireNonNull(day, "day");
    villages = List.copyOf(villages);
    postVillages = Set.copyOf(postVillages);
  }
}
