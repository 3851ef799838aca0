package org.lamplight.bench;

import static org.lamplight.bench.BenchRun.progress;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import org.lamplight.domain.area.Area;
import org.lamplight.domain.area.AreaLevel;
import org.lamplight.domain.coverage.PatrolRequirements;
import org.lamplight.domain.coverage.UnitDay;
import org.lamplight.domain.coverage.VillageDay;
import org.lamplight.domain.evaluation.EvaluationMonth;
import org.lamplight.domain.evaluation.EvaluationSettings;
import org.lamplight.domain.evaluation.Inspection;
import org.lamplight.domain.evaluation.MonthRecords;
import org.lamplight.domain.evaluation.MonthlyEvaluation;
import org.lamplight.domain.evaluation.Offer;
import org.lamplight.domain.evaluation.Subject;
import org.lamplight.domain.ledger.Hazard;
import org.lamplight.domain.ledger.HazardStatus;
import org.lamplight.domain.ledger.LedgerEntry;
import org.lamplight.domain.ledger.LedgerKind;
import org.lamplight.domain.org.County;
import org.lamplight.domain.org.Person;
import org.lamplight.patrol.EvaluationService;

/**
 * Section 8: a month's evaluation of a county of 2,025 villages ({@link SyntheticCounty}, 45 × 45),
 * worked out in this JVM from a month of records as the server reads them from PostgreSQL: a day
 * row per village and per unit, 30,000 ledger entries, 3,000 offers, 300 hazards, an inspection of
 * every office and workstation. Timed from the records to the ranked evaluation of every office,
 * workstation, officer and auxiliary; the reading of the rows from PostgreSQL is not in it (the
 * coverage section times the whole request on the demo county).
 */
final class EvaluationSection {

  private static final int SIDE = 45;
  private static final int WARMUP = 3;
  private static final int RUNS = 7;
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private final BenchRun run;

  EvaluationSection(BenchRun run) {
    this.run = run;
  }

  void run() {
    progress("monthly evaluation of " + SIDE * SIDE + " villages");
    County county = SyntheticCounty.of(SIDE);
    EvaluationSettings settings = EvaluationSettings.defaults();
    EvaluationMonth month = EvaluationMonth.parse("2026-05", settings.closingDay());
    Month records = month(county, month);
    List<Subject> subjects = EvaluationService.subjects(county);
    double[] ms = new double[RUNS];
    MonthlyEvaluation result = null;
    for (int i = -WARMUP; i < RUNS; i++) {
      long started = System.nanoTime();
      result = MonthlyEvaluation.evaluate(month, MonthRecords.builder(month, ZONE).requirements(records.requirements)
          .villageDays(records.villageDays).unitDays(records.unitDays).offers(records.offers).ledger(records.ledger)
          .hazards(records.hazards).inspections(records.inspections).build(), subjects, Map.of(), settings);
      if (i >= 0) {
        ms[i] = (System.nanoTime() - started) / 1e6;
      }
    }
    Arrays.sort(ms);
    double median = ms[RUNS / 2];
    double max = ms[RUNS - 1];
    progress(String.format(Locale.ROOT, "evaluation: median %.0f ms, max %.0f ms", median, max));
    long villages = county.areas().stream().filter(a -> a.level() == AreaLevel.VILLAGE).count();
    run.report.section(8, String.format(Locale.ROOT, """
        ## 8. Monthly evaluation

        A synthetic county of %,d villages, %,d offices, %,d workstations and %,d people (one device each), and a
        month of records for it (%s): %,d village-day and %,d unit-day rows, %,d ledger entries, %,d offers, %,d
        hazards, %,d inspections. Timed in one thread from those records, as the server holds them once read from
        PostgreSQL, to the evaluation of every office, workstation, officer and auxiliary (figures, scores, ranks,
        classes, amounts); reading the rows from PostgreSQL is not included. %d warm-up runs, then %d timed.

        | villages | subjects evaluated | median | slowest | offices first / second / third class |
        |---|---|---|---|---|
        | %,d | %,d | %.0f ms | %.0f ms | %s |
        """, villages, county.offices().size(), county.workstations().size(), county.people().size(), month,
        records.villageDays.size(), records.unitDays.size(), records.ledger.size(), records.offers.size(),
        records.hazards.size(), records.inspections.size(), WARMUP, RUNS, villages, subjects.size(), median, max,
        classes(result)));
    run.report.goal(8, String.format(Locale.ROOT, "A month's evaluation of %,d villages", villages), "≤ 2 s",
        String.format(Locale.ROOT, "%.0f ms (slowest %.0f ms)", median, max), max <= 2000);
  }

