package org.lamplight.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lamplight.Await.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.TestDatabase;
import org.lamplight.TestDevice;
import org.lamplight.TestNode;
import org.lamplight.config.Keys;

/**
 * Dispatch end to end with Paho clients as devices: offers to the nearest available unit,
 * accept, decline, silence, escalation, device reports, durability and restart. Each test
 * works in its own corner of the demo county so their candidates never meet. Candidates are
 * ranked by straight line here, so the tests can place units by distance alone; road ranking
 * has tests of its own.
 */
class DispatchIT {

  static TestNode node;
  static Path plans;

  /** Short offer timeouts and a 2 km radius make every path quick to walk. */
  static final String PLANS = """
      plans:
        - type: fire
          severity: 1
          units: 1
          notify_officer: false
          assign_officer: false
          offer_timeout_ms: 1500
          radius_m: 2000
          max_fix_age_ms: 600000
          levels:
            - extra_units: 0
              radius_m: 2500
              notify_station: true
        - type: traffic
          severity: 1
          units: 1
          notify_officer: false
          assign_officer: false
          offer_timeout_ms: 20000
          radius_m: 2000
          max_fix_age_ms: 600000
          levels: []
      """;

  @BeforeAll
  static void start() throws Exception {
    plans = Files.createTempFile("plans", ".yaml");
    Files.writeString(plans, PLANS);
    TestDatabase.resetRuntimeTables();
    node = TestNode.start(Map.of(Keys.DISPATCH_PLANS, plans.toString(), Keys.DISPATCH_ROAD_ENABLED, false));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static TestDevice device(TestNode n, String deviceId, double lat, double lon) throws Exception {
    TestDevice d = TestDevice.connect(n, deviceId);
    d.at(lat, lon);
    await().until(() -> {
      JsonObject p = n.get("/api/units/" + d.unitId()).bodyAsJsonObject().getJsonObject("position");
      return p != null && Math.abs(p.getDouble("lat") - lat) < 1e-9;
    });
    return d;
  }

  private static JsonObject report(TestNode n, String type, double lat, double lon) {
    var r = n.post("/api/incidents", new JsonObject().put("type", type).put("severity", 1).put("lat", lat).put("lon", lon)
        .put("description", "test"));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject();
  }

  private static JsonObject incident(TestNode n, String id) {
    return n.get("/api/incidents/" + id).bodyAsJsonObject();
  }

  private static String assignmentStatus(TestNode n, String incidentId, String unitId) {
    return incident(n, incidentId).getJsonArray("assignments").stream().map(JsonObject.class::cast)
        .filter(a -> unitId.equals(a.getString("unitId"))).map(a -> a.getString("status")).reduce((a, b) -> b).orElse(null);
  }

  private static List<String> timeline(TestNode n, String incidentId) {
    return incident(n, incidentId).getJsonArray("timeline").stream().map(e -> ((JsonObject) e).getString("event")).toList();
  }

  @Test
  void theNearestAvailableUnitGetsTheOfferAndAcceptingAssignsIt() throws Exception {
    double lat = 33.70;
    double lon = 114.40;
    try (TestDevice near = device(node, "dev-aux-0101", lat + 0.002, lon);
         TestDevice far = device(node, "dev-aux-0102", lat + 0.008, lon)) {
      JsonObject created = report(node, "fire", lat, lon);
      String id = created.getString("id");
      JsonObject offer = near.nextOrder("offer");
      assertThat(offer.getString("incidentId")).isEqualTo(id);
      assertThat(offer.getString("type")).isEqualTo("fire");
      assertThat(offer.getLong("expiresAt")).isGreaterThan(System.currentTimeMillis() - 5000);
      assertThat(far.orders()).isEmpty();
      near.reply(offer, "accept");
      await().until(() -> "assigned".equals(incident(node, id).getString("status")));
      assertThat(assignmentStatus(node, id, "aux-0101")).isEqualTo("accepted");
      assertThat(node.get("/api/units/aux-0101").bodyAsJsonObject().getString("status")).isEqualTo("assigned");
      assertThat(timeline(node, id)).startsWith("created").contains("offer_sent", "accepted");
      node.post("/api/incidents/" + id + "/resolve", new JsonObject());
    }
  }

  @Test
  void aDeviceThatAcceptsOverMqttIsSentTheCallersPhoneWhichTheOfferLeftOut() throws Exception {
    double lat = 33.66;
    double lon = 114.52;
    try (TestDevice near = device(node, "dev-aux-0112", lat + 0.002, lon)) {
      String id = node.post("/api/incidents", new JsonObject().put("type", "fire").put("severity", 1).put("lat", lat)
          .put("lon", lon).put("source", "transfer_119").put("callerName", "王先生").put("callerPhone", "13800000000"))
          .bodyAsJsonObject().getString("id");
      JsonObject offer = near.nextOrder("offer");
      assertThat(offer.getString("incidentId")).isEqualTo(id);
      assertThat(offer.containsKey("caller")).isFalse();
      near.reply(offer, "accept");
      JsonObject update = near.nextOrder("update");
      assertThat(update.getString("orderId")).isEqualTo(offer.getString("orderId"));
      assertThat(update.getJsonObject("caller")).isEqualTo(new JsonObject().put("name", "王先生")
          .put("phone", "13800000000"));
      node.post("/api/incidents/" + id + "/resolve", new JsonObject());
    }
  }

  @Test
  void aDeclineGoesToTheNextNearest() throws Exception {
    double lat = 33.70;
    double lon = 114.60;
    try (TestDevice near = device(node, "dev-aux-0103", lat + 0.002, lon);
         TestDevice next = device(node, "dev-aux-0104", lat + 0.006, lon)) {
      String id = report(node, "fire", lat, lon).getString("id");
      near.reply(near.nextOrder("offer"), "decline");
      JsonObject offer = next.nextOrder("offer");
      assertThat(offer.getString("incidentId")).isEqualTo(id);
      assertThat(assignmentStatus(node, id, "aux-0103")).isEqualTo("declined");
      next.reply(offer, "accept");
      await().until(() -> "assigned".equals(incident(node, id).getString("status")));
      node.post("/api/incidents/" + id + "/resolve", new JsonObject());
    }
  }

  @Test
  void silenceTimesOutAndTheNextNearestGetsTheOffer() throws Exception {
    double lat = 33.88;
    double lon = 114.40;
    try (TestDevice silent = device(node, "dev-aux-0105", lat + 0.002, lon);
         TestDevice next = device(node, "dev-aux-0106", lat + 0.006, lon)) {
      String id = report(node, "fire", lat, lon).getString("id");
      silent.nextOrder("offer"); // and never answers
      JsonObject offer = next.nextOrder("offer");
      assertThat(offer.getString("incidentId")).isEqualTo(id);
      assertThat(assignmentStatus(node, id, "aux-0105")).isEqualTo("timed_out");
      assertThat(silent.nextOrder("cancel").getString("incidentId")).isEqualTo(id);
      node.post("/api/incidents/" + id + "/cancel", new JsonObject());
    }
  }

  @Test
  void whenEveryoneDeclinesDispatchEscalatesAndSaysWhy() throws Exception {
    double lat = 33.88;
    double lon = 114.60;
    try (TestDevice a = device(node, "dev-aux-0107", lat + 0.002, lon);
         TestDevice b = device(node, "dev-aux-0108", lat + 0.004, lon)) {
      String id = report(node, "fire", lat, lon).getString("id");
      a.reply(a.nextOrder("offer"), "decline");
      b.reply(b.nextOrder("offer"), "decline");
      await().until(() -> incident(node, id).getInteger("level") == 2);
      JsonObject incident = incident(node, id);
      assertThat(incident.getString("shortfall")).as("both units near declined").isEqualTo("declined");
      assertThat(timeline(node, id)).contains("escalated", "station_notified");
      JsonArray alerts = node.get("/api/alerts").bodyAsJsonArray();
      assertThat(alerts.stream().map(JsonObject.class::cast).filter(al -> id.equals(al.getString("incidentId")))).isNotEmpty();
      node.post("/api/incidents/" + id + "/cancel", new JsonObject());
    }
  }

  @Test
  void anAuxiliaryReportCreatesAnIncidentAssignedToTheReporter() throws Exception {
    double lat = 33.79;
    double lon = 114.30;
    try (TestDevice reporter = device(node, "dev-aux-0109", lat, lon)) {
      reporter.event(new JsonObject().put("type", "report").put("incident", "traffic").put("severity", 1)
          .put("lat", lat).put("lon", lon).put("description", "two cars"));
      await().until(() -> "assigned".equals(node.get("/api/units/aux-0109").bodyAsJsonObject().getString("status")));
      String id = node.get("/api/units/aux-0109").bodyAsJsonObject().getString("incidentId");
      JsonObject incident = incident(node, id);
      assertThat(incident.getString("source")).isEqualTo("device");
      assertThat(incident.getString("type")).isEqualTo("traffic");
      assertThat(assignmentStatus(node, id, "aux-0109")).isEqualTo("accepted");
      node.post("/api/incidents/" + id + "/resolve", new JsonObject());
    }
  }

  /** Replies a device sends one after another without waiting are applied in the order sent. */
  @Test
  void repliesSentAtOnceAreAppliedInTheOrderSent() throws Exception {
    double lat = 33.84;
    double lon = 114.36;
    try (TestDevice unit = device(node, "dev-aux-0113", lat + 0.002, lon)) {
      String id = report(node, "traffic", lat, lon).getString("id");
      String orderId = unit.nextOrder("offer").getString("orderId");
      unit.eventsAtOnce(Stream.of("accept", "enroute", "onscene", "clear")
          .map(action -> new JsonObject().put("orderId", orderId).put("action", action)).toList());
      assertThat(assignmentStatus(node, id, "aux-0113")).as("all four applied before the last PUBACK").isEqualTo("cleared");
      assertThat(timeline(node, id)).containsSubsequence("accepted", "enroute", "on_scene", "cleared");
      node.post("/api/incidents/" + id + "/resolve", new JsonObject());
    }
  }

  @Test
  void aCreatedIncidentIsDurableWhenAcknowledgedAndBadInputIsRefusedWithAReason() throws Exception {
    var bad = node.post("/api/incidents", new JsonObject().put("type", "flood").put("severity", 1).put("lat", 33.7)
        .put("lon", 114.5));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.bodyAsJsonObject().getString("message")).contains("flood");
    assertThat(node.post("/api/incidents", new JsonObject().put("type", "fire").put("severity", 7).put("lat", 33.7)
        .put("lon", 114.5)).statusCode()).isEqualTo(400);

    String id = report(node, "fire", 33.95, 114.75).getString("id");
    try (var c = TestDatabase.connect("postgres"); ResultSet rs = c.createStatement().executeQuery(
            "select count(*) from incident_events where incident_id = '" + id + "' and kind = 'created'")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(1);
    }
    // nobody is near: dispatch has escalated on its own to the plan's last level
    await().until(() -> incident(node, id).getInteger("level") == 2);
    // actions need no body, and refusals say why
    var again = node.post("/api/incidents/" + id + "/escalate", null);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.bodyAsJsonObject().getString("error")).isEqualTo("max_level");
    assertThat(node.post("/api/incidents/" + id + "/cancel", null).statusCode()).isEqualTo(200);
    assertThat(node.post("/api/incidents/" + id + "/close", null).statusCode()).isEqualTo(200);
    assertThat(node.post("/api/incidents/" + id + "/close", null).statusCode()).isEqualTo(409);
  }

  @Test
  void withTheDatabaseGoneAReportIs503AndNothingHalfExists() throws Exception {
    TestDatabase.execute("postgres", null, "alter table incident_events rename to incident_events_away");
    try {
      var r = node.post("/api/incidents", new JsonObject().put("type", "other").put("severity", 1).put("lat", 33.615)
          .put("lon", 114.33));
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("database_unavailable");
    } finally {
      TestDatabase.execute("postgres", null, "alter table incident_events_away rename to incident_events");
    }
    var open = node.get("/api/incidents?status=all").bodyAsJsonArray();
    assertThat(open.stream().map(JsonObject.class::cast).filter(i -> i.getDouble("lat") == 33.615)).isEmpty();
  }

  @Test
  void anOfferWhoseOrderCannotBeStoredIsNotMadeAndTheUnitStaysFree() throws Exception {
    double lat = 33.96;
    double lon = 114.45;
    try (TestDevice d = device(node, "dev-aux-0111", lat + 0.002, lon)) {
      TestDatabase.execute("postgres", null, "create or replace function refuse_order() returns trigger language plpgsql"
          + " as $$ begin raise exception 'order refused'; end $$");
      TestDatabase.execute("postgres", null, "create trigger refuse_order before insert on device_orders for each row"
          + " when (new.device_id = 'dev-aux-0111') execute function refuse_order()");
      try {
        // the first offer belongs to the incident's first decision: neither is stored, so neither happened
        var r = node.post("/api/incidents", new JsonObject().put("type", "fire").put("severity", 1).put("lat", lat)
            .put("lon", lon));
        assertThat(r.statusCode()).isEqualTo(503);
      } finally {
        TestDatabase.execute("postgres", null, "drop trigger refuse_order on device_orders");
      }
      var all = node.get("/api/incidents?status=all").bodyAsJsonArray();
      assertThat(all.stream().map(JsonObject.class::cast).filter(i -> i.getDouble("lat") == lat)).isEmpty();
      String id = report(node, "fire", lat, lon).getString("id");
      JsonObject offer = d.nextOrder("offer");
      assertThat(offer.getString("incidentId")).as("the unit was not left claimed").isEqualTo(id);
      node.post("/api/incidents/" + id + "/cancel", new JsonObject());
    }
  }

  @Test
  void afterARestartMidDispatchTheLoopResumes() throws Exception {
    double lat = 33.62;
    double lon = 114.70;
    TestDevice a = device(node, "dev-aux-0110", lat + 0.002, lon);
    String id = report(node, "traffic", lat, lon).getString("id");
    JsonObject offer = a.nextOrder("offer");
    node.close(); // the node goes away while the offer is pending; the phone just loses its connection
    a.kill();

    node = TestNode.start(Map.of(Keys.DISPATCH_PLANS, plans.toString(), Keys.DISPATCH_ROAD_ENABLED, false));
    a.reconnect(node);
    a.reply(offer, "accept");
    await().until(() -> "assigned".equals(incident(node, id).getString("status")));
    assertThat(timeline(node, id)).containsSubsequence("created", "offer_sent", "accepted");
    a.close();
    node.post("/api/incidents/" + id + "/resolve", new JsonObject());
  }
}
