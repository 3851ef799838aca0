package org.lamplight.domain.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lamplight.domain.ledger.HazardEvent.Dismiss;
import org.lamplight.domain.ledger.HazardEvent.Order;
import org.lamplight.domain.ledger.HazardEvent.Rectify;
import org.lamplight.domain.ledger.HazardEvent.Report;
import org.lamplight.domain.ledger.HazardEvent.Verify;

/** The period is [T0, T0 + 30 days). */
class HazardTallyTest {

  private static final long DAY = 24 * 3_600_000L;
  private static final long T0 = 1_710_460_800_000L;
  private static final long T1 = T0 + 30 * DAY;

  @Test
  void aHazardRectifiedByItsDeadlineIsOnTime() {
    Hazard h = hazard("a", "V001", 1, 5, 3, null, null);

    assertThat(HazardTally.of(h, T0, T1)).isEqualTo(new HazardTally(1, 0, 1, 1, 1, 0));
  }

  @Test
  void aHazardRectifiedAfterItsDeadlineIsLate() {
    HazardTally tally = HazardTally.of(hazard("b", "V001", 2, 6, 8, null, null), T0, T1);

    assertThat(tally).isEqualTo(new HazardTally(1, 0, 1, 0, 1, 0));
    assertThat(tally.late()).isEqualTo(1);
  }

  @Test
  void aHazardNotRectifiedByTheEndOfThePeriodIsLate() {
    assertThat(HazardTally.of(hazard("c", "V001", 2, 6, null, null, null), T0, T1).late()).isEqualTo(1);
  }

  @Test
  void aHazardCountsAsDueInThePeriodOfItsDeadline() {
    assertThat(HazardTally.of(hazard("d", "V001", -10, 1, -5, null, null), T0, T1))
        .as("reported and rectified before the period, due in it").isEqualTo(new HazardTally(0, 0, 1, 1, 0, 0));
    assertThat(HazardTally.of(hazard("e", "V001", 20, 40, null, null, null), T0, T1))
        .as("due in the next period").isEqualTo(new HazardTally(1, 0, 0, 0, 0, 0));
  }

  @Test
  void aHazardClosedAsNotAHazardBeforeItsDeadlineIsNotDue() {
    assertThat(HazardTally.of(hazard("f", "V001", 1, 10, null, null, 4), T0, T1))
        .isEqualTo(new HazardTally(1, 1, 0, 0, 0, 0));
  }

  @Test
  void closingAsNotAHazardAfterTheDeadlineDoesNotUndoTheLateness() {
    assertThat(HazardTally.of(hazard("g", "V001", 1, 10, null, null, 12), T0, T1))
        .isEqualTo(new HazardTally(1, 1, 1, 0, 0, 0));
  }

  @Test
  void verifiedCountsInThePeriodOfTheCheck() {
    assertThat(HazardTally.of(hazard("h", "V001", 1, 5, 2, 3, null), T0, T1))
        .isEqualTo(new HazardTally(1, 0, 1, 1, 1, 1));
  }

  @Test
  void theOnTimeRateIsOnTimeOutOfDueAndAbsentWhenNothingWasDue() {
    List<Hazard> hazards = List.of(hazard("a", "V001", 1, 5, 3, null, null), hazard("b", "V001", 2, 6, 8, null, null),
        hazard("c", "V001", 2, 6, null, null, null), hazard("d", "V001", -10, 1, -5, null, null));

    assertThat(HazardTally.of(hazards, T0, T1).onTimeRate()).hasValue(0.5);
    assertThat(HazardTally.of(List.of(hazard("e", "V001", 20, 40, null, null, null)), T0, T1).onTimeRate()).isEmpty();
    assertThat(HazardTally.NONE.onTimeRate()).isEmpty();
  }

  /**
   * A fire hazard reported on day {@code reported} (days from T0), ordered with a deadline on day
   * {@code deadline}, then rectified, verified or dismissed on the days given (null: not done).
   */
  static Hazard hazard(String id, String village, int reported, int deadline, Integer rectified, Integer verified,
      Integer dismissed) {
    Hazard h = HazardLifecycle.apply(null, new Report(id, LedgerKind.FIRE_HAZARD, village, "aux-0001", null),
        T0 + reported * DAY).next();
    h = HazardLifecycle.apply(h, new Order(id, T0 + deadline * DAY, "off-01", null), T0 + reported * DAY + 1).next();
    if (rectified != null) {
      h = HazardLifecycle.apply(h, new Rectify(id, "aux-0001", null), T0 + rectified * DAY).next();
    }
    if (verified != null) {
      h = HazardLifecycle.apply(h, new Verify(id, "off-01", null), T0 + verified * DAY).next();
    }
    if (dismissed != null) {
      h = HazardLifecycle.apply(h, new Dismiss(id, "off-01", "not a hazard"), T0 + dismissed * DAY).next();
    }
    return h;
  }
}
