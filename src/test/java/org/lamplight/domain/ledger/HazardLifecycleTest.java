package org.lamplight.domain.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lamplight.domain.ledger.HazardEvent.Dismiss;
import org.lamplight.domain.ledger.HazardEvent.Order;
import org.lamplight.domain.ledger.HazardEvent.Rectify;
import org.lamplight.domain.ledger.HazardEvent.Report;
import org.lamplight.domain.ledger.HazardEvent.Verify;
import org.lamplight.domain.ledger.HazardException.Code;

class HazardLifecycleTest {

  private static final long T0 = 1_710_460_800_000L;
  private static final long HOUR = 3_600_000L;
  private static final long DAY = 24 * HOUR;
  private static final String ID = "hz-1";

  // ---- the way through ----------------------------------------------------------------------

  @Test
  void aReportedHazardStartsItsTimeline() {
    HazardDecision d = HazardLifecycle.apply(null, report(), T0);

    assertThat(d.next()).isEqualTo(new Hazard(ID, LedgerKind.FIRE_HAZARD, "V001", "straw by the stove",
        HazardStatus.REPORTED, 1, T0, "aux-0001", OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty()));
    assertThat(d.step()).isEqualTo(new HazardStep(ID, 1, HazardAction.REPORT, "aux-0001", T0, OptionalLong.empty(),
        "straw by the stove"));
  }

  @Test
  void orderedRectifiedAndVerifiedWithWhoAndWhenOnEachStep() {
    Hazard reported = HazardLifecycle.apply(null, report(), T0).next();
    HazardDecision ordered = HazardLifecycle.apply(reported, new Order(ID, T0 + 7 * DAY, "off-01", "clear it"), T0 + HOUR);
    HazardDecision rectified = HazardLifecycle.apply(ordered.next(), new Rectify(ID, "aux-0001", null), T0 + 3 * DAY);
    HazardDecision verified = HazardLifecycle.apply(rectified.next(), new Verify(ID, "off-01", "cleared"), T0 + 4 * DAY);

    assertThat(ordered.step()).isEqualTo(new HazardStep(ID, 2, HazardAction.ORDER, "off-01", T0 + HOUR,
        OptionalLong.of(T0 + 7 * DAY), "clear it"));
    assertThat(rectified.step()).isEqualTo(new HazardStep(ID, 3, HazardAction.RECTIFY, "aux-0001", T0 + 3 * DAY,
        OptionalLong.empty(), ""));
    assertThat(verified.step()).isEqualTo(new HazardStep(ID, 4, HazardAction.VERIFY, "off-01", T0 + 4 * DAY,
        OptionalLong.empty(), "cleared"));
    Hazard done = verified.next();
    assertThat(done.status()).isEqualTo(HazardStatus.VERIFIED);
    assertThat(done.seq()).isEqualTo(4);
    assertThat(done.deadlineMs()).hasValue(T0 + 7 * DAY);
    assertThat(done.rectifiedAtMs()).hasValue(T0 + 3 * DAY);
    assertThat(done.closedAtMs()).hasValue(T0 + 4 * DAY);
    assertThat(done.wasRectifiedOnTime()).isTrue();
  }

  @Test
  void aReportedHazardCanBeClosedAsNotAHazard() {
    Hazard closed = HazardLifecycle.apply(at(HazardStatus.REPORTED), new Dismiss(ID, "off-01", "it is a lawful store"),
        T0 + DAY).next();

    assertThat(closed.status()).isEqualTo(HazardStatus.NOT_A_HAZARD);
    assertThat(closed.closedAtMs()).hasValue(T0 + DAY);
    assertThat(closed.status().isClosed()).isTrue();
  }

