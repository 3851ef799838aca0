package org.lamplight.domain.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.lamplight.domain.coverage.TestVillages.DAY;
import static org.lamplight.domain.coverage.TestVillages.INDEX;
import static org.lamplight.domain.coverage.TestVillages.at;
import static org.lamplight.domain.coverage.TestVillages.lat;
import static org.lamplight.domain.coverage.TestVillages.lon;
import static org.lamplight.domain.coverage.TestVillages.minutes;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lamplight.domain.coverage.CoverageAccumulator.Outcome;
import org.lamplight.domain.coverage.TrackEvent.Duty;
import org.lamplight.domain.coverage.TrackEvent.Fix;
import org.lamplight.domain.geo.GeoPoint;

/** Default settings: max-gap 5 min, min-visit 10 min, Asia/Shanghai. aux-1's post is V11. */
class CoverageAccumulatorTest {

  private static final UnitPosts POSTS = UnitPosts.of(Map.of("aux-1", Set.of("V11")));
  private static final LocalDate NEXT_DAY = DAY.plusDays(1);

  private CoverageAccumulator accumulator =
      new CoverageAccumulator(INDEX, POSTS, CoverageSettings.defaults());
  private final CoverageTotals totals = new CoverageTotals();

  // ---- presence ---------------------------------------------------------------------------------

  @Test
  void presenceIsTheSumOfTheIntervalsBetweenFixesInTheVillage() {
    in("V12", at(8, 0), at(8, 2), at(8, 5));

    assertThat(village("V12").presenceMs()).isEqualTo(minutes(5));
    assertThat(village("V12").units()).containsExactly("aux-1");
    assertThat(unit("aux-1").onDutyMs()).isEqualTo(minutes(5));
  }

  @Test
  void anIntervalLongerThanMaxGapCountsAsMaxGap() {
    in("V12", at(8, 0), at(8, 20));

    assertThat(village("V12").presenceMs()).isEqualTo(minutes(5));
    assertThat(unit("aux-1").onDutyMs()).isEqualTo(minutes(5));
  }

  @Test
  void anIntervalOfExactlyMaxGapCountsInFull() {
    in("V12", at(8, 0), at(8, 5));

    assertThat(village("V12").presenceMs()).isEqualTo(minutes(5));
  }

  @Test
  void anIntervalBetweenTwoVillagesIsPresenceInNeither() {
    in("V12", at(8, 0));
    in("V13", at(8, 3));

    assertThat(totals().villageDays()).isEmpty();
    assertThat(unit("aux-1").onDutyMs()).isEqualTo(minutes(3));
    assertThat(unit("aux-1").patrolMs()).isZero();
  }

  @Test
  void timeOutsideEveryVillageIsNobodysPresence() {
    in("V12", at(8, 0));
    fix("aux-1", at(8, 3), lat(1, 0.5), lon(1, -0.5));
    in("V12", at(8, 6));

    assertThat(totals().villageDays()).isEmpty();
    assertThat(unit("aux-1").onDutyMs()).isEqualTo(minutes(6));
  }

  @Test
  void aFixOnTheBorderCountsForTheLowerCode() {
    fix("aux-2", at(8, 0), lat(1, 0.5), lon(2, 0));
    fix("aux-2", at(8, 4), lat(1, 0.5), lon(2, 0));

    assertThat(village("V11").presenceMs()).isEqualTo(minutes(4));
    assertThat(totals().villageDay("V12", DAY)).isEmpty();
  }

  @Test
  void everyUnitWithPresenceCountsOnceADay() {
    in("V12", at(8, 0), at(8, 4));
    in("aux-2", "V12", at(9, 0), at(9, 3), at(9, 5));
    in("V12", at(10, 0), at(10, 1));

    // aux-1: 4, then 5 for the gap from 8:04 to 10:00 (both in V12), then 1; aux-2: 5
    assertThat(village("V12").presenceMs()).isEqualTo(minutes(4 + 5 + 1 + 5));
    assertThat(village("V12").units()).containsExactlyInAnyOrder("aux-1", "aux-2");
  }

  // ---- visits -----------------------------------------------------------------------------------

