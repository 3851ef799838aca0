package org.lamplight.domain.coverage;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Per-day rows added up from increments, as a store would hold them. */
public final class CoverageTotals {

  private final Map<String, Map<LocalDate, VillageDay>> villageDays = new HashMap<>();
  private final Map<String, Map<LocalDate, UnitDay>> unitDays = new HashMap<>();

  public void add(CoverageDelta delta) {
    delta.villageDays().forEach(this::add);
    delta.unitDays().forEach(this::add);
  }

  public void add(VillageDay increment) {
    villageDays.computeIfAbsent(increment.village(), v -> new HashMap<>())
        .merge(increment.day(), increment, VillageDay::plus);
  }

  public void add(UnitDay increment) {
    unitDays.computeIfAbsent(increment.unitId(), u -> new HashMap<>())
        .merge(increment.day(), increment, UnitDay::plus);
  }

  public Optional<VillageDay> villageDay(String village, LocalDate day) {
    return Optional.ofNullable(villageDays.getOrDefault(village, Map.of()).get(day));
  }

  public Optional<UnitDay> unitDay(String unitId, LocalDate day) {
    return Optional.ofNullable(unitDays.getOrDefault(unitId, Map.of()).get(day));
  }

  /** Every village-day row, by village and day. */
  public List<VillageDay> villageDays() {
    return villageDays.values().stream().flatMap(days -> days.values().stream())
        .sorted(Comparator.comparing(VillageDay::village).thenComparing(VillageDay::day)).toList();
  }

  /** Every unit-day row, by unit and day. */
  public List<UnitDay> unitDays() {
    return unitDays.values().stream().flatMap(days -> days.values().stream())
        .sorted(Comparator.comparing(UnitDay::unitId).thenComparing(UnitDay::day)).toList();
  }

  /** The rows of the days first..last (inclusive). */
  public CoverageTotals between(LocalDate first, LocalDate last) {
    CoverageTotals kept = new CoverageTotals();
    villageDays().stream().filter(d -> !d.day().isBefore(first) && !d.day().isAfter(last)).forEach(kept::add);
    unitDays().stream().filter(d -> !d.day().isBefore(first) && !d.day().isAfter(last)).forEach(kept::add);
    return kept;
  }
}
