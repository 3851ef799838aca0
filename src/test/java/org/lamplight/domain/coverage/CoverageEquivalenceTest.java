package org.lamplight.domain.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.lamplight.domain.coverage.TestVillages.INDEX;
import static org.lamplight.domain.coverage.TestVillages.SIDE;
import static org.lamplight.domain.coverage.TestVillages.SOUTH;
import static org.lamplight.domain.coverage.TestVillages.WEST;
import static org.lamplight.domain.coverage.TestVillages.at;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lamplight.domain.coverage.TrackEvent.Duty;
import org.lamplight.domain.coverage.TrackEvent.Fix;

/**
 * Random tracks of three units wandering over {@link TestVillages} from 22:00 for a few hours
 * (so across midnight): fixes from seconds to half an hour apart, some exactly on borders or
 * outside every village, duty changes, and in the messy variant duplicates, late fixes and
 * implausible jumps. Each seed is one track; a failure names its seed.
 */
class CoverageEquivalenceTest {

  private static final UnitPosts POSTS = UnitPosts.of(Map.of("aux-1", Set.of("V11"), "aux-2", Set.of("V22", "V23")));
  private static final CoverageSettings SETTINGS = CoverageSettings.defaults();
  private static final String[] UNITS = {"aux-1", "aux-2", "aux-3"};

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 200);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void incrementalCoverageMatchesTheDefinitionHoweverItIsDrained(long seed) {
    Random random = new Random(seed);
    List<TrackEvent> events = track(random, true);

    CoverageTotals incremental = incrementally(events, random);

    assertSame(incremental, new CoverageOracle(INDEX, POSTS, SETTINGS).totals(events));
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void recomputingFromHistoryGivesWhatTheIncrementalPathGave(long seed) {
    Random random = new Random(seed);
    List<TrackEvent> events = track(random, false);
    LocalDate first = LocalDate.of(2024, 3, 15);
    LocalDate last = first.plusDays(2);

    CoverageTotals incremental = incrementally(events, random);
    List<TrackEvent> history = new ArrayList<>(events);
    history.sort((a, b) -> a.unitId().compareTo(b.unitId()));
    CoverageTotals recomputed = CoverageAccumulator.recompute(INDEX, POSTS, SETTINGS, history, first, last);

    assertThat(recomputed.villageDays()).isEqualTo(incremental.villageDays());
    assertSame(recomputed, incremental);
    assertSame(recomputed, new CoverageOracle(INDEX, POSTS, SETTINGS).totals(events));
  }

  /** Fed one by one, drained at random moments, restarted once from the saved tracks. */
  private static CoverageTotals incrementally(List<TrackEvent> events, Random random) {
    CoverageAccumulator accumulator = new CoverageAccumulator(INDEX, POSTS, SETTINGS);
    CoverageTotals totals = new CoverageTotals();
    int restartAt = random.nextInt(events.size());
    for (int i = 0; i < events.size(); i++) {
      accumulator.accept(events.get(i));
      if (random.nextInt(10) == 0) {
        totals.add(accumulator.drain());
      }
      if (i == restartAt) {
        totals.add(accumulator.drain());
        accumulator = new CoverageAccumulator(INDEX, POSTS, SETTINGS, accumulator.tracks());
      }
    }
    totals.add(accumulator.drain());
    return totals;
  }

  private static void assertSame(CoverageTotals actual, CoverageTotals expected) {
    assertThat(actual.villageDays()).isEqualTo(expected.villageDays());
    List<UnitDay> actualUnits = actual.unitDays();
    List<UnitDay> expectedUnits = expected.unitDays();
    assertThat(actualUnits).hasSameSizeAs(expectedUnits);
    for (int i = 0; i < actualUnits.size(); i++) {
      UnitDay a = actualUnits.get(i);
      UnitDay e = expectedUnits.get(i);
      assertThat(new UnitDay(a.unitId(), a.day(), a.onDutyMs(), a.onPostMs(), a.patrolMs(), 0, a.visits()))
          .isEqualTo(new UnitDay(e.unitId(), e.day(), e.onDutyMs(), e.onPostMs(), e.patrolMs(), 0, e.visits()));
      assertThat(a.distanceM()).as(a.unitId() + " " + a.day()).isCloseTo(e.distanceM(), within(1e-6));
    }
  }

  /**
   * The events of all units, interleaved at random but each unit's in its own order; when messy,
   * some arrive late, twice or flagged as jumps, and duty changes may carry a time before the last
   * fix.
   */
  static List<TrackEvent> track(Random random, boolean messy) {
    List<List<TrackEvent>> perUnit = new ArrayList<>();
    for (String unitId : UNITS) {
      List<TrackEvent> events = new ArrayList<>();
      double x = random.nextDouble() * 3;
      double y = random.nextDouble() * 3;
      long t = at(22, 0) + random.nextInt(600_000);
      for (int i = 0; i < 150 + random.nextInt(150); i++) {
        x = Math.max(-0.4, Math.min(3.4, x + (random.nextDouble() - 0.5) * 0.3));
        y = Math.max(-0.4, Math.min(3.4, y + (random.nextDouble() - 0.5) * 0.3));
        int kind = random.nextInt(100);
        t += kind < 70 ? 5_000 + random.nextInt(120_000) : kind < 90 ? 180_000 + random.nextInt(300_000)
            : 300_000 + random.nextInt(1_500_000);
        if (random.nextInt(100) < 3) {
          events.add(new Duty(unitId, messy && random.nextBoolean() ? t - random.nextInt(200_000) : t,
              random.nextBoolean()));
          continue;
        }
        double fx = random.nextInt(20) == 0 ? Math.rint(x) : x; // on a border now and then
        double fy = random.nextInt(20) == 0 ? Math.rint(y) : y;
        long ft = messy && random.nextInt(20) == 0 ? t - random.nextInt(400_000) : t;
        boolean implausible = messy && random.nextInt(30) == 0;
        events.add(new Fix(unitId, ft, SOUTH + fy * SIDE, WEST + fx * SIDE, implausible));
        if (messy && random.nextInt(30) == 0) {
          events.add(new Fix(unitId, ft, SOUTH + fy * SIDE, WEST + fx * SIDE, false));
        }
      }
      perUnit.add(events);
    }
    return interleave(perUnit, random);
  }

  /** Merges the units' lists, keeping each unit's own order. */
  private static List<TrackEvent> interleave(List<List<TrackEvent>> perUnit, Random random) {
    List<TrackEvent> merged = new ArrayList<>();
    int[] next = new int[perUnit.size()];
    while (true) {
      List<Integer> open = new ArrayList<>();
      for (int u = 0; u < perUnit.size(); u++) {
        if (next[u] < perUnit.get(u).size()) {
          open.add(u);
        }
      }
      if (open.isEmpty()) {
        return merged;
      }
      int u = open.get(random.nextInt(open.size()));
      merged.add(perUnit.get(u).get(next[u]++));
    }
  }
}