  @Test
  void aRunReachingMinVisitIsAVisit() {
    in("V12", at(8, 0), at(8, 4), at(8, 8), at(8, 10));

    assertThat(village("V12").visits()).isEqualTo(1);
    assertThat(village("V12").lastVisitMs()).hasValue(at(8, 10));
    assertThat(unit("aux-1").visits()).isEqualTo(1);
  }

  @Test
  void aRunShortOfMinVisitIsNoVisit() {
    in("V12", at(8, 0), at(8, 3), at(8, 6), at(8, 9), at(8, 9, 59));

    assertThat(village("V12").presenceMs()).isEqualTo(minutes(10) - 1_000);
    assertThat(village("V12").visits()).isZero();
    assertThat(village("V12").lastVisitMs()).isEmpty();
  }

  @Test
  void aLongStayIsOneVisitAndItsLastMomentIsTheLastVisit() {
    for (int m = 0; m <= 60; m += 2) {
      in("V12", at(8, 0) + minutes(m));
    }

    assertThat(village("V12").presenceMs()).isEqualTo(minutes(60));
    assertThat(village("V12").visits()).isEqualTo(1);
    assertThat(village("V12").lastVisitMs()).hasValue(at(9, 0));
  }

  @Test
  void aFixInAnotherVillageEndsTheRun() {
    in("V12", at(8, 0), at(8, 3), at(8, 6));
    in("V13", at(8, 7));
    in("V12", at(8, 8), at(8, 11), at(8, 14));

    assertThat(village("V12").presenceMs()).isEqualTo(minutes(12));
    assertThat(village("V12").visits()).as("two runs of 6 minutes").isZero();
  }

  @Test
  void aFixOutsideEveryVillageEndsTheRun() {
    in("V12", at(8, 0), at(8, 3), at(8, 6));
    fix("aux-1", at(8, 7), lat(1, 0.5), lon(1, -0.5));
    in("V12", at(8, 8), at(8, 11), at(8, 14));

    assertThat(village("V12").presenceMs()).isEqualTo(minutes(12));
    assertThat(village("V12").visits()).isZero();
  }

  @Test
  void aGapLongerThanMaxGapEndsTheRunAfterItsMaxGap() {
    in("V12", at(8, 0), at(8, 3), at(8, 30), at(8, 33), at(8, 36));

    // 3 + 5 (the gap) = 8 minutes, then a new run of 6
    assertThat(village("V12").presenceMs()).isEqualTo(minutes(14));
    assertThat(village("V12").visits()).isZero();
  }

  @Test
  void theMaxGapAfterTheLastFixStillCountsTowardsItsRun() {
    in("V12", at(8, 0), at(8, 3), at(8, 6), at(8, 20));

    // 6 + 5 = 11 minutes: the visit is reached at 8:10, the run's presence ends at 8:11
    assertThat(village("V12").presenceMs()).isEqualTo(minutes(11));
    assertThat(village("V12").visits()).isEqualTo(1);
    assertThat(village("V12").lastVisitMs()).hasValue(at(8, 11));
  }

  @Test
  void eachRunReachingMinVisitIsAnotherVisit() {
    in("V12", at(8, 0), at(8, 5), at(8, 10));
    in("V13", at(8, 12));
    in("V12", at(8, 14), at(8, 19), at(8, 24));

    assertThat(village("V12").visits()).isEqualTo(2);
    assertThat(unit("aux-1").visits()).isEqualTo(2);
    assertThat(village("V12").lastVisitMs()).hasValue(at(8, 24));
  }

  @Test
  void lastVisitIsTheEndOfTheLatestVisitNotOfAShortPass() {
    in("V12", at(8, 0), at(8, 5), at(8, 10));
    in("V13", at(8, 12));
    in("V12", at(8, 14), at(8, 17));

    assertThat(village("V12").lastVisitMs()).hasValue(at(8, 10));
  }

  // ---- days -------------------------------------------------------------------------------------

  @Test
  void anIntervalAcrossMidnightIsSplitBetweenTheDays() {
    in("V12", at(23, 56), at(23, 58), at(24, 2), at(24, 4));

    assertThat(village("V12").presenceMs()).isEqualTo(minutes(4));
    assertThat(village("V12", NEXT_DAY).presenceMs()).isEqualTo(minutes(4));
    assertThat(unit("aux-1", NEXT_DAY).onDutyMs()).isEqualTo(minutes(4));
    assertThat(village("V12", NEXT_DAY).units()).containsExactly("aux-1");
  }