  @Test
  void anOrderedHazardCanBeClosedAsNotAHazard() {
    HazardDecision d = HazardLifecycle.apply(at(HazardStatus.ORDERED), new Dismiss(ID, "off-01", "re-assessed"), T0 + DAY);

    assertThat(d.next().status()).isEqualTo(HazardStatus.NOT_A_HAZARD);
    assertThat(d.step().action()).isEqualTo(HazardAction.DISMISS);
    assertThat(d.step().note()).isEqualTo("re-assessed");
  }

  // ---- refusals -----------------------------------------------------------------------------

  /** Every step from every status: allowed exactly where the life cycle says. */
  @ParameterizedTest
  @EnumSource(HazardStatus.class)
  void onlyTheStepsOfTheLifeCycleAreAllowed(HazardStatus status) {
    List<HazardEvent> steps = List.of(new Order(ID, T0 + 30 * DAY, "off-01", null), new Rectify(ID, "aux-0001", null),
        new Verify(ID, "off-01", null), new Dismiss(ID, "off-01", "no"));
    List<HazardAction> allowed = switch (status) {
      case REPORTED -> List.of(HazardAction.ORDER, HazardAction.DISMISS);
      case ORDERED -> List.of(HazardAction.RECTIFY, HazardAction.DISMISS);
      case RECTIFIED -> List.of(HazardAction.VERIFY);
      case VERIFIED, NOT_A_HAZARD -> List.of();
    };
    for (HazardEvent step : steps) {
      Hazard hazard = at(status);
      if (allowed.contains(step.action())) {
        assertThat(HazardLifecycle.apply(hazard, step, T0 + 10 * DAY).next().status()).isEqualTo(step.action().target());
      } else {
        assertRefused(() -> HazardLifecycle.apply(hazard, step, T0 + 10 * DAY), Code.INVALID_TRANSITION)
            .hasMessageContaining(status.wire()).hasMessageContaining(step.action().wire());
      }
    }
  }

  @Test
  void reportingAnExistingHazardIsRefused() {
    assertRefused(() -> HazardLifecycle.apply(at(HazardStatus.REPORTED), report(), T0), Code.DUPLICATE_HAZARD);
  }

  @Test
  void aStepForAHazardThatDoesNotExistIsRefused() {
    assertRefused(() -> HazardLifecycle.apply(null, new Rectify(ID, "aux-0001", null), T0), Code.UNKNOWN_HAZARD);
  }

  @Test
  void onlyHazardKindsHaveALifeCycle() {
    assertRefused(() -> HazardLifecycle.apply(null, new Report(ID, LedgerKind.HOUSEHOLD_VISIT, "V001", "aux-0001", null), T0),
        Code.INVALID_REQUEST).hasMessageContaining("household_visit");
    assertRefused(() -> HazardLifecycle.apply(null, new Report(ID, null, "V001", "aux-0001", null), T0),
        Code.INVALID_REQUEST);
  }

  @Test
  void aHazardNeedsAVillage() {
    assertRefused(() -> HazardLifecycle.apply(null, new Report(ID, LedgerKind.TRAFFIC_HAZARD, " ", "aux-0001", null), T0),
        Code.INVALID_REQUEST).hasMessageContaining("village");
  }

  @Test
  void everyStepNeedsSomeoneWhoTookIt() {
    assertRefused(() -> HazardLifecycle.apply(null, new Report(ID, LedgerKind.FIRE_HAZARD, "V001", "", null), T0),
        Code.INVALID_REQUEST);
    assertRefused(() -> HazardLifecycle.apply(at(HazardStatus.ORDERED), new Rectify(ID, null, null), T0 + DAY),
        Code.INVALID_REQUEST);
  }

  @Test
  void aDeadlineMustLieInTheFuture() {
    Hazard reported = at(HazardStatus.REPORTED);
    assertRefused(() -> HazardLifecycle.apply(reported, new Order(ID, T0 + DAY, "off-01", null), T0 + DAY),
        Code.INVALID_REQUEST).hasMessageContaining("deadline");
  }

