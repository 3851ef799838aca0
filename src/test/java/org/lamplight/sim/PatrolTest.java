package org.lamplight.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.lamplight.domain.coverage.CoverageAccumulator;
import org.lamplight.domain.coverage.CoverageSettings;
import org.lamplight.domain.coverage.CoverageTotals;
import org.lamplight.domain.coverage.TrackEvent;
import org.lamplight.domain.coverage.UnitDay;
import org.lamplight.domain.coverage.UnitPosts;
import org.lamplight.domain.coverage.VillageDay;
import org.lamplight.domain.geo.GeoPoint;
import org.lamplight.domain.org.County;
import org.lamplight.domain.org.CountyGenerator;
import org.lamplight.domain.org.Person;
import org.lamplight.domain.road.RoadNetwork;

class PatrolTest {

  static final County COUNTY = new CountyGenerator(20240601).generate();
  static final RoadNetwork ROADS = RoadNetwork.of(COUNTY.roads());
  static final double RADIUS = 3000;

  private static Patrol patrol(Person p, Vehicle vehicle, long seed) {
    return new Patrol(ROADS, p.home(), RADIUS, vehicle, new Random(seed));
  }

  @Test
  void everyAuxiliaryPatrolsTheRoadsAroundItsHomeAtItsOwnSpeed() {
    for (Person p : COUNTY.people().subList(0, 60)) {
      Patrol patrol = patrol(p, Vehicle.EBIKE, p.id().hashCode());
      Motion previous = patrol.motion();
      for (int tick = 0; tick < 720; tick++) { // an hour of 5 s pings
        Motion m = patrol.advance(5);
        double step = GeoPoint.distanceMeters(previous.lat(), previous.lon(), m.lat(), m.lon());
        assertThat(step).as("a 5 s step of %s", p.id()).isLessThanOrEqualTo(5 * 5 + 0.01);
        // the area's edge is only ever crossed by the last stretch of road before turning back
        assertThat(new GeoPoint(m.lat(), m.lon()).distanceTo(p.home())).isLessThan(RADIUS + 2500);
        previous = m;
      }
    }
  }

  @Test
  void onTheRoadTheSpeedIsTheVehiclesAndTheHeadingPointsAlongIt() {
    Person p = COUNTY.people().get(10);
    Patrol patrol = patrol(p, Vehicle.WALK, 1);
    patrol.advance(3600);
    Motion before = patrol.motion();
    Motion after = patrol.advance(1);
    assertThat(after.speedMps()).isEqualTo(1.4);
    double moved = GeoPoint.distanceMeters(before.lat(), before.lon(), after.lat(), after.lon());
    // interpolating in degrees along a stretch measured on the sphere: a few micrometres either way
    assertThat(moved).isCloseTo(1.4, org.assertj.core.data.Offset.offset(1e-5));
    assertThat(after.headingDeg()).isBetween(0.0, 360.0);
  }

  @Test
  void theSameSeedWalksTheSameWay() {
    Person p = COUNTY.people().get(5);
    assertThat(track(patrol(p, Vehicle.CAR, 42))).isEqualTo(track(patrol(p, Vehicle.CAR, 42)));
    assertThat(track(patrol(p, Vehicle.CAR, 42))).isNotEqualTo(track(patrol(p, Vehicle.CAR, 43)));
  }

  @Test
  void afterAJobThePatrolDrivesStraightBackToTheRoadNearestHome() {
    Person p = COUNTY.people().get(20);
    Patrol patrol = patrol(p, Vehicle.EBIKE, 3);
    GeoPoint incident = new GeoPoint(p.home().lat() + 0.05, p.home().lon());
    patrol.rejoin(incident, Vehicle.responseSpeed());
    Motion m = patrol.advance(1);
    assertThat(m.speedMps()).isEqualTo(12);
    assertThat(m.headingDeg()).isCloseTo(180, within(10.0));
  }

  @Test
  void anAuxiliaryMakesRoundsOfItsOwnVillageAndNowAndThenItsNeighboursAsCoverageCountsThem() {
    Person aux = COUNTY.people().stream().filter(p -> p.workstationId() != null).findFirst().orElseThrow();
    String own = COUNTY.workstation(aux.workstationId()).orElseThrow().villageId();
    GeoPoint middle = middle(own);
    List<Patrol.Stop> stops = new ArrayList<>(List.of(new Patrol.Stop(own, middle)));
    COUNTY.villages().stream().filter(v -> !v.code().equals(own))
        .sorted(java.util.Comparator.comparingDouble(v -> middle(v.code()).distanceTo(middle))).limit(2)
        .forEach(v -> stops.add(new Patrol.Stop(v.code(), middle(v.code()))));
    Patrol patrol = new Patrol(ROADS, aux.home(), RADIUS, Vehicle.EBIKE, new Random(7), stops);
    CoverageAccumulator coverage = new CoverageAccumulator(COUNTY.villageIndex(),
        UnitPosts.of(Map.of(aux.id(), Set.of(own))), CoverageSettings.defaults());
    long t0 = 1_700_000_000_000L;
    for (int minute = 0; minute < 8 * 60; minute++) { // a working day of fixes a minute apart
      Motion m = patrol.advance(60);
      coverage.accept(new TrackEvent.Fix(aux.id(), t0 + minute * 60_000L, m.lat(), m.lon()));
    }
    CoverageTotals totals = new CoverageTotals();
    totals.add(coverage.drain());
    int ownVisits = totals.villageDays().stream().filter(d -> d.village().equals(own)).mapToInt(VillageDay::visits).sum();
    int neighbourVisits = totals.villageDays().stream().filter(d -> !d.village().equals(own))
        .mapToInt(VillageDay::visits).sum();
    long onPost = totals.unitDays().stream().mapToLong(UnitDay::onPostMs).sum();
    long onDuty = totals.unitDays().stream().mapToLong(UnitDay::onDutyMs).sum();
    assertThat(ownVisits).isGreaterThanOrEqualTo(4);
    assertThat(neighbourVisits).isPositive();
    assertThat((double) onPost / onDuty).isGreaterThan(0.3);
  }

  private static GeoPoint middle(String village) {
    var p = COUNTY.area(village).orElseThrow().shape().getInteriorPoint();
    return new GeoPoint(p.getY(), p.getX());
  }

  private static List<Motion> track(Patrol patrol) {
    List<Motion> out = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      out.add(patrol.advance(5));
    }
    return out;
  }
}
