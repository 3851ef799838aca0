package org.lamplight.domain.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.lamplight.domain.coverage.Inactivity.InactiveVillage;

class InactivityTest {

  private static final long HOUR = 3_600_000L;
  private static final long T0 = 1_710_460_800_000L; // 2024-03-15 08:00 in Shanghai
  private static final PatrolRequirements REQUIREMENTS = new PatrolRequirements(1, Map.of("V-market", 3, "V-empty", 0));
  private static final List<String> VILLAGES = List.of("V001", "V-market", "V-empty", "V-new");

  /** V001 and V-market were last visited at T0; V-new never; watching began 2 hours before T0. */
  private final Map<String, Long> lastVisits = Map.of("V001", T0, "V-market", T0, "V-empty", T0);

  @Test
  void aVillageIsReportedWhenItsWindowRunsOutWithoutAVisit() {
    assertThat(check(T0 + 7 * HOUR, T0 + 8 * HOUR)).extracting(InactiveVillage::village).containsExactly("V-market");
    assertThat(check(T0 + 8 * HOUR, T0 + 9 * HOUR)).isEmpty();
  }

  @Test
  void aVillageIsReportedOncePerWindowHoweverOftenTheCheckRuns() {
    List<InactiveVillage> reported = new ArrayList<>();
    for (long t = T0; t < T0 + 30 * HOUR; t += 60_000) {
      reported.addAll(check(t, t + 60_000));
    }

    assertThat(reported).extracting(InactiveVillage::village, InactiveVillage::windowsMissed, InactiveVillage::missedSinceMs)
        .containsExactly(tuple("V-market", 1L, T0 + 8 * HOUR),
            tuple("V-market", 2L, T0 + 16 * HOUR),
            tuple("V-new", 1L, T0 + 22 * HOUR),
            tuple("V001", 1L, T0 + 24 * HOUR),
            tuple("V-market", 3L, T0 + 24 * HOUR));
  }

  @Test
  void aCheckAfterALongPauseReportsAVillageOnceWithAllTheWindowsItMissed() {
    assertThat(check(T0, T0 + 17 * HOUR)).singleElement()
        .isEqualTo(new InactiveVillage("V-market", OptionalLong.of(T0), 8 * HOUR, 2, T0 + 16 * HOUR));
  }

  @Test
  void aVisitStartsTheWindowAfresh() {
    Map<String, Long> visitedAgain = Map.of("V-market", T0 + 7 * HOUR);

    assertThat(Inactivity.due(List.of("V-market"), visitedAgain, REQUIREMENTS, T0, T0 + 7 * HOUR, T0 + 9 * HOUR))
        .isEmpty();
    assertThat(Inactivity.due(List.of("V-market"), visitedAgain, REQUIREMENTS, T0, T0 + 14 * HOUR, T0 + 15 * HOUR))
        .extracting(InactiveVillage::missedSinceMs).containsExactly(T0 + 15 * HOUR);
  }

  @Test
  void aVillageNeverVisitedCountsFromWhenWatchingBegan() {
    assertThat(check(T0 + 21 * HOUR, T0 + 22 * HOUR)).singleElement()
        .isEqualTo(new InactiveVillage("V-new", OptionalLong.empty(), 24 * HOUR, 1, T0 + 22 * HOUR));
  }

  @Test
  void aVillageThatNeedsNoVisitIsNeverReported() {
    assertThat(check(T0, T0 + 1_000 * HOUR)).extracting(InactiveVillage::village).doesNotContain("V-empty");
  }

  private List<InactiveVillage> check(long previousCheckMs, long nowMs) {
    return Inactivity.due(VILLAGES, lastVisits, REQUIREMENTS, T0 - 2 * HOUR, previousCheckMs, nowMs);
  }
}