  @Test
  void closingAsNotAHazardNeedsAReason() {
    assertRefused(() -> HazardLifecycle.apply(at(HazardStatus.REPORTED), new Dismiss(ID, "off-01", " "), T0 + DAY),
        Code.INVALID_REQUEST);
  }

  @Test
  void aStepMeantForAnotherHazardIsRefused() {
    assertRefused(() -> HazardLifecycle.apply(at(HazardStatus.ORDERED), new Rectify("hz-2", "aux-0001", null), T0 + DAY),
        Code.INVALID_REQUEST);
  }

  // ---- overdue ------------------------------------------------------------------------------

  @Test
  void anOrderedHazardIsOverdueOnceItsDeadlineHasPassed() {
    Hazard ordered = at(HazardStatus.ORDERED); // deadline T0 + 7 days

    assertThat(ordered.isOverdueAt(T0 + 7 * DAY)).as("at the deadline itself").isFalse();
    assertThat(ordered.isOverdueAt(T0 + 7 * DAY + 1)).isTrue();
    assertThat(HazardLifecycle.overdue(List.of(ordered, at(HazardStatus.REPORTED)), T0 + 8 * DAY)).containsExactly(ordered);
  }

  @Test
  void aRectifiedHazardIsNotOverdueEvenWhenLate() {
    Hazard late = HazardLifecycle.apply(at(HazardStatus.ORDERED), new Rectify(ID, "aux-0001", null), T0 + 9 * DAY).next();

    assertThat(late.isOverdueAt(T0 + 10 * DAY)).isFalse();
    assertThat(late.wasRectifiedOnTime()).isFalse();
    assertThat(HazardLifecycle.overdue(List.of(late, at(HazardStatus.VERIFIED), at(HazardStatus.NOT_A_HAZARD)),
        T0 + 30 * DAY)).isEmpty();
  }

  @Test
  void eachHazardBecomesOverdueOnce() {
    List<Hazard> hazards = List.of(at(HazardStatus.ORDERED));

    assertThat(HazardLifecycle.becameOverdue(hazards, T0 + 6 * DAY, T0 + 7 * DAY)).isEmpty();
    assertThat(HazardLifecycle.becameOverdue(hazards, T0 + 7 * DAY, T0 + 7 * DAY + 60_000)).containsExactlyElementsOf(hazards);
    assertThat(HazardLifecycle.becameOverdue(hazards, T0 + 7 * DAY + 60_000, T0 + 8 * DAY)).isEmpty();
  }

  // ---- helpers ------------------------------------------------------------------------------

  private static Report report() {
    return new Report(ID, LedgerKind.FIRE_HAZARD, "V001", "aux-0001", "straw by the stove");
  }

  /**
   * A hazard reported at T0, ordered an hour later with a deadline of T0 + 7 days, rectified after
   * 3 days, verified after 4; or dismissed a day after it was reported.
   */
  static Hazard at(HazardStatus status) {
    Function<Hazard, Hazard> order = h -> HazardLifecycle.apply(h, new Order(ID, T0 + 7 * DAY, "off-01", null), T0 + HOUR).next();
    Function<Hazard, Hazard> rectify = h -> HazardLifecycle.apply(h, new Rectify(ID, "aux-0001", null), T0 + 3 * DAY).next();
    Hazard reported = HazardLifecycle.apply(null, report(), T0).next();
    return switch (status) {
      case REPORTED -> reported;
      case ORDERED -> order.apply(reported);
      case RECTIFIED -> rectify.apply(order.apply(reported));
      case VERIFIED -> HazardLifecycle.apply(rectify.apply(order.apply(reported)), new Verify(ID, "off-01", null),
          T0 + 4 * DAY).next();
      case NOT_A_HAZARD -> HazardLifecycle.apply(reported, new Dismiss(ID, "off-01", "no"), T0 + DAY).next();
    };
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(ThrowingCallable call, Code code) {
    return assertThatThrownBy(call).isInstanceOfSatisfying(HazardException.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}