  @Test
  void aCappedGapAcrossMidnightIsSplitToo() {
    in("V12", at(23, 58), at(24, 30));

    assertThat(village("V12").presenceMs()).isEqualTo(minutes(2));
    assertThat(village("V12", NEXT_DAY).presenceMs()).isEqualTo(minutes(3));
  }

  @Test
  void aVisitCountsOnTheDayItReachesMinVisit() {
    in("V12", at(23, 54), at(23, 58), at(24, 2), at(24, 6));

    // 4 + 4 + 4: the tenth minute ends at 00:04
    assertThat(village("V12").visits()).isZero();
    assertThat(village("V12").lastVisitMs()).isEmpty();
    assertThat(village("V12", NEXT_DAY).visits()).isEqualTo(1);
    assertThat(village("V12", NEXT_DAY).lastVisitMs()).hasValue(at(24, 6));
    assertThat(unit("aux-1", NEXT_DAY).visits()).isEqualTo(1);
  }

  @Test
  void aVisitWhoseTenthMinuteEndsAtMidnightCountsOnTheDayBefore() {
    in("V12", at(23, 50), at(23, 55), at(24, 0), at(24, 5));

    assertThat(village("V12").visits()).isEqualTo(1);
    assertThat(village("V12").lastVisitMs()).hasValue(at(24, 0));
    assertThat(village("V12", NEXT_DAY).visits()).isZero();
    assertThat(village("V12", NEXT_DAY).lastVisitMs()).as("the same visit goes on").hasValue(at(24, 5));
  }

  // ---- per unit ---------------------------------------------------------------------------------

  @Test
  void timeInThePostVillageIsOnPostAndInOtherVillagesPatrol() {
    in("V11", at(8, 0), at(8, 4));
    in("V12", at(8, 5), at(8, 8));
    fix("aux-1", at(8, 9), lat(1, 0.5), lon(1, -0.5));

    UnitDay day = unit("aux-1");
    assertThat(day.onPostMs()).isEqualTo(minutes(4));
    assertThat(day.patrolMs()).isEqualTo(minutes(3));
    assertThat(day.onDutyMs()).isEqualTo(minutes(9));
  }

  @Test
  void aUnitWithoutAPostIsOnPatrolWhereverItIs() {
    in("aux-9", "V11", at(8, 0), at(8, 4));

    assertThat(unit("aux-9").onPostMs()).isZero();
    assertThat(unit("aux-9").patrolMs()).isEqualTo(minutes(4));
  }

  @Test
  void timeOffDutyCountsForNothingAndGoingOffDutyEndsTheRun() {
    in("V11", at(8, 0), at(8, 4));
    duty("aux-1", at(8, 5), false);
    in("V11", at(8, 6), at(8, 10), at(8, 20), at(8, 30));
    duty("aux-1", at(8, 31), true);
    in("V11", at(8, 32), at(8, 34));

    // 4 + 1 up to going off duty; 1 from going on duty (where the 8:30 fix put it) + 2
    assertThat(village("V11").presenceMs()).isEqualTo(minutes(8));
    assertThat(village("V11").visits()).isZero();
    assertThat(unit("aux-1").onDutyMs()).isEqualTo(minutes(8));
    assertThat(unit("aux-1").onPostMs()).isEqualTo(minutes(8));
  }

  @Test
  void aUnitOffDutyBeforeItsFirstFixCountsNothingUntilItGoesOnDuty() {
    duty("aux-1", at(7, 0), false);
    in("V11", at(8, 0), at(8, 4));
    duty("aux-1", at(8, 5), true);
    in("V11", at(8, 7));

    assertThat(village("V11").presenceMs()).isEqualTo(minutes(2));
  }

  @Test
  void aDutyChangeTimeStampedBeforeTheLastFixTakesEffectThere() {
    in("V11", at(8, 0), at(8, 4));
    assertThat(duty("aux-1", at(8, 3), false)).isEqualTo(Outcome.COUNTED);
    in("V11", at(8, 8));

    assertThat(village("V11").presenceMs()).isEqualTo(minutes(4));
  }

