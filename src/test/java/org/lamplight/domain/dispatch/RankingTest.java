package org.lamplight.domain.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lamplight.domain.dispatch.FakeUnitDirectory.ORIGIN;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.lamplight.domain.road.RoadNetwork;
import org.lamplight.domain.road.RoadTravel;
import org.lamplight.domain.road.TestRoads;
import org.lamplight.domain.road.TravelSettings;
import org.lamplight.domain.tracking.OrderChannel;

class RankingTest {

  private static final long NOW = 1_000_000_000L;
  private static final long MAX_FIX_AGE = 120_000;

  private final FakeUnitDirectory units = new FakeUnitDirectory(NOW);
  private final Ranking ranking = new Ranking(RankingSettings.defaults(), TravelTimeEstimator.STRAIGHT_LINE);

  @Test
  void ranksByStraightLineTravelTime() {
    units.auxiliary("aux-far", 3_000);
    units.auxiliary("aux-near", 1_000);
    units.auxiliary("aux-mid", 2_000);

    Ranking.Result result = rank(10_000, Set.of(), Set.of());

    assertThat(result.eligible()).extracting(c -> c.unit().unitId())
        .containsExactly("aux-near", "aux-mid", "aux-far");
    Ranking.Candidate nearest = result.eligible().get(0);
    assertThat(nearest.distanceM()).isCloseTo(1_000, Offset.offset(1.0));
    assertThat(nearest.etaMs()).isEqualTo(90_000); // 1 km at 40 km/h
  }

  @Test
  void unitsThatCannotSeeAnOfferRankBehindEveryUnitThatCan() {
    units.put(FakeUnitDirectory.withChannel(units.auxiliary("aux-traccar", 500), OrderChannel.NONE));
    units.put(FakeUnitDirectory.withChannel(units.auxiliary("aux-owntracks", 800), OrderChannel.LOCATE));
    units.auxiliary("aux-app", 3_000);

    assertThat(rank(10_000, Set.of(), Set.of()).eligible()).extracting(c -> c.unit().unitId())
        .containsExactly("aux-app", "aux-traccar", "aux-owntracks");
  }

  @Test
  void prefersTheUnitOfTheCoveringWorkstationWhenComparablyClose() {
    units.workstation("W-home", 50);
    units.workstation("W-away", 6_000);
    units.auxiliary("aux-away", "W-away", 1_000);
    units.auxiliary("aux-home", "W-home", 1_500); // 45 s behind: within the 60 s slack

    assertThat(rank(10_000, Set.of(), Set.of()).eligible())
        .extracting(c -> c.unit().unitId(), Ranking.Candidate::local)
        .containsExactly(Tuple.tuple("aux-home", true),
            Tuple.tuple("aux-away", false));
  }

  @Test
  void doesNotPreferTheCoveringWorkstationWhenItsUnitIsFarBehind() {
    units.workstation("W-home", 50);
    units.workstation("W-away", 6_000);
    units.auxiliary("aux-away", "W-away", 1_000);
    units.auxiliary("aux-home", "W-home", 2_000); // 90 s behind the best 90 s: beyond 60 s and 20 %

    assertThat(rank(10_000, Set.of(), Set.of()).eligible()).extracting(c -> c.unit().unitId())
        .containsExactly("aux-away", "aux-home");
  }

  @Test
  void slackGrowsWithTheBestTravelTime() {
    units.workstation("W-home", 50);
    units.workstation("W-away", 20_000);
    units.auxiliary("aux-away", "W-away", 6_000);  // 540 s
    units.auxiliary("aux-home", "W-home", 7_000);  // 630 s: 90 s behind, within 20 % (108 s)

    assertThat(rank(10_000, Set.of(), Set.of()).eligible()).extracting(c -> c.unit().unitId())
        .containsExactly("aux-home", "aux-away");
  }

