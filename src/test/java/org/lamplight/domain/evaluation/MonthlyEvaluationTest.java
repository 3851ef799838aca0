package org.lamplight.domain.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lamplight.domain.coverage.PatrolRequirements;
import org.lamplight.domain.coverage.UnitDay;
import org.lamplight.domain.coverage.VillageDay;
import org.lamplight.domain.evaluation.Offer.Answer;
import org.lamplight.domain.ledger.Hazard;
import org.lamplight.domain.ledger.HazardEvent.Order;
import org.lamplight.domain.ledger.HazardEvent.Rectify;
import org.lamplight.domain.ledger.HazardEvent.Report;
import org.lamplight.domain.ledger.HazardLifecycle;
import org.lamplight.domain.ledger.LedgerEntry;
import org.lamplight.domain.ledger.LedgerKind;

/**
 * A hand-made month, May 2024 (26 April to 25 May: 30 days), scored with the shipped settings.
 * Every expected figure is worked out in the comments.
 *
 * <pre>
 * office  villages  units                 workstations
 * O1      V1 V2     aux-1 aux-2 off-1     W1 (V1, aux-1), W2 (V2, aux-2)
 * O2      V3        aux-3                 V3 needs 2 visits a day
 * O3      V4        aux-4                 no offers, no hazard due, not inspected yet
 * O4      V5        aux-5                 third class for the third month running
 * </pre>
 */
class MonthlyEvaluationTest {

  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final EvaluationMonth MAY = EvaluationMonth.parse("2024-05", 25);
  private static final LocalDate FIRST = MAY.firstDay();
  private static final long START = MAY.startMs(ZONE);
  private static final long HOUR = 3_600_000L;
  private static final long DAY = 24 * HOUR;
  private static final long SECOND = 1_000;
  private static final long MINUTE = 60_000;
  private static final EvaluationSettings SETTINGS = EvaluationSettings.defaults();

  private static final List<Subject> SUBJECTS = List.of(
      new Subject("O1", SubjectKind.OFFICE, Set.of("V1", "V2"), Set.of("aux-1", "aux-2", "off-1")),
      new Subject("O2", SubjectKind.OFFICE, Set.of("V3"), Set.of("aux-3")),
      new Subject("O3", SubjectKind.OFFICE, Set.of("V4"), Set.of("aux-4")),
      new Subject("O4", SubjectKind.OFFICE, Set.of("V5"), Set.of("aux-5")),
      new Subject("W1", SubjectKind.WORKSTATION, Set.of("V1"), Set.of("aux-1")),
      new Subject("W2", SubjectKind.WORKSTATION, Set.of("V2"), Set.of("aux-2")),
      new Subject("aux-1", SubjectKind.AUXILIARY, Set.of("V1"), Set.of("aux-1")),
      new Subject("aux-2", SubjectKind.AUXILIARY, Set.of("V2"), Set.of("aux-2")),
      new Subject("off-1", SubjectKind.OFFICER, Set.of("V1", "V2"), Set.of("off-1")));

  private final MonthlyEvaluation evaluation = MonthlyEvaluation.evaluate(MAY, records(), SUBJECTS,
      Map.of("O1", List.of(Tier.THIRD), "O2", List.of(Tier.THIRD, Tier.THIRD), "O4", List.of(Tier.THIRD, Tier.THIRD)),
      SETTINGS);

  @Test
  void theMonthRunsFromThe26thToThe25th() {
    assertThat(FIRST).isEqualTo(LocalDate.of(2024, 4, 26));
    assertThat(MAY.days()).isEqualTo(30);
  }

