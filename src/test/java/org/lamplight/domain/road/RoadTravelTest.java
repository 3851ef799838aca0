package org.lamplight.domain.road;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.lamplight.domain.road.TestRoads.at;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.lamplight.domain.geo.GeoPoint;
import org.lamplight.domain.org.County;
import org.lamplight.domain.org.CountyGenerator;
import org.lamplight.domain.org.Road;
import org.lamplight.domain.org.Road.RoadKind;
import org.lamplight.domain.road.RoadTravel.Trip;

class RoadTravelTest {

  /** Speeds in m/s, as the expected times below are worked out. */
  private static final double TOWNSHIP = 40 / 3.6;
  private static final double VILLAGE = 25 / 3.6;
  private static final double COUNTY = 60 / 3.6;
  private static final double OFF_ROAD = 6 / 3.6;

  private final RoadTravel river = travel(TestRoads.riverWithOneBridge());

  private static RoadTravel travel(List<Road> roads) {
    return new RoadTravel(RoadNetwork.of(roads), TravelSettings.defaults());
  }

  private static Trip trip(RoadTravel travel, GeoPoint from, GeoPoint to) {
    return travel.from(from.lat(), from.lon()).to(to.lat(), to.lon()).orElseThrow();
  }

  private static Optional<Trip> maybeTrip(RoadTravel travel, GeoPoint from, GeoPoint to) {
    return travel.from(from.lat(), from.lon()).to(to.lat(), to.lon());
  }

  @Test
  void aUnitOnTheIncidentsBankIsNearerThanOneAsFarAcrossTheRiver() {
    GeoPoint incident = at(0, 0);
    GeoPoint sameBank = at(250, 0);
    GeoPoint acrossTheRiver = at(0, 250);
    RoadTravel.Reach reach = river.from(incident.lat(), incident.lon());

    Trip near = reach.to(sameBank.lat(), sameBank.lon()).orElseThrow();
    Trip across = reach.to(acrossTheRiver.lat(), acrossTheRiver.lon()).orElseThrow();

    // 50 m down to the south bank road, 250 m along it, 50 m up to the unit
    assertThat(near.distanceM()).isCloseTo(350, within(1.0));
    assertThat(near.etaMs()).isCloseTo(ms(250 / TOWNSHIP + 100 / OFF_ROAD), within(100L));
    // down to the south bank, 2 km east to the bridge, across it, 2 km back west, 50 m up
    assertThat(across.distanceM()).isCloseTo(50 + 2000 + 250 + 2000 + 50, within(1.0));
    assertThat(across.etaMs()).isCloseTo(ms(4000 / TOWNSHIP + 250 / VILLAGE + 100 / OFF_ROAD), within(100L));
  }

  @Test
  void aTripTakesAsLongBothWays() {
    Trip there = trip(river, at(0, 0), at(0, 250));
    Trip back = trip(river, at(0, 250), at(0, 0));

    assertThat(back.etaMs()).isCloseTo(there.etaMs(), within(1L));
    assertThat(back.distanceM()).isCloseTo(there.distanceM(), within(0.01));
  }

  @Test
  void placesOnOneSegmentGoStraightAlongItWithTheirOffRoadStretches() {
    RoadTravel one = travel(List.of(new Road("R", "村道", RoadKind.VILLAGE, List.of(at(0, 0), at(1000, 0)))));

    Trip trip = trip(one, at(100, 30), at(900, -40));

    assertThat(trip.distanceM()).isCloseTo(30 + 800 + 40, within(1.0));
    assertThat(trip.etaMs()).isCloseTo(ms(800 / VILLAGE + 70 / OFF_ROAD), within(100L));
  }

  @Test
  void aPlaceBeyondTheEndOfARoadWalksToItsLastVertex() {
    RoadTravel one = travel(List.of(new Road("R", "村道", RoadKind.VILLAGE, List.of(at(0, 0), at(1000, 0)))));

    Trip trip = trip(one, at(-300, 400), at(1000, 0));

    assertThat(trip.distanceM()).isCloseTo(500 + 1000, within(1.0));
    assertThat(trip.etaMs()).isCloseTo(ms(1000 / VILLAGE + 500 / OFF_ROAD), within(100L));
  }

  @Test
  void placesExactlyOnVerticesHaveNoOffRoadStretch() {
    // the bridge's south foot, where the south bank road and the bridge meet, to its north foot
    Trip trip = trip(river, at(2000, -50), at(2000, 200));

    assertThat(trip.distanceM()).isCloseTo(250, within(0.5));
    assertThat(trip.etaMs()).isCloseTo(ms(250 / VILLAGE), within(100L));
  }

  @Test
  void theFasterRoadWinsOverTheShorterOne() {
    RoadTravel roads = travel(List.of(
        new Road("lane", "村道", RoadKind.VILLAGE, List.of(at(0, 0), at(1000, 0))),
        new Road("highway", "县道", RoadKind.COUNTY, List.of(at(0, 0), at(500, 600), at(1000, 0)))));

    Trip trip = trip(roads, at(0, 0), at(1000, 0));

    double detourM = 2 * Math.hypot(500, 600);
    assertThat(detourM / COUNTY).isLessThan(1000 / VILLAGE);
    assertThat(trip.distanceM()).isCloseTo(detourM, within(1.0));
    assertThat(trip.etaMs()).isCloseTo(ms(detourM / COUNTY), within(100L));
  }

