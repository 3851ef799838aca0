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
 * midnight in the county's zone).
 */
public final class MonthRecords {

  private final LocalDate firstDay;
  private final LocalDate lastDay;
  private final int days;
  private final PatrolRequirements requirements;
  private final Map<String, Map<LocalDate, Integer>> visits = new HashMap<>();
  private final Map<String, long[]> unitTimes = new HashMap<>(); // on duty, on post, patrol
  private final Map<String, Double> unitDistance = new HashMap<>();
  private final Map<String, List<Offer>> offers = new HashMap<>();
  private final Map<String, LedgerCounts> ledger;
  private final Map<String, HazardTally> hazards = new HashMap<>();
  private final Map<String, Inspection> inspections = new HashMap<>();

  private MonthRecords(Builder b) {
    this.firstDay = b.firstDay;
    this.lastDay = b.lastDay;
    this.days = (int) (lastDay.toEpochDay() - firstDay.toEpochDay()) + 1;
    this.requirements = b.requirements;
    long startMs = firstDay.atStartOfDay(b.zone).toInstant().toEpochMilli();
    long endMs = lastDay.plusDays(1).atStartOfDay(b.zone).toInstant().toEpochMilli();
    for (VillageDay row : b.villageDays) {
      if (counts(row.day())) {
        visits.computeIfAbsent(row.village(), v -> new HashMap<>()).merge(row.day(), row.visits(), Integer::sum);
      }
    }
    for (UnitDay row : b.unitDays) {
      if (counts(row.day())) {
        long[] times = unitTimes.computeIfAbsent(row.unitId(), u -> new long[3]);
        times[0] += row.onDutyMs();
        times[1] += row.onPostMs();
        times[2] += row.patrolMs();
        unitDistance.merge(row.unitId(), row.distanceM(), Double::sum);
      }
    }
    for (Offer offer : b.offers) {
      if (offer.isCounted() && offer.offeredAtMs() >= startMs && offer.offeredAtMs() < endMs) {
        offers.computeIfAbsent(offer.unitId(), u -> new ArrayList<>()).add(offer);
      }
    }
    ledger = LedgerCounts.byGroup(b.ledger, LedgerEntry::unitId, startMs, endMs);
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

  private boolean counts(LocalDate day) {
    return !day.isBefore(firstDay) && !day.isAfter(lastDay);
  }

  /** The subject's figures. */
  public SubjectFacts factsOf(Subject subject) {
    int met = 0;
    HazardTally hazardTally = HazardTally.NONE;
    for (String village : subject.villages()) {
      met += daysMet(village);
      hazardTally = hazardTally.plus(hazards.getOrDefault(village, HazardTally.NONE));
    }
    long[] times = new long[3];
    double distance = 0;
    int offered = 0;
    List<Long> acceptDelays = new ArrayList<>();
    List<Long> arriveDelays = new ArrayList<>();
    LedgerCounts work = LedgerCounts.NONE;
    for (String unit : subject.units()) {
      long[] t = unitTimes.getOrDefault(unit, new long[3]);
      for (int i = 0; i < 3; i++) {
        times[i] += t[i];
      }
      distance += unitDistance.getOrDefault(unit, 0.0);
      for (Offer offer : offers.getOrDefault(unit, List.of())) {
        offered++;
        offer.acceptedAtMs().ifPresent(at -> acceptDelays.add(at - offer.offeredAtMs()));
        offer.onSceneAtMs().ifPresent(at -> arriveDelays.add(at - offer.offeredAtMs()));
      }
      work = work.plus(ledger.getOrDefault(unit, LedgerCounts.NONE));
    }
    Optional<Inspection> inspection = subject.kind().isInspected()
        ? Optional.ofNullable(inspections.get(subject.id())) : Optional.empty();
    return new SubjectFacts(subject, subject.villages().size() * days, met, times[0], times[1], times[2], distance,
        offered, acceptDelays.size(), median(acceptDelays), median(arriveDelays), work, hazardTally, inspection);
  }

  private int daysMet(String village) {
    if (requirements.visitsPerDay(village) == 0) {
      return days;
    }
    int met = 0;
    for (int visitsThatDay : visits.getOrDefault(village, Map.of()).values()) {
      if (requirements.isMet(village, visitsThatDay)) {
        met++;
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
    private Collection<VillageDay> villageDays = List.of();
    private Collection<UnitDay> unitDays = List.of();
    private Collection<Offer> offers = List.of();
    private Collection<LedgerEntry> ledger = List.of();
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

    public Builder villageDays(Collection<VillageDay> value) {
      villageDays = Objects.requireNonNull(value);
      return this;
    }

    public Builder unitDays(Collection<UnitDay> value) {
      unitDays = Objects.requireNonNull(value);
      return this;
    }

    public Builder offers(Collection<Offer> value) {
      offers = Objects.requireNonNull(value);
      return this;
    }

    /** Ledger entries; each counts for the unit that made it. */
    public Builder ledger(Collection<LedgerEntry> value) {
      ledger = Objects.requireNonNull(value);
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
  }
}