  @Test
  void aDutyChangeToTheSameDutyChangesNothing() {
    in("V11", at(8, 0));
    assertThat(duty("aux-1", at(8, 2), true)).isEqualTo(Outcome.UNCHANGED);
    in("V11", at(8, 4), at(8, 8), at(8, 10));

    assertThat(village("V11").visits()).isEqualTo(1);
  }

  @Test
  void distanceIsTheSumOfGreatCircleDistancesBetweenFixesOnDuty() {
    double lat = lat(1, 0.5);
    fix("aux-1", at(8, 0), lat, lon(1, 0.2));
    fix("aux-1", at(8, 1), lat, lon(1, 0.4));
    fix("aux-1", at(8, 3), lat(2, 0.5), lon(1, 0.4));

    double expected = GeoPoint.distanceMeters(lat, lon(1, 0.2), lat, lon(1, 0.4))
        + GeoPoint.distanceMeters(lat, lon(1, 0.4), lat(2, 0.5), lon(1, 0.4));
    assertThat(unit("aux-1").distanceM()).isCloseTo(expected, within(1e-6));
    assertThat(expected).as("about 190 m east, then 1.1 km north").isBetween(1_250.0, 1_350.0);
  }

  @Test
  void distanceLeavesOutIntervalsLongerThanMaxGap() {
    double lat = lat(1, 0.5);
    fix("aux-1", at(8, 0), lat, lon(1, 0.2));
    fix("aux-1", at(8, 1), lat, lon(1, 0.4));
    fix("aux-1", at(8, 7), lat, lon(1, 0.6));

    assertThat(unit("aux-1").distanceM())
        .isCloseTo(GeoPoint.distanceMeters(lat, lon(1, 0.2), lat, lon(1, 0.4)), within(1e-6));
  }

  @Test
  void distanceOffDutyIsNotCounted() {
    duty("aux-1", at(7, 0), false);
    fix("aux-1", at(8, 0), lat(1, 0.5), lon(1, 0.2));
    fix("aux-1", at(8, 1), lat(1, 0.5), lon(1, 0.4));

    assertThat(totals().unitDays()).isEmpty();
  }

  @Test
  void distanceAcrossMidnightIsSharedInProportionToTime() {
    double lat = lat(1, 0.5);
    fix("aux-1", at(23, 59), lat, lon(1, 0.2));
    fix("aux-1", at(24, 3), lat, lon(1, 0.6));

    double whole = GeoPoint.distanceMeters(lat, lon(1, 0.2), lat, lon(1, 0.6));
    assertThat(unit("aux-1").distanceM()).isCloseTo(whole / 4, within(1e-6));
    assertThat(unit("aux-1", NEXT_DAY).distanceM()).isCloseTo(whole * 3 / 4, within(1e-6));
  }

  // ---- what is ignored --------------------------------------------------------------------------

  @Test
  void fixesOutOfOrderOrRepeatedAreIgnored() {
    in("V12", at(8, 0), at(8, 4));
    assertThat(fix("aux-1", at(8, 4), lat(1, 0.5), lon(3, 0.5))).isEqualTo(Outcome.STALE);
    assertThat(fix("aux-1", at(8, 2), lat(1, 0.5), lon(3, 0.5))).isEqualTo(Outcome.STALE);
    in("V12", at(8, 8));

    assertThat(village("V12").presenceMs()).isEqualTo(minutes(8));
  }

  @Test
  void aFixFlaggedAsAnImplausibleJumpIsIgnored() {
    double lat = lat(1, 0.5);
    fix("aux-1", at(8, 0), lat, lon(2, 0.2));
    assertThat(accumulator.accept(new Fix("aux-1", at(8, 2), 34.5, 115.5, true)))
        .isEqualTo(Outcome.IMPLAUSIBLE);
    fix("aux-1", at(8, 4), lat, lon(2, 0.4));

    assertThat(village("V12").presenceMs()).isEqualTo(minutes(4));
    assertThat(unit("aux-1").distanceM())
        .isCloseTo(GeoPoint.distanceMeters(lat, lon(2, 0.2), lat, lon(2, 0.4)), within(1e-6));
  }