  @Test
  void repeatedAndTenCentimetreApartVerticesMakeNoDetour() {
    GeoPoint nearlyThere = new GeoPoint(at(500, 0).lat() + 3e-7, at(500, 0).lon());
    RoadTravel roads = travel(List.of(
        new Road("R1", "村道", RoadKind.VILLAGE, List.of(at(0, 0), at(500, 0), at(500, 0))),
        new Road("R2", "村道", RoadKind.VILLAGE, List.of(nearlyThere, nearlyThere, at(1000, 0)))));

    Trip trip = trip(roads, at(0, 0), at(1000, 0));

    assertThat(trip.distanceM()).isCloseTo(1000, within(1.0));
    assertThat(trip.etaMs()).isCloseTo(ms(1000 / VILLAGE), within(100L));
  }

  @Test
  void noTripWhenEitherPlaceIsBeyondTheSnappingDistanceOfEveryRoad() {
    // the south bank road runs 50 m south of the origin; roads are used within 2 km
    assertThat(maybeTrip(river, at(0, 0), at(0, -2049))).isPresent();
    assertThat(maybeTrip(river, at(0, 0), at(0, -2051))).isEmpty();
    assertThat(maybeTrip(river, at(0, -2051), at(0, 0))).isEmpty();
  }

  @Test
  void noTripBetweenRoadsThatDoNotJoin() {
    // the two bank roads alone: the river has no bridge
    List<Road> banks = TestRoads.riverWithOneBridge().subList(0, 2);

    assertThat(maybeTrip(travel(banks), at(0, 0), at(0, 250))).isEmpty();
    assertThat(maybeTrip(travel(banks), at(0, 0), at(250, 0))).isPresent();
  }

  @Test
  void noTripOverANetworkWithoutRoads() {
    assertThat(maybeTrip(travel(List.of()), at(0, 0), at(10, 0))).isEmpty();
  }

  @Test
  void oneSearchGivesTheSameTripsInAnyOrderAsAFreshSearchForEach() {
    County county = new CountyGenerator(20240601).generate();
    RoadTravel roads = new RoadTravel(RoadNetwork.of(county.roads()), TravelSettings.defaults());
    org.locationtech.jts.geom.Point inside = county.villages().get(7).shape().getInteriorPoint();
    GeoPoint incident = new GeoPoint(inside.getY(), inside.getX());
    Random random = new Random(5);
    List<GeoPoint> units = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      units.add(county.people().get(random.nextInt(county.people().size())).home());
    }

    // one search answers far and near places in a shuffled order
    RoadTravel.Reach reach = roads.from(incident.lat(), incident.lon());
    for (GeoPoint unit : units) {
      assertThat(reach.to(unit.lat(), unit.lon())).isEqualTo(maybeTrip(roads, incident, unit));
    }
  }

  @Test
  void settingsRefuseSpeedsThatAreNotPositiveAndNegativeSnapping() {
    assertThatThrownBy(() -> new TravelSettings(0, 40, 25, 6, 2000))
        .hasMessageContaining("county road speed must be a positive number of km/h, got 0.0");
    assertThatThrownBy(() -> new TravelSettings(60, 40, 25, Double.NaN, 2000))
        .hasMessageContaining("off-road speed");
    assertThatThrownBy(() -> new TravelSettings(60, 40, 25, 6, -1))
        .hasMessageContaining("road snapping distance");
  }

  @Test
  void theRouteAcrossTheRiverGoesOverTheBridgeAndTakesAsLongAsTheTrip() {
    GeoPoint from = at(0, 0);
    GeoPoint to = at(0, 250);
    RoadTravel.Route route = river.from(from.lat(), from.lon()).route(to.lat(), to.lon()).orElseThrow();

    List<GeoPoint> expected = List.of(from, at(0, -50), at(2000, -50), at(2000, 200), at(0, 200), to);
    assertThat(route.points()).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(route.points().get(i).distanceTo(expected.get(i))).as("point %d", i).isLessThan(0.01);
    }
    assertThat(route.trip()).isEqualTo(trip(river, from, to));
  }

  @Test
  void aRouteAlongOneSegmentLeavesAndRejoinsItWhereThePlacesMeetIt() {
    RoadTravel one = travel(List.of(new Road("R", "村道", RoadKind.VILLAGE, List.of(at(0, 0), at(1000, 0)))));
    GeoPoint from = at(100, 30);
    GeoPoint to = at(900, -40);

    RoadTravel.Route route = one.from(from.lat(), from.lon()).route(to.lat(), to.lon()).orElseThrow();

    List<GeoPoint> expected = List.of(from, at(100, 0), at(900, 0), to);
    assertThat(route.points()).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(route.points().get(i).distanceTo(expected.get(i))).as("point %d", i).isLessThan(0.5);
    }
  }

  @Test
  void noRouteWhereNoRoadComesNear() {
    assertThat(river.from(at(0, 5000).lat(), at(0, 5000).lon()).route(0, 0)).isEmpty();
  }

  private static long ms(double seconds) {
    return Math.round(seconds * 1000);
  }
}