  @Test
  void aStrongOfficeIsFirstClass() {
    OfficeStanding o1 = office("O1");

    // coverage 54/60 = 0.9 -> 100; on post 175 h of 250 = 0.7 -> 100; accepted 9 of 10 -> 100;
    // accept median 20 s -> 100; arrive median 12 min -> 100 * (30 - 12) / 20 = 90;
    // ledger: visits 30 of 15 x 2 -> 100, talks 1 of 2 -> 50, mean 75; hazards 3 of 4 on time -> 75;
    // inspection 90, 80, 70
    assertPoints(o1, Map.of(Indicator.VILLAGE_COVERAGE, 100.0, Indicator.PRESENCE_ON_POST, 100.0,
        Indicator.OFFERS_ACCEPTED, 100.0, Indicator.TIME_TO_ACCEPT, 100.0, Indicator.TIME_TO_ARRIVE, 90.0,
        Indicator.LEDGER_WORK, 75.0, Indicator.HAZARDS_ON_TIME, 75.0, Indicator.INSPECTION_HARDWARE, 90.0,
        Indicator.INSPECTION_HOUSEKEEPING, 80.0, Indicator.INSPECTION_LEDGERS, 70.0));
    // (2500 + 1500 + 500 + 500 + 450 + 750 + 375 + 900 + 800 + 700) / 100 = 89.75
    assertThat(Outcome.of(o1)).isEqualTo(new Outcome(89.8, 2, Tier.FIRST, 800, false));
  }

  @Test
  void theFiguresBehindThePointsAreOnTheSheet() {
    SubjectFacts o1 = office("O1").standing().facts();

    assertThat(o1.villageDays()).isEqualTo(60);
    assertThat(o1.villageDaysMet()).isEqualTo(54);
    assertThat(o1.onDutyMs()).isEqualTo(250 * HOUR);
    assertThat(o1.onPostMs()).isEqualTo(175 * HOUR);
    assertThat(o1.offers()).isEqualTo(10);
    assertThat(o1.offersAccepted()).isEqualTo(9);
    assertThat(o1.medianAcceptMs()).hasValue(20 * SECOND);
    assertThat(o1.medianArriveMs()).hasValue(12 * MINUTE);
    assertThat(o1.ledger().of(LedgerKind.HOUSEHOLD_VISIT)).isEqualTo(30);
    assertThat(o1.ledger().of(LedgerKind.DISPUTE_MEDIATED)).isEqualTo(2);
    assertThat(o1.hazards().reported()).isEqualTo(4);
    assertThat(o1.hazards().due()).isEqualTo(4);
    assertThat(o1.hazards().onTime()).isEqualTo(3);
  }

  @Test
  void anOfficeWithoutHazardsDueIsScoredOnTheRest() {
    OfficeStanding o2 = office("O2");

    // coverage 18/30 (V3 needs 2 a day) = 0.6 -> 66.67; on post 105 of 200 h = 0.525 -> 75;
    // accepted 3 of 4 -> 83.33; accept median 30 s -> 75; arrive median 25 min -> 25;
    // ledger: visits 12 of 15 -> 80, talks 0 of 1 -> 0, mean 40; no hazard due; inspection 90 x 3
    assertPoints(o2, Map.of(Indicator.VILLAGE_COVERAGE, 200.0 / 3, Indicator.PRESENCE_ON_POST, 75.0,
        Indicator.OFFERS_ACCEPTED, 250.0 / 3, Indicator.TIME_TO_ACCEPT, 75.0, Indicator.TIME_TO_ARRIVE, 25.0,
        Indicator.LEDGER_WORK, 40.0, Indicator.INSPECTION_HARDWARE, 90.0, Indicator.INSPECTION_HOUSEKEEPING, 90.0,
        Indicator.INSPECTION_LEDGERS, 90.0));
    assertThat(o2.standing().card().missing()).containsExactly(Indicator.HAZARDS_ON_TIME);
    // (1666.67 + 1125 + 416.67 + 375 + 125 + 400 + 2700) / 95 = 71.67
    assertThat(Outcome.of(o2)).as("third class before, second now: no rotation")
        .isEqualTo(new Outcome(71.7, 3, Tier.SECOND, 600, false));
  }

  @Test
  void missingDataIsListedAndLeftOutNotScoredAsFullMarks() {
    OfficeStanding o3 = office("O3");

    // coverage 27/30 = 0.9 -> 100 (rows on 25 April and 26 May are outside the month);
    // on post 56 of 100 h -> 80; ledger 15 visits and 1 talk -> 100; nothing else has data
    assertPoints(o3, Map.of(Indicator.VILLAGE_COVERAGE, 100.0, Indicator.PRESENCE_ON_POST, 80.0,
        Indicator.LEDGER_WORK, 100.0));
    assertThat(o3.standing().card().missing()).containsExactlyInAnyOrderElementsOf(EnumSet.of(
        Indicator.OFFERS_ACCEPTED, Indicator.TIME_TO_ACCEPT, Indicator.TIME_TO_ARRIVE, Indicator.HAZARDS_ON_TIME,
        Indicator.INSPECTION_HARDWARE, Indicator.INSPECTION_HOUSEKEEPING, Indicator.INSPECTION_LEDGERS));
    // (2500 + 1200 + 1000) / 50 = 94
    assertThat(Outcome.of(o3)).isEqualTo(new Outcome(94.0, 1, Tier.FIRST, 800, false));
    assertThat(evaluation.missingInspections()).containsExactly("O3", "W2");
  }

