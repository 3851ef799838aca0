package org.lamplight.domain.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lamplight.domain.ledger.HazardTally;
import org.lamplight.domain.ledger.LedgerCounts;
import org.lamplight.domain.ledger.LedgerKind;

class ScorecardTest {

  private static final EvaluationSettings SETTINGS = EvaluationSettings.defaults();
  private static final Subject OFFICE = new Subject("O1", SubjectKind.OFFICE, Set.of("V1"), Set.of("aux-1"));

  @Test
  void anOfficeWithNoDataAtAllScoresZeroNotFullMarks() {
    Scorecard card = Scorecard.of(facts(new Subject("O9", SubjectKind.OFFICE, Set.of(), Set.of()), 0, 0, 0, 0,
        Optional.empty()), SETTINGS);

    assertThat(card.points()).isEmpty();
    assertThat(card.missing()).containsExactlyInAnyOrder(Indicator.values());
    assertThat(card.score()).isZero();
  }

  @Test
  void aVillageNeverVisitedScoresZeroForCoverageItIsNotMissing() {
    Scorecard card = Scorecard.of(facts(OFFICE, 30, 0, 0, 0, Optional.empty()), SETTINGS);

    assertThat(card.points()).containsEntry(Indicator.VILLAGE_COVERAGE, 0.0);
    assertThat(card.missing()).doesNotContain(Indicator.VILLAGE_COVERAGE);
  }

  @Test
  void sharesAboveFullMarksAreCappedAt100() {
    Scorecard card = Scorecard.of(facts(OFFICE, 30, 30, 10, 10, Optional.empty()), SETTINGS);

    assertThat(card.points()).containsEntry(Indicator.VILLAGE_COVERAGE, 100.0)
        .containsEntry(Indicator.PRESENCE_ON_POST, 100.0);
  }

  @Test
  void theScoreIsTheWeightedMeanOfTheIndicatorsWithData() {
    // coverage 15/30 -> 0.5 / 0.9 -> 55.56 (25); on post 7 of 10 -> 100 (15); ledger 0 -> 0 (10);
    // inspection 80 x 3 (30): (1388.89 + 1500 + 0 + 2400) / 80 = 66.11
    Scorecard card = Scorecard.of(facts(OFFICE, 30, 15, 10, 7, Optional.of(new Inspection("O1", 80, 80, 80))), SETTINGS);

    assertThat(card.score()).isEqualTo(66.1);
  }

  @Test
  void aScoreIsRoundedHalfUpToOneDecimal() {
    assertThat(Scorecard.round(89.75)).isEqualTo(89.8);
    assertThat(Scorecard.round(89.74999)).isEqualTo(89.7);
    assertThat(Scorecard.round(84.95)).isEqualTo(85.0);
  }

  @Test
  void ledgerTargetsScaleWithTheVillagesAndDaysCounted() {
    LedgerCounts counts = new LedgerCounts(Map.of(LedgerKind.HOUSEHOLD_VISIT, 15, LedgerKind.SAFETY_TALK, 1));
    SubjectFacts halfMonth = new SubjectFacts(OFFICE, 15, 15, 0, 0, 0, 0, 0, 0, OptionalLong.empty(),
        OptionalLong.empty(), counts, HazardTally.NONE, Optional.empty());

    // 15 days of one village: half the monthly target, 7.5 visits and 0.5 talks, both exceeded
    assertThat(Scorecard.of(halfMonth, SETTINGS).points()).containsEntry(Indicator.LEDGER_WORK, 100.0);
  }

  @Test
  void rotationIsDueAfterTheConfiguredRunOfThirdClassMonths() {
    assertThat(MonthlyEvaluation.rotationDue(Tier.THIRD, List.of(Tier.THIRD, Tier.THIRD), 3)).isTrue();
    assertThat(MonthlyEvaluation.rotationDue(Tier.THIRD, List.of(Tier.THIRD, Tier.THIRD, Tier.FIRST), 3)).isTrue();
    assertThat(MonthlyEvaluation.rotationDue(Tier.THIRD, List.of(Tier.THIRD, Tier.SECOND), 3)).isFalse();
    assertThat(MonthlyEvaluation.rotationDue(Tier.THIRD, List.of(Tier.SECOND, Tier.THIRD), 3)).isFalse();
    assertThat(MonthlyEvaluation.rotationDue(Tier.THIRD, List.of(Tier.THIRD), 3)).as("a new office").isFalse();
    assertThat(MonthlyEvaluation.rotationDue(Tier.SECOND, List.of(Tier.THIRD, Tier.THIRD), 3)).isFalse();
  }

  @Test
  void inspectionScoresAre0To100AndReadFromPlainValues() {
    assertThat(Inspection.fromMap(Map.of("subject", "O1", "hardware", 90, "housekeeping", 85.5, "ledgers", 70)))
        .isEqualTo(new Inspection("O1", 90, 85.5, 70));
    assertThatThrownBy(() -> Inspection.fromMap(Map.of("subject", "O1", "hardware", 101, "housekeeping", 1, "ledgers", 1)))
        .hasMessageContaining("hardware must be 0..100");
    assertThatThrownBy(() -> Inspection.fromMap(Map.of("subject", "O1", "hardware", 1, "housekeeping", 1)))
        .hasMessageContaining("inspection of O1: 'ledgers' is missing");
  }

  @Test
  void onlyAnAcceptedOfferHasAnAcceptanceOrAnArrival() {
    assertThatThrownBy(() -> new Offer("aux-1", 0, Offer.Answer.DECLINED, OptionalLong.of(5), OptionalLong.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Offer("aux-1", 0, Offer.Answer.ACCEPTED, OptionalLong.empty(), OptionalLong.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Offer("aux-1", 0, Offer.Answer.TIMED_OUT, OptionalLong.empty(), OptionalLong.of(9)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertThat(MonthRecords.median(List.of(30L, 10L, 20L))).hasValue(20);
    assertThat(MonthRecords.median(List.of(40L, 10L, 20L, 30L))).hasValue(25);
    assertThat(MonthRecords.median(List.of(1L, 2L))).hasValue(1);
    assertThat(MonthRecords.median(List.of())).isEmpty();
  }

  private static SubjectFacts facts(Subject subject, int villageDays, int met, long onDutyMs, long onPostMs,
      Optional<Inspection> inspection) {
    return new SubjectFacts(subject, villageDays, met, onDutyMs, onPostMs, onDutyMs - onPostMs, 0, 0, 0,
        OptionalLong.empty(), OptionalLong.empty(), LedgerCounts.NONE, HazardTally.NONE, inspection);
  }
}
