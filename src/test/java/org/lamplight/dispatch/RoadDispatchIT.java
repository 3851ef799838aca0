package org.lamplight.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.lamplight.Await.await;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.TestDatabase;
import org.lamplight.TestDevice;
import org.lamplight.TestNode;
import org.lamplight.config.Config;
import org.lamplight.config.Keys;
import org.lamplight.domain.geo.GeoPoint;
import org.lamplight.domain.org.CountyGenerator;
import org.lamplight.domain.road.RoadNetwork;
import org.lamplight.domain.road.RoadTravel;
import org.lamplight.domain.road.RoadTravel.Trip;
import org.lamplight.domain.road.TravelSettings;

/**
 * Dispatch over the demo county's roads, against a real node with real MQTT devices: the unit
 * nearest by road is offered the incident before one nearer in a straight line but far from every
 * road, and the offer and the assignment say how far it is.
 */
class RoadDispatchIT {

  static TestNode node;

  @BeforeAll
  static void start() throws Exception {
    Path plans = Files.createTempFile("plans", ".yaml");
    Files.writeString(plans, CommandCentreIT.PLANS); // traffic: one unit within 2 km
    TestDatabase.resetRuntimeTables();
    node = TestNode.start(Map.of(Keys.DISPATCH_PLANS, plans.toString()));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  /** An incident on a road, a unit further along it, and a nearer place far out in the fields. */
  record Places(GeoPoint incident, GeoPoint onRoad, GeoPoint inFields, long roadEtaMs) {}

  @Test
  void theUnitNearestByRoadIsOfferedBeforeTheOneNearestInAStraightLineAndTheOfferSaysHowFar() throws Exception {
    Places places = placesWhereRoadsDecide();
    try (TestDevice fields = TestDevice.connect(node, "dev-aux-0300");
         TestDevice road = TestDevice.connect(node, "dev-aux-0301")) {
      fields.at(places.inFields().lat(), places.inFields().lon());
      road.at(places.onRoad().lat(), places.onRoad().lon());
      for (String unitId : new String[] {"aux-0300", "aux-0301"}) {
        await().until(() -> node.get("/api/units/" + unitId).bodyAsJsonObject().getJsonObject("position") != null);
      }
      var created = node.post("/api/incidents", new JsonObject().put("type", "traffic").put("severity", 1)
          .put("lat", places.incident().lat()).put("lon", places.incident().lon()).put("description", "road test"));
      assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
      String id = created.bodyAsJsonObject().getString("id");

      JsonObject offer = road.nextOrder("offer");
      assertThat(offer.getString("incidentId")).isEqualTo(id);
      JsonObject travel = offer.getJsonObject("travel");
      assertThat(travel.getBoolean("byRoad")).isTrue();
      assertThat(travel.getLong("etaMs")).isCloseTo(places.roadEtaMs(), within(1_000L));
      assertThat(fields.orders()).as("nearer in a straight line, slower over the fields").isEmpty();

      JsonObject assignment = node.get("/api/incidents/" + id).bodyAsJsonObject().getJsonArray("assignments")
          .getJsonObject(0);
      assertThat(assignment.getString("unitId")).isEqualTo("aux-0301");
      assertThat(assignment.getJsonObject("travel")).isEqualTo(travel);
      node.post("/api/incidents/" + id + "/cancel", new JsonObject());
    }
  }

  /** Searched over the demo county's roads with the node's travel settings. */
  static Places placesWhereRoadsDecide() {
    Config config = node.node().config();
    RoadNetwork network = RoadNetwork.of(new CountyGenerator(config.get(Keys.DEMO_SEED)).generate().roads());
    RoadTravel roads = new RoadTravel(network, new TravelSettings(config.get(Keys.DISPATCH_ROAD_COUNTY_KMH),
        config.get(Keys.DISPATCH_ROAD_TOWNSHIP_KMH), config.get(Keys.DISPATCH_ROAD_VILLAGE_KMH),
        config.get(Keys.DISPATCH_ROAD_OFF_ROAD_KMH), config.get(Keys.DISPATCH_ROAD_SNAP_M)));
    for (int n = 0; n < network.size(); n += 7) {
      GeoPoint incident = network.node(n);
      RoadTravel.Reach reach = roads.from(incident.lat(), incident.lon());
      for (int m = 0; m < network.size(); m += 3) {
        GeoPoint onRoad = network.node(m);
        double roadLine = distance(incident, onRoad);
        if (roadLine < 1_200 || roadLine > 1_950) {
          continue;
        }
        Optional<Trip> byRoad = reach.to(onRoad.lat(), onRoad.lon());
        if (byRoad.isEmpty()) {
          continue;
        }
        for (int bearing = 0; bearing < 360; bearing += 30) {
          GeoPoint inFields = offset(incident, roadLine * 0.6, bearing);
          Optional<Trip> overFields = reach.to(inFields.lat(), inFields.lon());
          // a clear margin, so that no preference for the covering workstation (60 s, 20 %) can tip it
          if (overFields.isPresent() && overFields.get().etaMs() > byRoad.get().etaMs() * 3 / 2 + 120_000) {
            return new Places(incident, onRoad, inFields, byRoad.get().etaMs());
          }
        }
      }
    }
    throw new AssertionError("the demo county has no place where the roads decide");
  }

  static double distance(GeoPoint a, GeoPoint b) {
    return GeoPoint.distanceMeters(a.lat(), a.lon(), b.lat(), b.lon());
  }

  static GeoPoint offset(GeoPoint from, double metres, int bearingDegrees) {
    double b = Math.toRadians(bearingDegrees);
    double dLat = metres * Math.cos(b) / 111_320.0;
    double dLon = metres * Math.sin(b) / (111_320.0 * Math.cos(Math.toRadians(from.lat())));
    return new GeoPoint(from.lat() + dLat, from.lon() + dLon);
  }
}
