package org.lamplight.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
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

  private static List<Motion> track(Patrol patrol) {
    List<Motion> out = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      out.add(patrol.advance(5));
    }
    return out;
  }
}