  @Test
  void aThirdClassOfficeForTheThirdMonthRunningIsFlaggedForRotation() {
    OfficeStanding o4 = office("O4");

    // coverage 9/30 -> 33.33; on post 35 of 100 h -> 50; accepted 1 of 2 -> 55.56; accept 40 s -> 50;
    // no arrival; ledger: visits 6 of 15 -> 40, talks 0 -> 0, mean 20; hazards 0 of 2 on time -> 0;
    // inspection 60, 50, 40
    assertPoints(o4, Map.of(Indicator.VILLAGE_COVERAGE, 100.0 / 3, Indicator.PRESENCE_ON_POST, 50.0,
        Indicator.OFFERS_ACCEPTED, 500.0 / 9, Indicator.TIME_TO_ACCEPT, 50.0, Indicator.LEDGER_WORK, 20.0,
        Indicator.HAZARDS_ON_TIME, 0.0, Indicator.INSPECTION_HARDWARE, 60.0, Indicator.INSPECTION_HOUSEKEEPING, 50.0,
        Indicator.INSPECTION_LEDGERS, 40.0));
    // (833.33 + 750 + 277.78 + 250 + 200 + 0 + 1500) / 95 = 40.12
    assertThat(Outcome.of(o4)).isEqualTo(new Outcome(40.1, 4, Tier.THIRD, 300, true));
  }

  @Test
  void officesAreListedInRankOrder() {
    assertThat(evaluation.offices()).extracting(o -> o.standing().subject().id()).containsExactly("O3", "O1", "O2", "O4");
  }

  @Test
  void equalScoresShareARankAndTheNextRankIsSkipped() {
    // nobody patrolled and nothing else happened: the scores follow the inspections alone
    List<Subject> offices = List.of(new Subject("A", SubjectKind.OFFICE, Set.of("VA"), Set.of()),
        new Subject("B", SubjectKind.OFFICE, Set.of("VB"), Set.of()),
        new Subject("C", SubjectKind.OFFICE, Set.of("VC"), Set.of()),
        new Subject("D", SubjectKind.OFFICE, Set.of("VD"), Set.of()));
    MonthRecords inspected = MonthRecords.builder(MAY, ZONE).inspections(List.of(new Inspection("A", 70, 70, 70),
        new Inspection("B", 90, 90, 90), new Inspection("C", 70, 70, 70), new Inspection("D", 50, 50, 50))).build();
    assertThat(MonthlyEvaluation.evaluate(MAY, inspected, offices, Map.of(), SETTINGS).offices())
        .extracting(o -> o.standing().subject().id(), o -> o.standing().rank())
        .containsExactly(tuple("B", 1), tuple("A", 2), tuple("C", 2), tuple("D", 4));
  }

  @Test
  void workstationsAreScoredOnTheirOwnVillagesAndAuxiliaries() {
    // W1: coverage 30/30, on post 0.8, accepted 5/5, accept median 15 s, arrive median 9 min -> 100 each;
    // ledger 20 visits of 15 -> 100, talks 0 -> 0, mean 50; hazards 2 of 2 -> 100; inspection 85 x 3
    // (2500 + 1500 + 500 + 500 + 500 + 500 + 500 + 2550) / 100 = 90.5
    // W2: coverage 24/30 -> 88.89; on post 0.6 -> 85.71; accepted 3/4 -> 83.33; accept 30 s -> 75;
    // arrive 13.5 min -> 82.5; ledger 10 of 15 -> 66.67, talks 0, mean 33.33; hazards 1 of 2 -> 50;
    // no inspection: (2222.22 + 1285.71 + 416.67 + 375 + 412.5 + 333.33 + 250) / 70 = 75.65
    assertThat(evaluation.workstations()).extracting(s -> s.subject().id(), Standing::score, Standing::rank)
        .containsExactly(tuple("W1", 90.5, 1), tuple("W2", 75.6, 2));
  }

