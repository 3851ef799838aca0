package org.lamplight.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lamplight.Await.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.lamplight.NodeProcess;
import org.lamplight.TestDatabase;
import org.lamplight.TestDevice;

/**
 * Three nodes in separate JVMs on one PostgreSQL, with Paho devices: orders cross nodes, the
 * console of any node sees the whole county, claims hold across the cluster, and the incidents
 * of a node killed with SIGKILL are finished by another. The tests share the cluster and run in
 * order (the last kills a node); each works in its own corner of the demo county.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

  /** traffic: long offers (nobody times out during a test); security: short offers, to time out after a kill. */
  static final String PLANS = """
      plans:
        - type: traffic
          severity: 1
          units: 1
          notify_officer: false
          assign_officer: false
          offer_timeout_ms: 60000
          radius_m: 2000
          max_fix_age_ms: 600000
          levels: []
        - type: security
          severity: 1
          units: 1
          notify_officer: false
          assign_officer: false
          offer_timeout_ms: 4000
          radius_m: 2000
          max_fix_age_ms: 600000
          levels: []
      """;
  /** Cluster start-up (three JVMs on two cores) and failover get more than the usual deadline. */
  static final Duration SLOW = Duration.ofSeconds(120);

  static List<NodeProcess> nodes;
  static final List<TestDevice> devices = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    TestDatabase.resetRuntimeTables();
    Path plans = Files.createTempFile("cluster-plans", ".yaml");
    Files.writeString(plans, PLANS);
    // units are placed by straight-line distance; road ranking has tests of its own
    nodes = NodeProcess.startCluster(3, Map.of("LAMPLIGHT_DISPATCH_PLANS", plans.toString(),
            "LAMPLIGHT_DISPATCH_ROAD_ENABLED", "false"),
        List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    for (NodeProcess n : nodes) {
      await().atMost(SLOW).until(n::ready);
    }
    for (NodeProcess n : nodes) {
      await().atMost(SLOW).until(() -> n.members().size() == 3);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (TestDevice d : devices) {
      try {
        d.close();
      } catch (Exception e) {
        // its node is gone
      }
    }
    if (nodes != null) {
      nodes.forEach(NodeProcess::terminate);
      for (NodeProcess n : nodes) {
        n.close();
      }
    }
  }

  static NodeProcess node(int i) {
    return nodes.get(i - 1);
  }

  /** A device connected to {@code at}, placed at (lat, lon), and seen there by every live node. */
  static TestDevice device(NodeProcess at, String deviceId, double lat, double lon) throws Exception {
    TestDevice d = TestDevice.connect(at.mqttPort(), deviceId, at.issueSecret(deviceId));
    devices.add(d);
    d.at(lat, lon);
    for (NodeProcess n : nodes) {
      if (n.alive()) {
        await().until(() -> {
          JsonObject u = n.getJson("/api/units/" + d.unitId());
          JsonObject p = u.getJsonObject("position");
          return u.getBoolean("online") && p != null && Math.abs(p.getDouble("lat") - lat) < 1e-9;
        });
      }
    }
    return d;
  }

  static JsonObject report(NodeProcess n, String type, double lat, double lon) {
    var r = n.post("/api/incidents", new JsonObject().put("type", type).put("severity", 1).put("lat", lat).put("lon", lon)
        .put("description", "cluster test"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return NodeProcess.json(r);
  }

  static JsonObject incident(NodeProcess n, String id) {
    return n.getJson("/api/incidents/" + id);
  }

  static String assignmentStatus(JsonObject incident, String unitId) {
    return incident.getJsonArray("assignments").stream().map(JsonObject.class::cast)
        .filter(a -> unitId.equals(a.getString("unitId"))).map(a -> a.getString("status")).reduce((a, b) -> b).orElse(null);
  }

  /** A console's live feed on {@code n}: every message it receives, in order. */
  static Queue<JsonObject> console(NodeProcess n) {
    Queue<JsonObject> messages = new ConcurrentLinkedQueue<>();
    n.console(messages::add);
    return messages;
  }

  @Test
  @Order(1)
  void membersStartingTogetherDoNotWarnThatTheyHadNoStateToCopy() throws Exception {
    for (NodeProcess n : nodes) {
      // a member that has not begun to serve has no live state to give: no fault of either node
      assertThat(n.output()).as(n.name()).noneMatch(l -> l.contains("could not copy the live state"));
    }
  }

  @Test
  @Order(1)
  void anIncidentOnOneNodeReachesADeviceOnAnotherAndEveryConsoleSeesIt() throws Exception {
    double lat = 33.74;
    double lon = 114.52;
    Queue<JsonObject> console3 = console(node(3));
    TestDevice d = device(node(1), "dev-aux-0301", lat + 0.002, lon);

    String id = report(node(2), "traffic", lat, lon).getString("id");
    JsonObject offer = d.nextOrder("offer");
    assertThat(offer.getString("incidentId")).isEqualTo(id);
    d.reply(offer, "accept");
    assertThat(accepted(id, "aux-0301")).as("stored by the owning node before the device's node acknowledged it")
        .isTrue();

    await().until(() -> console3.stream().anyMatch(m -> "incident".equals(m.getString("type"))
        && id.equals(m.getJsonObject("incident").getString("id"))
        && "accepted".equals(m.getJsonObject("event").getString("event"))
        && "assigned".equals(m.getJsonObject("incident").getString("status"))));
    await().until(() -> "assigned".equals(node(3).getJson("/api/units/aux-0301").getString("status")));

    // some 40 m: within GPS scatter, so the move is plausible however soon it follows the last fix
    d.at(lat + 0.0024, lon);
    await().until(() -> console3.stream().filter(m -> "units".equals(m.getString("type")))
        .flatMap(m -> m.getJsonArray("units").stream().map(JsonObject.class::cast))
        .anyMatch(u -> "aux-0301".equals(u.getString("id")) && u.getJsonArray("fix") != null
            && Math.abs(u.getJsonArray("fix").getDouble(0) - (lat + 0.0024)) < 1e-9));

    // a command on a node that does not own the incident is forwarded to the owner
    var resolved = node(3).post("/api/incidents/" + id + "/resolve", new JsonObject());
    assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
    assertThat(NodeProcess.json(resolved).getString("status")).isEqualTo("resolved");
    await().until(() -> "available".equals(node(1).getJson("/api/units/aux-0301").getString("status")));
  }

  @Test
  @Order(2)
  void incidentsRacingOnEveryNodeForFewUnitsNeverShareOne() throws Exception {
    double lat = 33.80;
    double lon = 114.58;
    List<String> units = List.of("aux-0311", "aux-0312", "aux-0313", "aux-0314");
    List<TestDevice> ds = new ArrayList<>();
    for (int i = 0; i < units.size(); i++) {
      ds.add(device(node(i % 3 + 1), "dev-" + units.get(i), lat + 0.001 * (i + 1), lon));
    }

    int perNode = 4;
    ExecutorService pool = Executors.newFixedThreadPool(3 * perNode);
    List<Future<JsonObject>> created = new ArrayList<>();
    try {
      for (int i = 0; i < 3 * perNode; i++) {
        NodeProcess n = node(i % 3 + 1);
        created.add(pool.submit(() -> report(n, "traffic", lat, lon)));
      }
      List<String> ids = new ArrayList<>();
      List<String> numbers = new ArrayList<>();
      for (Future<JsonObject> f : created) {
        JsonObject incident = f.get(60, TimeUnit.SECONDS);
        ids.add(incident.getString("id"));
        numbers.add(incident.getString("number"));
      }
      assertThat(numbers).as("incident numbers taken on three nodes at once").doesNotHaveDuplicates()
          .allMatch(n -> n.matches("\\d{8}-\\d{4}"));

      // every unit ends up offered to exactly one incident; the other incidents find everyone busy
      await().until(() -> activeAssignmentsByUnit(ids).size() == units.size());
      Map<String, List<String>> held = activeAssignmentsByUnit(ids);
      held.forEach((unit, incidents) -> assertThat(incidents).as(unit + " holds").hasSize(1));
      assertThat(held.keySet()).containsExactlyInAnyOrderElementsOf(units);
      for (TestDevice d : ds) {
        d.nextOrder("offer");
        assertThat(d.orders().stream().filter(o -> "offer".equals(o.getString("action")))).as(d.unitId()).isEmpty();
      }

      for (int i = 0; i < ids.size(); i++) {
        var r = node((i + 1) % 3 + 1).post("/api/incidents/" + ids.get(i) + "/cancel", new JsonObject());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** unit → incidents in which it has an active (offered, accepted, ...) assignment, from the database. */
  static Map<String, List<String>> activeAssignmentsByUnit(List<String> ids) throws Exception {
    Map<String, List<String>> out = new HashMap<>();
    try (Connection c = database(); ResultSet rs = c.createStatement().executeQuery(
        "select id::text, state from incidents where id::text in ('" + String.join("','", ids) + "')")) {
      while (rs.next()) {
        JsonArray assignments = new JsonObject(rs.getString(2)).getJsonArray("assignments");
        for (Object o : assignments) {
          JsonObject a = (JsonObject) o;
          if (List.of("offered", "accepted", "enroute", "on_scene").contains(a.getString("status"))) {
            out.computeIfAbsent(a.getString("unitId"), k -> new ArrayList<>()).add(rs.getString(1));
          }
        }
      }
    }
    return out;
  }

  @Test
  @Order(3)
  void anAlertIsTheSameOnEveryNodeAndAnAcknowledgementOnOneShowsOnAll() throws Exception {
    Queue<JsonObject> console2 = console(node(2));
    TestDevice d = device(node(1), "dev-aux-0331", 33.75, 114.35);
    d.sos();
    await().until(() -> nodes.stream().allMatch(n -> sosAlert(n, "aux-0331") != null));
    long id = sosAlert(node(1), "aux-0331").getLong("id");
    assertThat(nodes).allSatisfy(n -> assertThat(sosAlert(n, "aux-0331").getLong("id")).isEqualTo(id));

    var acked = node(3).post("/api/alerts/" + id + "/acknowledge", new JsonObject());
    assertThat(acked.statusCode()).as(acked.body()).isEqualTo(200);
    await().until(() -> console2.stream().anyMatch(m -> "alert".equals(m.getString("type"))
        && m.getJsonObject("alert").getLong("id") == id && m.getJsonObject("alert").getBoolean("acknowledged")));
    assertThat(sosAlert(node(1), "aux-0331").getString("acknowledgedBy")).isEqualTo("admin");
  }

  static JsonObject sosAlert(NodeProcess n, String unitId) {
    var r = n.get("/api/alerts");
    return new JsonArray(r.body()).stream().map(JsonObject.class::cast)
        .filter(a -> "sos".equals(a.getString("code")) && unitId.equals(a.getString("unitId"))).findFirst().orElse(null);
  }

  @Test
  @Order(4)
  void whenTheOwnerIsKilledAnotherNodeFinishesItsDispatch() throws Exception {
    double lat = 33.66;
    double lon = 114.46;
    TestDevice first = device(node(1), "dev-aux-0321", lat + 0.002, lon);
    NodeProcess owner = node(2);
    TestDevice second = device(owner, "dev-aux-0322", lat + 0.006, lon);
    String id = report(owner, "security", lat, lon).getString("id");
    // nobody near this one: it stays dispatching, waiting for a dispatcher
    String stranded = report(owner, "traffic", 33.97, 114.78).getString("id");
    first.nextOrder("offer"); // and never answers

    owner.kill();
    long killedAt = System.currentTimeMillis();

    // the offer times out on the node that took the incident over and goes to the next unit,
    // whose phone lost its node: the order waits in PostgreSQL until it reconnects elsewhere
    await().atMost(SLOW).until(() -> "offered".equals(assignmentStatus(incident(node(1), id), "aux-0322")));
    System.out.printf("next unit offered %d ms after the owner was killed%n", System.currentTimeMillis() - killedAt);
    second.reconnect(node(3).mqttPort());
    JsonObject offer = second.nextOrder("offer");
    assertThat(offer.getString("incidentId")).isEqualTo(id);
    second.reply(offer, "accept");
    assertThat(accepted(id, "aux-0322")).as("routed to the new owner and stored before acknowledged").isTrue();
    await().until(() -> "assigned".equals(incident(node(1), id).getString("status")));
    JsonObject done = incident(node(3), id);
    assertThat(assignmentStatus(done, "aux-0321")).isEqualTo("timed_out");
    assertThat(assignmentStatus(done, "aux-0322")).isEqualTo("accepted");

    // a dispatcher's command about the dead node's other incident is applied by its new owner
    await().atMost(SLOW).until(() -> node(3).post("/api/incidents/" + stranded + "/cancel", new JsonObject()).statusCode() == 200);
    assertThat(incident(node(1), stranded).getString("status")).isEqualTo("cancelled");

    for (String incident : List.of(id, stranded)) {
      List<Integer> seqs = new ArrayList<>();
      List<String> kinds = new ArrayList<>();
      try (Connection c = database(); ResultSet rs = c.createStatement().executeQuery(
          "select seq, kind, details->>'order_id' from incident_events where incident_id = '" + incident + "' order by seq")) {
        while (rs.next()) {
          seqs.add(rs.getInt(1));
          kinds.add(rs.getString(2) + (rs.getString(3) == null ? "" : ":" + rs.getString(3)));
        }
      }
      assertThat(seqs).as("event log of " + incident).isEqualTo(java.util.stream.IntStream.rangeClosed(1, seqs.size()).boxed().toList());
      assertThat(kinds.stream().filter(k -> k.equals("created") || k.contains(":")).toList())
          .as("no event applied twice").doesNotHaveDuplicates();
    }
    assertThat(incident(node(1), id).getJsonArray("timeline").stream().map(e -> ((JsonObject) e).getString("event")).toList())
        .containsSubsequence("created", "offer_sent", "timed_out", "offer_sent", "accepted");

    // the node comes back: before it serves, it has copied a member's live state
    NodeProcess back = owner.restarted();
    nodes.set(1, back);
    await().atMost(SLOW).until(back::ready);
    JsonObject elsewhere = back.getJson("/api/units/aux-0321");
    assertThat(elsewhere.getBoolean("online")).isTrue();
    assertThat(elsewhere.getJsonObject("position").getDouble("lat")).isEqualTo(lat + 0.002);
    assertThat(back.getJson("/api/units/aux-0322").getString("status")).isEqualTo("assigned");
  }

  /** Whether the incident's stored timeline has the unit's acceptance. */
  static boolean accepted(String incidentId, String unitId) throws Exception {
    try (Connection c = database(); ResultSet rs = c.createStatement().executeQuery("select count(*) from incident_events"
        + " where incident_id = '" + incidentId + "' and kind = 'accepted' and unit_id = '" + unitId + "'")) {
      rs.next();
      return rs.getInt(1) == 1;
    }
  }

  static Connection database() throws Exception {
    return TestDatabase.connect("postgres");
  }
}