  // ---- draining and restarting ------------------------------------------------------------------

  @Test
  void aDrainHandsOverOnlyWhatChangedSinceTheLastOne() {
    in("V12", at(8, 0), at(8, 4));
    CoverageDelta first = accumulator.drain();
    in("V12", at(8, 6));
    CoverageDelta second = accumulator.drain();

    assertThat(first.villageDays()).singleElement().extracting(VillageDay::presenceMs).isEqualTo(minutes(4));
    assertThat(second.villageDays()).singleElement().extracting(VillageDay::presenceMs).isEqualTo(minutes(2));
    assertThat(accumulator.drain().isEmpty()).isTrue();
  }

  @Test
  void incrementsAddUpToTheDaysFigures() {
    in("V12", at(8, 0), at(8, 4), at(8, 8));
    totals.add(accumulator.drain());
    in("V12", at(8, 12), at(8, 14));

    assertThat(village("V12")).isEqualTo(new VillageDay("V12", DAY, minutes(14), 1,
        OptionalLong.of(at(8, 14)), Set.of("aux-1")));
  }

  @Test
  void aRestoredAccumulatorCarriesOnTheRunUnderWay() {
    in("V12", at(8, 0), at(8, 4), at(8, 8));
    totals.add(accumulator.drain());
    List<UnitTrack> saved = accumulator.tracks();
    accumulator = new CoverageAccumulator(INDEX, POSTS, CoverageSettings.defaults(), saved);
    in("V12", at(8, 12));

    assertThat(village("V12").presenceMs()).isEqualTo(minutes(12));
    assertThat(village("V12").visits()).isEqualTo(1);
    assertThat(accumulator.trackOf("aux-1").orElseThrow().visit()).isTrue();
  }

  @Test
  void recomputingGivesTheDaysAskedFor() {
    List<TrackEvent> events = List.of(
        new Fix("aux-1", at(23, 50), lat(1, 0.5), lon(2, 0.5)),
        new Fix("aux-1", at(23, 55), lat(1, 0.5), lon(2, 0.5)),
        new Fix("aux-1", at(24, 0), lat(1, 0.5), lon(2, 0.5)),
        new Fix("aux-1", at(24, 4), lat(1, 0.5), lon(2, 0.5)));

    CoverageTotals recomputed = CoverageAccumulator.recompute(INDEX, POSTS, CoverageSettings.defaults(),
        events, NEXT_DAY, NEXT_DAY);

    assertThat(recomputed.villageDays()).singleElement().isEqualTo(new VillageDay("V12", NEXT_DAY,
        minutes(4), 0, OptionalLong.of(at(24, 4)), Set.of("aux-1")));
    assertThat(recomputed.unitDays()).extracting(UnitDay::day).containsExactly(NEXT_DAY);
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private void in(String village, long... times) {
    in("aux-1", village, times);
  }

  /** Fixes at the centre of a village Vrc. */
  private void in(String unitId, String village, long... times) {
    int row = village.charAt(1) - '0';
    int col = village.charAt(2) - '0';
    for (long t : times) {
      fix(unitId, t, lat(row, 0.5), lon(col, 0.5));
    }
  }

  private Outcome fix(String unitId, long atMs, double lat, double lon) {
    return accumulator.accept(new Fix(unitId, atMs, lat, lon));
  }

  private Outcome duty(String unitId, long atMs, boolean onDuty) {
    return accumulator.accept(new Duty(unitId, atMs, onDuty));
  }

  private CoverageTotals totals() {
    totals.add(accumulator.drain());
    return totals;
  }

  private VillageDay village(String code) {
    return village(code, DAY);
  }

  private VillageDay village(String code, LocalDate day) {
    return totals().villageDay(code, day)
        .orElse(new VillageDay(code, day, 0, 0, OptionalLong.empty(), Set.of()));
  }

  private UnitDay unit(String unitId) {
    return unit(unitId, DAY);
  }

  private UnitDay unit(String unitId, LocalDate day) {
    return totals().unitDay(unitId, day).orElse(new UnitDay(unitId, day, 0, 0, 0, 0, 0));
  }
}
