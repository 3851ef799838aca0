package org.lamplight.domain.coverage;

import java.util.List;

/**
 * What {@link CoverageAccumulator#drain} hands over: one increment per village-day and per
 * unit-day that changed since the previous drain. Add each to the stored row with
 * {@link VillageDay#plus} and {@link UnitDay#plus} (or the same in SQL).
 */
public record CoverageDelta(List<VillageDay> villageDays, List<UnitDay> unitDays) {

  public CoverageDelta {
    villageDays = List.copyOf(villageDays);
    unitDays = List.copyOf(unitDays);
  }

  public boolean isEmpty() {
    return villageDays.isEmpty() && unitDays.isEmpty();
  }
}