  @Test
  void peopleAreScoredWithoutInspections() {
    Standing aux1 = evaluation.auxiliaries().get(0);

    // as W1 without the inspection: 6500 / 70 = 92.86
    assertThat(aux1.subject().id()).isEqualTo("aux-1");
    assertThat(aux1.score()).isEqualTo(92.9);
    assertThat(aux1.card().missing()).isEmpty();
    assertThat(aux1.card().points().keySet()).noneMatch(Indicator::isInspection);
    assertThat(evaluation.officers()).singleElement().extracting(s -> s.subject().id()).isEqualTo("off-1");
  }

  // ---- the month's records ----------------------------------------------------------------------

  private static MonthRecords records() {
    List<VillageDay> villageDays = new ArrayList<>();
    visits(villageDays, "V1", 0, 30, 1);
    visits(villageDays, "V2", 0, 24, 1);
    visits(villageDays, "V2", 24, 27, 0); // presence, no visit
    visits(villageDays, "V3", 0, 18, 2);
    visits(villageDays, "V3", 18, 24, 1); // short of V3's two
    visits(villageDays, "V4", -1, 27, 1); // from 25 April, outside the month
    visits(villageDays, "V4", 30, 31, 1); // 26 May, outside the month
    visits(villageDays, "V5", 0, 9, 1);

    List<UnitDay> unitDays = new ArrayList<>();
    duty(unitDays, "aux-1", 10, 10 * HOUR, 8 * HOUR);
    duty(unitDays, "aux-2", 10, 10 * HOUR, 6 * HOUR);
    duty(unitDays, "off-1", 5, 10 * HOUR, 7 * HOUR);
    duty(unitDays, "aux-3", 20, 10 * HOUR, 5 * HOUR + 15 * MINUTE);
    duty(unitDays, "aux-4", 10, 10 * HOUR, 5 * HOUR + 36 * MINUTE);
    duty(unitDays, "aux-5", 10, 10 * HOUR, 3 * HOUR + 30 * MINUTE);
    unitDays.add(new UnitDay("aux-1", FIRST.plusDays(30), 10 * HOUR, 0, 10 * HOUR, 0, 0)); // 26 May

    List<Offer> offers = new ArrayList<>(List.of(
        accepted("aux-1", 10, 8), accepted("aux-1", 12, 10), accepted("aux-1", 15, 0), accepted("aux-1", 18, 0),
        accepted("aux-1", 20, 0), accepted("aux-2", 25, 12), accepted("aux-2", 30, 15), accepted("aux-2", 40, 0),
        accepted("off-1", 50, 20),
        Offer.unaccepted("aux-2", START + DAY, Answer.DECLINED),
        Offer.unaccepted("aux-1", START + DAY, Answer.CANCELLED),
        Offer.unaccepted("aux-1", START + 30 * DAY, Answer.DECLINED), // 26 May
        accepted("aux-3", 10, 20), accepted("aux-3", 30, 30), accepted("aux-3", 50, 0),
        Offer.unaccepted("aux-3", START + DAY, Answer.TIMED_OUT),
        accepted("aux-5", 40, 0),
        Offer.unaccepted("aux-5", START + DAY, Answer.DECLINED)));

    List<LedgerEntry> ledger = List.of(
        entry("aux-1", LedgerKind.HOUSEHOLD_VISIT, 20, 3), entry("aux-2", LedgerKind.HOUSEHOLD_VISIT, 10, 4),
        entry("off-1", LedgerKind.SAFETY_TALK, 1, 5), entry("off-1", LedgerKind.DISPUTE_MEDIATED, 2, 6),
        entry("aux-1", LedgerKind.HOUSEHOLD_VISIT, 50, 30), // 26 May
        entry("aux-3", LedgerKind.HOUSEHOLD_VISIT, 12, 7),
        entry("aux-4", LedgerKind.HOUSEHOLD_VISIT, 15, 8), entry("aux-4", LedgerKind.SAFETY_TALK, 1, 9),
        entry("aux-5", LedgerKind.HOUSEHOLD_VISIT, 6, 10));

    List<Hazard> hazards = List.of(
        hazard("h1", "V1", 1, 5, 3.0), hazard("h2", "V1", 2, 10, 9.9), hazard("h3", "V2", 3, 8, 7.0),
        hazard("h4", "V2", 3, 8, 9.0), hazard("h0", "V1", -10, -3, null), // due before the month
        hazard("h5", "V4", 20, 35, null), // due next month
        hazard("h6", "V5", 1, 6, 7.0), hazard("h7", "V5", 2, 6, null));

    List<Inspection> inspections = List.of(new Inspection("O1", 90, 80, 70), new Inspection("O2", 90, 90, 90),
        new Inspection("O4", 60, 50, 40), new Inspection("W1", 85, 85, 85));

    return MonthRecords.builder(MAY, ZONE).requirements(new PatrolRequirements(1, Map.of("V3", 2)))
        .villageDays(villageDays).unitDays(unitDays).offers(offers).ledger(ledger).hazards(hazards)
        .inspections(inspections).build();
  }

