package org.lamplight.domain.evaluation;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.lamplight.domain.coverage.PatrolRequirements;
import org.lamplight.domain.coverage.UnitDay;
import org.lamplight.domain.coverage.VillageDay;
import org.lamplight.domain.ledger.Hazard;
import org.lamplight.domain.ledger.HazardTally;
import org.lamplight.domain.ledger.LedgerCounts;
import org.lamplight.domain.ledger.LedgerEntry;

/**
 * Everything recorded in an evaluation period, indexed by village and unit so that the figures of
 * thousands of subjects add up in one pass over the records each. Records outside the period are
 * left out: day rows by their day, offers, entries and hazards by their instants (midnight to
 * midnight in the county's zone). Day rows and ledger entries may come already summed over the
 * period ({@link VisitCount}, {@link UnitTotal}, counts per unit), as a store adds them up; the
 * figures are the same either way.
 */
public final class MonthRecords {

  private final LocalDate firstDay;
  private final LocalDate lastDay;
  private final int days;
  private final PatrolRequirements requirements;
  private final Map<String, List<VisitCount>> visits = new HashMap<>();
  private final Map<String, UnitTotal> unitTotals = new HashMap<>();
  private final Map<String, List<Offer>> offers = new HashMap<>();
  private final Map<String, LedgerCounts> ledger = new HashMap<>();
  private final Map<String, HazardTally> hazards = new HashMap<>();
  private final Map<String, Inspection> inspections = new HashMap<>();

  private MonthRecords(Builder b) {
    this.firstDay = b.firstDay;
    this.lastDay = b.lastDay;
    this.days = (int) (lastDay.toEpochDay() - firstDay.toEpochDay()) + 1;
    this.requirements = b.requirements;
    long startMs = b.startMs();
    long endMs = b.endMs();
    for (VisitCount count : b.visitCounts) {
      visits.computeIfAbsent(count.village(), v -> new ArrayList<>()).add(count);
    }
    for (UnitTotal total : b.unitTotals) {
      unitTotals.merge(total.unitId(), total, UnitTotal::plus);
    }
    for (Offer offer : b.offers) {
      if (offer.isCounted() && offer.offeredAtMs() >= startMs && offer.offeredAtMs() < endMs) {
        offers.computeIfAbsent(offer.unitId(), u -> new ArrayList<>()).add(offer);
      }
    }
    b.ledgerCounts.forEach((unit, counts) -> ledger.merge(unit, counts, LedgerCounts::plus));
    for (Hazard hazard : b.hazards) {
      hazards.merge(hazard.village(), HazardTally.of(hazard, startMs, endMs), HazardTally::plus);
    }
    for (Inspection inspection : b.inspections) {
      if (inspections.put(inspection.subject(), inspection) != null) {
        throw new IllegalArgumentException("two inspections of " + inspection.subject());
      }
    }
  }

  /** The records of the days first..last (e.g. a month so far), in the county's zone. */
  public static Builder builder(LocalDate firstDay, LocalDate lastDay, ZoneId zone) {
    return new Builder(firstDay, lastDay, zone);
  }

  /** The records of a whole evaluation month. */
  public static Builder builder(EvaluationMonth month, ZoneId zone) {
    return new Builder(month.firstDay(), month.lastDay(), zone);
  }

  /** The subject's figures. */
  public SubjectFacts factsOf(Subject subject) {
    int met = 0;
    HazardTally hazardTally = HazardTally.NONE;
    for (String village : subject.villages()) {
      met += daysMet(village);
      hazardTally = hazardTally.plus(hazards.getOrDefault(village, HazardTally.NONE));
    }
    UnitTotal times = new UnitTotal(null, 0, 0, 0, 0);
    int offered = 0;
    List<Long> acceptDelays = new ArrayList<>();
    List<Long> arriveDelays = new ArrayList<>();
    LedgerCounts work = LedgerCounts.NONE;
    for (String unit : subject.units()) {
      UnitTotal t = unitTotals.get(unit);
      if (t != null) {
        times = times.plus(t);
      }
      for (Offer offer : offers.getOrDefault(unit, List.of())) {
        offered++;
        offer.acceptedAtMs().ifPresent(at -> acceptDelays.add(at - offer.offeredAtMs()));
        offer.onSceneAtMs().ifPresent(at -> arriveDelays.add(at - offer.offeredAtMs()));
      }
      work = work.plus(ledger.getOrDefault(unit, LedgerCounts.NONE));
    }
    Optional<Inspection> inspection = subject.kind().isInspected()
        ? Optional.ofNullable(inspections.get(subject.id())) : Optional.empty();
    return new SubjectFacts(subject, subject.villages().size() * days, met, times.onDutyMs(), times.onPostMs(),
        times.patrolMs(), times.distanceM(),
        offered, acceptDelays.size(), median(acceptDelays), median(arriveDelays), work, hazardTally, inspection);
  }

  private int daysMet(String village) {
    if (requirements.visitsPerDay(village) == 0) {
      return days;
    }
    int met = 0;
    for (VisitCount count : visits.getOrDefault(village, List.of())) {
      if (requirements.isMet(village, count.visits())) {
        met += count.days();
      }
    }
    return met;
  }