  private static String classes(MonthlyEvaluation e) {
    int[] counts = new int[3];
    e.offices().forEach(o -> counts[o.tier().ordinal()]++);
    return counts[0] + " / " + counts[1] + " / " + counts[2];
  }

  /** A month of records of a county. */
  private record Month(PatrolRequirements requirements, List<VillageDay> villageDays, List<UnitDay> unitDays,
                       List<LedgerEntry> ledger, List<Offer> offers, List<Hazard> hazards,
                       List<Inspection> inspections) {
  }

  /**
   * Villages visited on four days in five by one to three units, every unit on duty eight hours a
   * day, half of it on post; ledger entries, offers and hazards spread over the month by unit and
   * village; inspection scores between 60 and 100.
   */
  private static Month month(County county, EvaluationMonth month) {
    SplittableRandom rnd = new SplittableRandom(15);
    List<String> villages = county.areas().stream().filter(a -> a.level() == AreaLevel.VILLAGE).map(Area::code)
        .toList();
    List<String> units = county.people().stream().map(Person::id).toList();
    long startMs = month.startMs(ZONE);
    long spanMs = month.endMs(ZONE) - startMs;
    List<VillageDay> villageDays = new ArrayList<>();
    List<UnitDay> unitDays = new ArrayList<>();
    for (LocalDate day = month.firstDay(); !day.isAfter(month.lastDay()); day = day.plusDays(1)) {
      long midnight = day.atStartOfDay(ZONE).toInstant().toEpochMilli();
      for (String v : villages) {
        if (rnd.nextInt(5) > 0) {
          int visits = 1 + rnd.nextInt(3);
          Set<String> by = Set.of(units.get(rnd.nextInt(units.size())));
          villageDays.add(new VillageDay(v, day, visits * 20 * 60_000L, visits,
              OptionalLong.of(midnight + rnd.nextLong(86_400_000L)), by));
        }
      }
      for (String u : units) {
        unitDays.add(new UnitDay(u, day, 8 * 3_600_000L, 4 * 3_600_000L, 3 * 3_600_000L, rnd.nextDouble(5_000, 40_000),
            rnd.nextInt(4)));
      }
    }
    LedgerKind[] kinds = LedgerKind.values();
    List<LedgerEntry> ledger = new ArrayList<>();
    for (int i = 0; i < 30_000; i++) {
      ledger.add(new LedgerEntry("l" + i, kinds[rnd.nextInt(kinds.length)], units.get(rnd.nextInt(units.size())),
          villages.get(rnd.nextInt(villages.size())), startMs + rnd.nextLong(spanMs), 1 + rnd.nextInt(3), Double.NaN,
          Double.NaN, ""));
    }
    List<Offer> offers = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      long at = startMs + rnd.nextLong(spanMs);
      boolean accepted = rnd.nextInt(4) > 0;
      offers.add(new Offer(units.get(rnd.nextInt(units.size())), at,
          accepted ? Offer.Answer.ACCEPTED : Offer.Answer.DECLINED,
          accepted ? OptionalLong.of(at + rnd.nextLong(5_000, 60_000)) : OptionalLong.empty(),
          accepted ? OptionalLong.of(at + rnd.nextLong(300_000, 1_800_000)) : OptionalLong.empty()));
    }
    List<Hazard> hazards = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      long at = startMs + rnd.nextLong(spanMs);
      boolean rectified = rnd.nextBoolean();
      hazards.add(new Hazard("h" + i, LedgerKind.FIRE_HAZARD, villages.get(rnd.nextInt(villages.size())), "",
          rectified ? HazardStatus.RECTIFIED : HazardStatus.ORDERED, rectified ? 3 : 2, at,
          units.get(rnd.nextInt(units.size())), OptionalLong.of(at + 7 * 86_400_000L),
          rectified ? OptionalLong.of(at + rnd.nextLong(10 * 86_400_000L)) : OptionalLong.empty(), OptionalLong.empty()));
    }
    List<Inspection> inspections = new ArrayList<>();
    county.offices().forEach(o -> inspections.add(inspection(o.id(), rnd)));
    county.workstations().forEach(w -> inspections.add(inspection(w.id(), rnd)));
    return new Month(PatrolRequirements.defaults(), villageDays, unitDays, ledger, offers, hazards, inspections);
  }

  private static Inspection inspection(String subject, SplittableRandom rnd) {
    return new Inspection(subject, rnd.nextDouble(60, 100), rnd.nextDouble(60, 100), rnd.nextDouble(60, 100));
  }
}