  /** Rows of the days from..to-1 (counted from 26 April) with that many visits. */
  private static void visits(List<VillageDay> rows, String village, int from, int to, int visits) {
    for (int d = from; d < to; d++) {
      rows.add(new VillageDay(village, FIRST.plusDays(d), 40 * MINUTE, visits,
          visits > 0 ? OptionalLong.of(START + d * DAY + 10 * HOUR) : OptionalLong.empty(), Set.of("someone")));
    }
  }

  /** A unit on duty the first n days, so long a day, of which so long on post. */
  private static void duty(List<UnitDay> rows, String unitId, int days, long onDutyMs, long onPostMs) {
    for (int d = 0; d < days; d++) {
      rows.add(new UnitDay(unitId, FIRST.plusDays(d), onDutyMs, onPostMs, onDutyMs - onPostMs, 12_000, 1));
    }
  }

  /** Accepted after so many seconds, on scene after so many minutes (0: never). */
  private static Offer accepted(String unitId, int acceptSeconds, int arriveMinutes) {
    long offered = START + 2 * DAY;
    return Offer.accepted(unitId, offered, offered + acceptSeconds * SECOND,
        arriveMinutes == 0 ? OptionalLong.empty() : OptionalLong.of(offered + arriveMinutes * MINUTE));
  }

  private static LedgerEntry entry(String unitId, LedgerKind kind, int count, int day) {
    return new LedgerEntry(unitId + "-" + kind.wire() + "-" + day, kind, unitId, "V?", START + day * DAY, count,
        Double.NaN, Double.NaN, "");
  }

  /** Reported on day r, ordered with a deadline on day d, rectified on day x (null: not yet). */
  private static Hazard hazard(String id, String village, int r, int d, Double x) {
    Hazard h = HazardLifecycle.apply(null, new Report(id, LedgerKind.FIRE_HAZARD, village, "aux-1", null),
        START + r * DAY).next();
    h = HazardLifecycle.apply(h, new Order(id, START + d * DAY, "off-1", null), START + r * DAY + HOUR).next();
    return x == null ? h : HazardLifecycle.apply(h, new Rectify(id, "aux-1", null), START + Math.round(x * DAY)).next();
  }

  /** What the sheet says of an office, in one line. */
  private record Outcome(double score, int rank, Tier tier, int amountYuan, boolean rotationDue) {
    static Outcome of(OfficeStanding o) {
      return new Outcome(o.standing().score(), o.standing().rank(), o.tier(), o.amountYuan(), o.rotationDue());
    }
  }

  private OfficeStanding office(String id) {
    return evaluation.offices().stream().filter(o -> o.standing().subject().id().equals(id)).findFirst().orElseThrow();
  }

  private static void assertPoints(OfficeStanding office, Map<Indicator, Double> expected) {
    Map<Indicator, Double> points = office.standing().card().points();
    assertThat(points).containsOnlyKeys(expected.keySet());
    expected.forEach((indicator, value) -> assertThat(points.get(indicator)).as(indicator.wire())
        .isCloseTo(value, within(1e-9)));
  }
}