  @Test
  void theUnitNearestByRoadBeatsTheOneNearestInAStraightLine() {
    // the incident is on the south bank; the only bridge is 2 km east
    units.auxiliaryAt("aux-across", TestRoads.at(0, 250));
    units.auxiliaryAt("aux-same-bank", TestRoads.at(400, 0));

    List<Ranking.Candidate> eligible = rankByRoad(RankingSettings.defaults());

    assertThat(eligible).extracting(c -> c.unit().unitId()).containsExactly("aux-same-bank", "aux-across");
    Ranking.Candidate sameBank = eligible.get(0);
    assertThat(sameBank.byRoad()).isTrue();
    assertThat(sameBank.distanceM()).isCloseTo(400, Offset.offset(1.0));
    // 50 m off-road at either end at 6 km/h, 400 m of township road at 40 km/h
    assertThat(sameBank.travelM()).isCloseTo(500, Offset.offset(1.0));
    assertThat(sameBank.etaMs()).isCloseTo(60_000 + 36_000, Offset.offset(100L));
    Ranking.Candidate across = eligible.get(1);
    // the local unit (its workstation is nearest the incident) is far more than the slack behind
    assertThat(across.local()).isTrue();
    assertThat(across.travelM()).isCloseTo(50 + 2000 + 250 + 2000 + 50, Offset.offset(1.0));
    // 4 km of township road at 40 km/h, the 250 m bridge at 25 km/h, 100 m off-road at 6 km/h
    assertThat(across.etaMs()).isCloseTo(360_000 + 36_000 + 60_000, Offset.offset(100L));
  }

  @Test
  void unitsBeyondTheRoadCandidatesKeepStraightLineTimesAndRankAfterThem() {
    units.auxiliaryAt("aux-across", TestRoads.at(0, 250));
    units.auxiliaryAt("aux-same-bank", TestRoads.at(400, 0));
    RankingSettings oneByRoad = new RankingSettings(RankingSettings.DEFAULT_SPEED_MPS, 60_000, 0.2, 64, 1);

    List<Ranking.Candidate> eligible = rankByRoad(oneByRoad);

    assertThat(eligible).extracting(c -> c.unit().unitId(), Ranking.Candidate::byRoad)
        .containsExactly(Tuple.tuple("aux-across", true), Tuple.tuple("aux-same-bank", false));
    Ranking.Candidate sameBank = eligible.get(1);
    assertThat(sameBank.travelM()).isCloseTo(400, Offset.offset(1.0));
    assertThat(sameBank.etaMs()).isEqualTo(36_000); // 400 m at 40 km/h, ahead of the other's 456 s
  }

  @Test
  void unitsFarFromEveryRoadAreTimedAlongTheStraightLine() {
    units.auxiliary("aux-far", -3_000);
    units.auxiliary("aux-near", -2_500);

    List<Ranking.Candidate> eligible = rankByRoad(RankingSettings.defaults());

    assertThat(eligible).extracting(c -> c.unit().unitId(), Ranking.Candidate::byRoad, Ranking.Candidate::etaMs)
        .containsExactly(Tuple.tuple("aux-near", false, 225_000L), Tuple.tuple("aux-far", false, 270_000L));
  }

  @Test
  void passesOverUnavailableUnitsAndSaysWhy() {
    units.auxiliary("aux-ok", 1_000);
    units.put(FakeUnitDirectory.withOnline(units.auxiliary("aux-offline", 1_100), false));
    UnitSnapshot onLeave = units.auxiliary("aux-off-duty", 1_200);
    units.put(new UnitSnapshot(onLeave.unitId(), onLeave.deviceId(), onLeave.kind(),
        onLeave.workstationId(), onLeave.officeId(), onLeave.stationId(), true, false, onLeave.channel(), onLeave.lat(),
        onLeave.lon(), onLeave.fixTimestampMs()));
    units.auxiliary("aux-busy", 1_300);
    units.put(FakeUnitDirectory.withFixAt(units.auxiliary("aux-stale", 1_400), NOW - MAX_FIX_AGE - 1));
    units.put(FakeUnitDirectory.withFixAt(units.auxiliary("aux-never-fixed", 1_500), 0));
    units.auxiliary("aux-tried", 1_600);
    units.officer("off-01", "S01", 500);
    units.auxiliary("aux-outside", 2_500); // the directory was asked wider than the query radius

    Ranking.Result result = rank(2_000, Set.of("aux-tried"), Set.of("aux-busy"));

    assertThat(result.eligible()).extracting(c -> c.unit().unitId()).containsExactly("aux-ok");
    assertThat(result.stale()).extracting(UnitSnapshot::unitId)
        .containsExactly("aux-stale", "aux-never-fixed");
    assertThat(result.passedOver()).isEqualTo(Map.of(
        ShortfallReason.OFFLINE, 2,
        ShortfallReason.ALL_BUSY, 1,
        ShortfallReason.STALE_LOCATIONS, 2,
        ShortfallReason.OUTSIDE_RADIUS, 1,
        ShortfallReason.DECLINED, 1));
  }