  /** The middle value; for an even count the mean of the two middle ones, rounded down. */
  static OptionalLong median(List<Long> values) {
    if (values.isEmpty()) {
      return OptionalLong.empty();
    }
    long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
    int mid = sorted.length / 2;
    return OptionalLong.of(sorted.length % 2 == 1 ? sorted[mid] : Math.floorDiv(sorted[mid - 1] + sorted[mid], 2));
  }

  /** Collects the records; every kind of record is optional (none recorded). */
  public static final class Builder {
    private final LocalDate firstDay;
    private final LocalDate lastDay;
    private final ZoneId zone;
    private PatrolRequirements requirements = PatrolRequirements.defaults();
    private final List<VisitCount> visitCounts = new ArrayList<>();
    private final List<UnitTotal> unitTotals = new ArrayList<>();
    private final Map<String, LedgerCounts> ledgerCounts = new HashMap<>();
    private Collection<Offer> offers = List.of();
    private Collection<Hazard> hazards = List.of();
    private Collection<Inspection> inspections = List.of();

    private Builder(LocalDate firstDay, LocalDate lastDay, ZoneId zone) {
      this.firstDay = Objects.requireNonNull(firstDay, "firstDay");
      this.lastDay = Objects.requireNonNull(lastDay, "lastDay");
      this.zone = Objects.requireNonNull(zone, "zone");
      if (lastDay.isBefore(firstDay)) {
        throw new IllegalArgumentException("the period " + firstDay + ".." + lastDay + " is empty");
      }
    }

    public Builder requirements(PatrolRequirements value) {
      requirements = Objects.requireNonNull(value);
      return this;
    }

    /** Village-day rows; rows of one village and day add up. */
    public Builder villageDays(Collection<VillageDay> value) {
      Map<String, Map<LocalDate, Integer>> byDay = new HashMap<>();
      for (VillageDay row : value) {
        if (counts(row.day())) {
          byDay.computeIfAbsent(row.village(), v -> new HashMap<>()).merge(row.day(), row.visits(), Integer::sum);
        }
      }
      byDay.forEach((village, days) -> {
        Map<Integer, Integer> daysByVisits = new HashMap<>();
        days.values().forEach(n -> daysByVisits.merge(n, 1, Integer::sum));
        daysByVisits.forEach((n, d) -> visitCounts.add(new VisitCount(village, n, d)));
      });
      return this;
    }

    /** How many days of the period each village had so many visits, as counted by a store (one row a village-day). */
    public Builder visitCounts(Collection<VisitCount> value) {
      visitCounts.addAll(value);
      return this;
    }

    public Builder unitDays(Collection<UnitDay> value) {
      for (UnitDay row : value) {
        if (counts(row.day())) {
          unitTotals.add(new UnitTotal(row.unitId(), row.onDutyMs(), row.onPostMs(), row.patrolMs(), row.distanceM()));
        }
      }
      return this;
    }

    /** The units' day rows of the period summed per unit, as a store adds them up. */
    public Builder unitTotals(Collection<UnitTotal> value) {
      unitTotals.addAll(value);
      return this;
    }

    public Builder offers(Collection<Offer> value) {
      offers = Objects.requireNonNull(value);
      return this;
    }

    /** Ledger entries; each counts for the unit that made it. */
    public Builder ledger(Collection<LedgerEntry> value) {
      return ledgerCounts(LedgerCounts.byGroup(value, LedgerEntry::unitId, startMs(), endMs()));
    }

    /** The counts of the ledger entries made in the period, per unit that made them, as a store adds them up. */
    public Builder ledgerCounts(Map<String, LedgerCounts> value) {
      value.forEach((unit, counts) -> ledgerCounts.merge(unit, counts, LedgerCounts::plus));
      return this;
    }

    /** Hazards; each counts for its village. */
    public Builder hazards(Collection<Hazard> value) {
      hazards = Objects.requireNonNull(value);
      return this;
    }

    /** At most one inspection per office or workstation. */
    public Builder inspections(Collection<Inspection> value) {
      inspections = Objects.requireNonNull(value);
      return this;
    }

    public MonthRecords build() {
      return new MonthRecords(this);
    }

    private boolean counts(LocalDate day) {
      return !day.isBefore(firstDay) && !day.isAfter(lastDay);
    }

    private long startMs() {
      return firstDay.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    private long endMs() {
      return lastDay.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
    }
  }

  /** A village had {@code visits} visits on {@code days} days of the period. */
  public record VisitCount(String village, int visits, int days) {
    public VisitCount {
      Objects.requireNonNull(village, "village");
    }
  }

  /** A unit's time and distance over the days of the period. */
  public record UnitTotal(String unitId, long onDutyMs, long onPostMs, long patrolMs, double distanceM) {
    UnitTotal plus(UnitTotal other) {
      return new UnitTotal(unitId, onDutyMs + other.onDutyMs, onPostMs + other.onPostMs, patrolMs + other.patrolMs,
          distanceM + other.distanceM);
    }
  }
}