  @Test
  void shortfallReasonIsTheMostCommonReasonForPassingUnitsOnDutyOver() {
    assertThat(shortfall(Map.of(), 0)).isEqualTo(ShortfallReason.NO_CANDIDATES);
    assertThat(shortfall(Map.of(ShortfallReason.OFFLINE, 3), 0)).isEqualTo(ShortfallReason.OFFLINE);
    assertThat(shortfall(Map.of(ShortfallReason.OFFLINE, 1, ShortfallReason.STALE_LOCATIONS, 2), 0))
        .isEqualTo(ShortfallReason.STALE_LOCATIONS);
    // claims lost to another incident between ranking and claiming count as busy
    assertThat(shortfall(Map.of(ShortfallReason.OFFLINE, 1, ShortfallReason.ALL_BUSY, 1), 1))
        .isEqualTo(ShortfallReason.ALL_BUSY);
    // a tie goes to the reason declared first
    assertThat(shortfall(Map.of(ShortfallReason.DECLINED, 2, ShortfallReason.ALL_BUSY, 2), 0))
        .isEqualTo(ShortfallReason.ALL_BUSY);
    // offline units linger where they were last seen: a few busy ones say more than many of those
    assertThat(shortfall(Map.of(ShortfallReason.OFFLINE, 300, ShortfallReason.ALL_BUSY, 2), 0))
        .isEqualTo(ShortfallReason.ALL_BUSY);
    assertThat(shortfall(Map.of(ShortfallReason.OFFLINE, 300, ShortfallReason.DECLINED, 1), 0))
        .isEqualTo(ShortfallReason.DECLINED);
  }

  @Test
  void theExplanationCountsEveryUnitNearWhateverItsState() {
    units.put(FakeUnitDirectory.withOnline(units.auxiliary("aux-offline-1", 500), false));
    units.put(FakeUnitDirectory.withOnline(units.auxiliary("aux-offline-2", 600), false));
    units.auxiliary("aux-busy", 700);
    units.auxiliary("aux-declined", 800);
    Ranking.Query query = new Ranking.Query(ORIGIN.lat(), ORIGIN.lon(), 2_000, MAX_FIX_AGE, Set.of(),
        Set.of("aux-declined"), null, NOW);

    Ranking.Shortfall why = ranking.explain(units.nearOnDuty(ORIGIN.lat(), ORIGIN.lon(), 2_000, 100, id -> false),
        units.near(ORIGIN.lat(), ORIGIN.lon(), 2_000, 100), query, Set.of("aux-busy")::contains, 0);

    assertThat(why.reason()).isEqualTo(ShortfallReason.ALL_BUSY);
    assertThat(why.passedOver()).isEqualTo(Map.of(ShortfallReason.OFFLINE, 2, ShortfallReason.ALL_BUSY, 1,
        ShortfallReason.DECLINED, 1));
  }

  private Ranking.Result rank(double radiusM, Set<String> tried, Set<String> claimed) {
    String local = units.nearestWorkstationId(ORIGIN.lat(), ORIGIN.lon()).orElse(null);
    Ranking.Query query = new Ranking.Query(ORIGIN.lat(), ORIGIN.lon(), radiusM, MAX_FIX_AGE,
        Set.of(), tried, local, NOW);
    List<UnitSnapshot> nearby = units.near(ORIGIN.lat(), ORIGIN.lon(), 100_000, 100);
    return ranking.rank(nearby, query, claimed::contains);
  }

  private List<Ranking.Candidate> rankByRoad(RankingSettings settings) {
    RoadTravel roads = new RoadTravel(RoadNetwork.of(TestRoads.riverWithOneBridge()), TravelSettings.defaults());
    Ranking byRoad = new Ranking(settings, TravelTimeEstimator.byRoad(roads));
    String local = units.nearestWorkstationId(ORIGIN.lat(), ORIGIN.lon()).orElse(null);
    Ranking.Query query = new Ranking.Query(ORIGIN.lat(), ORIGIN.lon(), 10_000, MAX_FIX_AGE, Set.of(), Set.of(), local,
        NOW);
    return byRoad.rank(units.near(ORIGIN.lat(), ORIGIN.lon(), 100_000, 100), query, unitId -> false).eligible();
  }

  private static ShortfallReason shortfall(Map<ShortfallReason, Integer> passedOver, int lostClaims) {
    return new Ranking.Result(List.of(), List.of(), passedOver).shortfall(lostClaims).reason();
  }
}
