package org.lamplight.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lamplight.Await.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.TestDatabase;
import org.lamplight.TestDevice;
import org.lamplight.TestNode;
import org.lamplight.TestTraccarClient;
import org.lamplight.config.Key;
import org.lamplight.config.Keys;
import org.lamplight.domain.org.Device;
import org.lamplight.domain.org.UnitKind;
import org.lamplight.domain.tracking.FixSource;
import org.lamplight.domain.tracking.PositionFix;
import org.lamplight.domain.tracking.UnitView;

/**
 * What a county command centre must be able to trust, end to end with real devices (Paho and
 * mosquitto_pub over MQTT, Traccar Client requests over HTTP) and real consoles on the WebSocket
 * feed: incident numbers people can say on the phone, alerts and refusals as codes with
 * parameters, alerts scoped to stations and acknowledged. Each test works in its own corner of
 * the demo county, with units placed by straight-line distance.
 */
class CommandCentreIT {

  static TestNode node;
  static Vertx vertx;
  static WebSocketClient feeds;

  /** Long offers, so that nothing times out unless a test waits for it. */
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
        - type: rescue
          severity: 1
          units: 1
          notify_officer: false
          assign_officer: false
          offer_timeout_ms: 120000
          escalate_after_ms: 20000
          radius_m: 2000
          max_fix_age_ms: 600000
          levels:
            - radius_m: 2500
              notify_station: true
      """;
  static Path plans;

  @BeforeAll
  static void start() throws Exception {
    plans = Files.createTempFile("plans", ".yaml");
    Files.writeString(plans, PLANS);
    TestDatabase.resetRuntimeTables();
    node = TestNode.start(config());
    vertx = Vertx.vertx();
    feeds = vertx.createWebSocketClient();
  }

  static Map<Key<?>, Object> config() {
    return Map.of(Keys.DISPATCH_PLANS, plans.toString(), Keys.DISPATCH_ROAD_ENABLED, false,
        Keys.ALERTS_REPEAT, "1s", Keys.PRESENCE_GRACE, "1s", Keys.DISPATCH_MASS_DISCONNECT_WINDOW, "2s",
        Keys.DISPATCH_MASS_DISCONNECT_UNITS, 6, Keys.DISPATCH_CLEARED_REMINDER, "3s");
  }

  @AfterAll
  static void stop() {
    feeds.close();
    vertx.close();
    node.close();
    TestDatabase.execute("postgres", null, "delete from devices where id = 'trk-aux-0440'");
  }

  /** A console's live feed: every message it received, in order. */
  record Console(WebSocket ws, List<JsonObject> messages) {
    List<JsonObject> alerts() {
      return messages.stream().filter(m -> "alert".equals(m.getString("type"))).toList();
    }

    List<JsonObject> alertsOf(String code, String unitId) {
      return alerts().stream().filter(m -> code.equals(m.getJsonObject("alert").getString("code"))
          && unitId.equals(m.getJsonObject("alert").getString("unitId"))).toList();
    }
  }

  static Console console(String token) throws Exception {
    List<JsonObject> messages = new CopyOnWriteArrayList<>();
    // the handler is in place before the socket opens, so not even the snapshot can slip past it
    ClientWebSocket ws = feeds.webSocket();
    ws.textMessageHandler(text -> messages.add(new JsonObject(text)));
    ws.connect(node.httpPort(), "localhost", "/ws?token=" + token).toCompletionStage().toCompletableFuture()
        .get(20, TimeUnit.SECONDS);
    await().until(() -> messages.stream().anyMatch(m -> "snapshot".equals(m.getString("type"))));
    return new Console(ws, messages);
  }

  /** A station dispatcher's token. */
  static String stationToken(String username, String stationId) {
    var created = node.post("/api/accounts", new JsonObject().put("username", username).put("password", "station-desk-pw")
        .put("role", "station").put("stations", new JsonArray().add(stationId)));
    assertThat(created.statusCode()).isIn(201, 409);
    return node.post("/api/login", new JsonObject().put("username", username).put("password", "station-desk-pw"), null)
        .bodyAsJsonObject().getString("token");
  }

  static UnitView auxiliaryOf(String stationId) {
    return node.node().tracking().units().all().stream()
        .filter(u -> stationId.equals(u.person().stationId()) && u.person().kind() == UnitKind.AUXILIARY)
        .findFirst().orElseThrow();
  }

  /** mosquitto_pub as the unit's device raising an SOS. */
  static void sos(UnitView unit) throws Exception {
    String deviceId = unit.deviceId();
    Process p = new ProcessBuilder("mosquitto_pub", "-h", "localhost", "-p", String.valueOf(node.node().gateway().mqttPort()),
        "-i", deviceId, "-u", deviceId, "-P", node.issueSecret(deviceId), "-q", "1", "-V", "mqttv311",
        "-t", "lamplight/devices/" + deviceId + "/status", "-m", "{\"duty\":\"on\",\"state\":\"sos\"}")
        .redirectErrorStream(true).start();
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
  }

  static List<JsonObject> alerts(String token) {
    return node.get("/api/alerts", token).bodyAsJsonArray().stream().map(JsonObject.class::cast).toList();
  }

  static TestDevice device(String deviceId, double lat, double lon) throws Exception {
    TestDevice d = TestDevice.connect(node, deviceId);
    d.at(lat, lon);
    await().until(() -> {
      JsonObject u = node.get("/api/units/" + d.unitId()).bodyAsJsonObject();
      JsonObject p = u.getJsonObject("position");
      return u.getBoolean("online") && p != null && Math.abs(p.getDouble("lat") - lat) < 1e-9;
    });
    return d;
  }

  static JsonObject report(String type, int severity, double lat, double lon) {
    var r = node.post("/api/incidents", new JsonObject().put("type", type).put("severity", severity).put("lat", lat)
        .put("lon", lon).put("description", "command centre test"));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject();
  }

  static JsonObject incident(String idOrNumber) {
    return node.get("/api/incidents/" + idOrNumber).bodyAsJsonObject();
  }

  static List<JsonObject> incidents(String status) {
    return node.get("/api/incidents?status=" + status).bodyAsJsonArray().stream().map(JsonObject.class::cast).toList();
  }

  // ---- 7: incident numbers -----------------------------------------------------------------------

  @Test
  void incidentsGetNumbersPeopleCanSayOnThePhoneCountedPerDayInTheCountysTimeZone() throws Exception {
    double lat = 33.71;
    double lon = 114.66;
    String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).format(DateTimeFormatter.BASIC_ISO_DATE);
    try (TestDevice d = device("dev-aux-0401", lat + 0.002, lon)) {
      JsonObject first = report("traffic", 1, lat, lon);
      JsonObject second = report("other", 1, 33.97, 114.79);
      assertThat(first.getString("number")).matches(today + "-\\d{4}");
      int n = Integer.parseInt(first.getString("number").substring(9));
      assertThat(second.getString("number")).isEqualTo(today + "-" + String.format("%04d", n + 1));

      JsonObject offer = d.nextOrder("offer");
      assertThat(offer.getString("incidentNumber")).as("the device shows the number").isEqualTo(first.getString("number"));
      JsonObject byNumber = incident(first.getString("number"));
      assertThat(byNumber.getString("id")).isEqualTo(first.getString("id"));
      assertThat(byNumber.getJsonArray("timeline")).isNotEmpty();
      assertThat(incidents("open")).filteredOn(i -> i.getString("id").equals(second.getString("id")))
          .singleElement().satisfies(i -> assertThat(i.getString("number")).isEqualTo(second.getString("number")));
      assertThat(node.get("/api/incidents/" + today + "-9999").statusCode()).isEqualTo(404);
      for (JsonObject i : List.of(first, second)) {
        node.post("/api/incidents/" + i.getString("id") + "/cancel", new JsonObject());
      }
    }
  }

  // ---- 5: alerts follow station scope and can be acknowledged -------------------------------------

  @Test
  void alertsReachOnlyTheirStationsConsolesAndStopRepeatingOnceAcknowledged() throws Exception {
    UnitView mine = auxiliaryOf("S01");
    UnitView other = auxiliaryOf("S07");
    String desk = stationToken("s01-alerts", "S01");
    Console station = console(desk);
    Console county = console(node.token());

    sos(mine);
    sos(other);
    await().until(() -> !county.alertsOf("sos", mine.person().id()).isEmpty() && !county.alertsOf("sos", other.person().id()).isEmpty());
    JsonObject raised = county.alertsOf("sos", mine.person().id()).get(0).getJsonObject("alert");
    assertThat(raised.getString("stationId")).isEqualTo("S01");
    assertThat(raised.getBoolean("acknowledged")).isFalse();
    await().until(() -> !station.alertsOf("sos", mine.person().id()).isEmpty());
    assertThat(station.alertsOf("sos", other.person().id())).as("another station's alert").isEmpty();
    assertThat(alerts(desk)).extracting(a -> a.getString("unitId")).contains(mine.person().id())
        .doesNotContain(other.person().id());
    assertThat(alerts(node.token())).extracting(a -> a.getString("unitId")).contains(mine.person().id(), other.person().id());

    // nobody has acknowledged it: it comes again
    await().until(() -> station.alertsOf("sos", mine.person().id()).stream().anyMatch(m -> m.getBoolean("repeat", false)));

    long id = raised.getLong("id");
    long otherId = county.alertsOf("sos", other.person().id()).get(0).getJsonObject("alert").getLong("id");
    assertThat(node.post("/api/alerts/" + otherId + "/acknowledge", null, desk).statusCode()).isEqualTo(404);
    var acked = node.post("/api/alerts/" + id + "/acknowledge", null, desk);
    assertThat(acked.statusCode()).as(acked.bodyAsString()).isEqualTo(200);
    assertThat(acked.bodyAsJsonObject().getString("acknowledgedBy")).isEqualTo("s01-alerts");
    long ackedAt = acked.bodyAsJsonObject().getLong("acknowledgedAt");
    var again = node.post("/api/alerts/" + id + "/acknowledge", null, node.token());
    assertThat(again.bodyAsJsonObject().getString("acknowledgedBy")).as("the first acknowledgement stays").isEqualTo("s01-alerts");
    await().until(() -> county.alertsOf("sos", mine.person().id()).stream()
        .anyMatch(m -> m.getJsonObject("alert").getBoolean("acknowledged")));
    assertThat(alerts(node.token())).filteredOn(a -> a.getLong("id") == id).singleElement()
        .satisfies(a -> assertThat(a.getLong("acknowledgedAt")).isEqualTo(ackedAt));

    int seen = station.alertsOf("sos", mine.person().id()).size();
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
        .until(() -> station.alertsOf("sos", mine.person().id()).size() == seen);
    await().until(() -> county.alertsOf("sos", other.person().id()).stream().filter(m -> m.getBoolean("repeat", false)).count() >= 2);
    station.ws().close();
    county.ws().close();
  }

  // ---- 6: codes with parameters beside plain English -----------------------------------------------

  @Test
  void alertsAndRefusalsTravelAsCodesWithParametersBesidePlainEnglish() throws Exception {
    double lat = 33.62;
    double lon = 114.42;
    try (TestDevice d = device("dev-aux-0402", lat + 0.002, lon)) {
      JsonObject created = report("traffic", 1, lat, lon);
      String id = created.getString("id");
      d.nextOrder("offer");
      // nobody else near: a manual escalation is refused at the plan's only level, with the level as a parameter
      var refused = node.post("/api/incidents/" + id + "/escalate", null);
      assertThat(refused.statusCode()).isEqualTo(409);
      assertThat(refused.bodyAsJsonObject().getString("error")).isEqualTo("max_level");
      assertThat(refused.bodyAsJsonObject().getJsonObject("params").getInteger("level")).isEqualTo(1);
      assertThat(refused.bodyAsJsonObject().getString("message")).contains("last escalation level");

      JsonObject other = report("traffic", 1, 33.97, 114.79);
      var busy = node.post("/api/incidents/" + other.getString("id") + "/assign", new JsonObject().put("unitId", "aux-0402"));
      assertThat(busy.statusCode()).isEqualTo(409);
      assertThat(busy.bodyAsJsonObject().getString("error")).isEqualTo("unit_busy");
      assertThat(busy.bodyAsJsonObject().getJsonObject("params").getString("unitId")).isEqualTo("aux-0402");

      // the second incident has nobody within reach: its shortfall alert carries its number and the reason
      await().until(() -> alerts(node.token()).stream().anyMatch(a -> other.getString("id").equals(a.getString("incidentId"))
          && "shortfall".equals(a.getString("code"))));
      JsonObject shortfall = alerts(node.token()).stream()
          .filter(a -> other.getString("id").equals(a.getString("incidentId")) && "shortfall".equals(a.getString("code")))
          .findFirst().orElseThrow();
      assertThat(shortfall.getJsonObject("params").getString("incidentNumber")).isEqualTo(other.getString("number"));
      assertThat(shortfall.getJsonObject("params").getInteger("missingUnits")).isEqualTo(1);
      assertThat(shortfall.getString("message")).startsWith("Incident " + other.getString("number") + ": ");
      for (JsonObject i : List.of(created, other)) {
        node.post("/api/incidents/" + i.getString("id") + "/cancel", new JsonObject());
      }
    }
  }

  // ---- 1: offers a device can never see ------------------------------------------------------------

  @Test
  void aUnitOnTraccarClientIsNeverWaitedOnButPhonedByADispatcherWhoAnswersForIt() throws Exception {
    double lat = 33.86;
    double lon = 114.66;
    TestTraccarClient traccar = TestTraccarClient.of(node, "dev-aux-0403");
    traccar.at(lat + 0.001, lon);
    await().until(() -> node.get("/api/units/aux-0403").bodyAsJsonObject().getJsonObject("position") != null);
    assertThat(node.get("/api/units/aux-0403").bodyAsJsonObject().getString("channel")).isEqualTo("none");
    try (TestDevice app = device("dev-aux-0404", lat + 0.006, lon)) {
      String id = report("traffic", 1, lat, lon).getString("id");
      JsonObject offer = app.nextOrder("offer");
      assertThat(offer.getString("incidentId")).as("the unit that can see the offer gets it first").isEqualTo(id);
      assertThat(assignment(id, "aux-0403")).as("the nearer unit on Traccar Client is not waited on").isNull();

      app.reply(offer, "decline");
      await().until(() -> assignment(id, "aux-0403") != null);
      JsonObject phoned = assignment(id, "aux-0403");
      assertThat(phoned.getString("status")).isEqualTo("offered");
      assertThat(phoned.getBoolean("byPhone")).isTrue();
      await().until(() -> alerts(node.token()).stream().anyMatch(a -> "phone_task".equals(a.getString("code"))
          && id.equals(a.getString("incidentId"))));
      JsonObject task = alerts(node.token()).stream().filter(a -> "phone_task".equals(a.getString("code"))
          && id.equals(a.getString("incidentId"))).findFirst().orElseThrow();
      UnitView unit = node.node().tracking().units().unit("aux-0403").orElseThrow();
      assertThat(task.getJsonObject("params").getString("unitName")).isEqualTo(unit.person().name());
      assertThat(task.getJsonObject("params").getString("phone")).isEqualTo(unit.person().phone()).isNotBlank();
      assertThat(task.getJsonObject("params").getLong("expiresAt")).isEqualTo(phoned.getLong("expiresAt"));

      var answered = node.post("/api/incidents/" + id + "/assignments/aux-0403/answer", new JsonObject().put("action", "accept"));
      assertThat(answered.statusCode()).as(answered.bodyAsString()).isEqualTo(200);
      assertThat(answered.bodyAsJsonObject().getString("status")).isEqualTo("assigned");
      assertThat(assignment(id, "aux-0403").getString("status")).isEqualTo("accepted");
      JsonObject accepted = incident(id).getJsonArray("timeline").stream().map(JsonObject.class::cast)
          .filter(e -> "accepted".equals(e.getString("event"))).findFirst().orElseThrow();
      assertThat(accepted.getString("actor")).isEqualTo("admin");
      assertThat(accepted.getJsonObject("details").getBoolean("for_unit")).isTrue();
      try (var c = TestDatabase.connect("postgres"); ResultSet rs = c.createStatement().executeQuery(
          "select actor from audit_log where action = 'answer' and target = '" + id + "'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("admin");
      }
      node.post("/api/incidents/" + id + "/cancel", new JsonObject());
    }
  }

  @Test
  void aUnitWhoseFieldAppDropsWhileItsTraccarClientStillReportsStaysOnTheIncidentMarkedUnreachable() throws Exception {
    double lat = 33.72;
    double lon = 114.46;
    secondDevice("trk-aux-0440", "aux-0440");
    TestTraccarClient traccar = TestTraccarClient.of(node, "trk-aux-0440");
    TestDevice app = device("dev-aux-0440", lat + 0.001, lon);
    try (TestDevice next = device("dev-aux-0441", lat + 0.006, lon)) {
      traccar.at(lat + 0.001, lon);
      assertThat(node.get("/api/units/aux-0440").bodyAsJsonObject().getString("channel")).isEqualTo("orders");
      String id = report("traffic", 1, lat, lon).getString("id");
      app.reply(app.nextOrder("offer"), "accept");
      await().until(() -> "assigned".equals(incident(id).getString("status")));

      app.kill(); // the field app loses its connection; Traccar Client goes on reporting over HTTP
      await().until(() -> {
        traccar.at(lat + 0.002, lon);
        return assignment(id, "aux-0440").getBoolean("unreachable");
      });
      JsonObject unit = node.get("/api/units/aux-0440").bodyAsJsonObject();
      assertThat(unit.getBoolean("online")).as("its positions still come in").isTrue();
      assertThat(unit.getString("channel")).isEqualTo("none");
      assertThat(assignment(id, "aux-0440").getString("status")).isEqualTo("accepted");
      assertThat(incident(id).getString("status")).isEqualTo("assigned");
      assertThat(assignment(id, "aux-0441")).as("nobody replaces a unit on its way").isNull();
      await().until(() -> alertsAbout(id, "unit_offline_assigned").size() == 1);
      assertThat(alertsAbout(id, "unit_offline_assigned").get(0).getJsonObject("params").getBoolean("tracked")).isTrue();

      app.reconnect(node);
      await().until(() -> !assignment(id, "aux-0440").getBoolean("unreachable"));
      assertThat(timeline(id)).endsWith("unit_reachable");
      assertThat(next.orders()).isEmpty();
      node.post("/api/incidents/" + id + "/resolve", new JsonObject());
    } finally {
      app.close();
    }
  }

  /** Gives a demo unit a second device, as an import of the county's devices.csv would. */
  static void secondDevice(String deviceId, String unitId) throws Exception {
    TestDatabase.execute("postgres", null, "insert into devices (id, unit_id) values ('" + deviceId + "', '" + unitId
        + "') on conflict (id) do nothing");
    var live = node.node().tracking().units();
    List<UnitView> units = live.all();
    List<Device> devices = new ArrayList<>(units.stream().filter(u -> u.deviceId() != null)
        .map(u -> new Device(u.deviceId(), u.person().id())).toList());
    devices.add(new Device(deviceId, unitId));
    live.reconcile(units.stream().map(UnitView::person).toList(), devices);
  }

  static JsonObject assignment(String incidentId, String unitId) {
    return incident(incidentId).getJsonArray("assignments").stream().map(JsonObject.class::cast)
        .filter(a -> unitId.equals(a.getString("unitId"))).reduce((a, b) -> b).orElse(null);
  }

  // ---- 2: connectivity loss --------------------------------------------------------------------------

  @Test
  void anAssignedUnitThatLosesItsConnectionStaysAssignedMarkedUnreachableWithOneAlert() throws Exception {
    double lat = 33.64;
    double lon = 114.56;
    TestDevice near = device("dev-aux-0405", lat + 0.002, lon);
    try (TestDevice next = device("dev-aux-0406", lat + 0.006, lon)) {
      String id = report("traffic", 1, lat, lon).getString("id");
      near.reply(near.nextOrder("offer"), "accept");
      await().until(() -> "assigned".equals(incident(id).getString("status")));

      near.kill(); // coverage drops: no DISCONNECT
      await().until(() -> assignment(id, "aux-0405").getBoolean("unreachable"));
      JsonObject kept = incident(id);
      assertThat(assignment(id, "aux-0405").getString("status")).isEqualTo("accepted");
      assertThat(kept.getString("status")).isEqualTo("assigned");
      assertThat(kept.getInteger("level")).isEqualTo(1);
      assertThat(assignment(id, "aux-0406")).as("nobody replaces a unit on its way").isNull();
      assertThat(timeline(id)).contains("unit_unreachable").doesNotContain("escalated", "released");
      await().until(() -> alertsAbout(id, "unit_offline_assigned").size() == 1);

      near.reconnect(node);
      await().until(() -> !assignment(id, "aux-0405").getBoolean("unreachable"));
      assertThat(timeline(id)).endsWith("unit_reachable");
      assertThat(alertsAbout(id, "unit_offline_assigned")).hasSize(1);
      assertThat(next.orders()).isEmpty();
      node.post("/api/incidents/" + id + "/resolve", new JsonObject());
    } finally {
      near.close();
    }
  }

  @Test
  void manyDevicesDroppingAtOnceRaiseOneGroupedAlertAndNoIncidentMovesOnForIt() throws Exception {
    double lat = 33.92;
    double lon = 114.50;
    List<TestDevice> tower = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      tower.add(device("dev-aux-041" + i, lat + 0.001 * i, lon + 0.02));
    }
    try (TestDevice elsewhere = device("dev-aux-0420", lat + 0.004, lon + 0.024)) {
      String assigned = report("traffic", 1, lat, lon + 0.02).getString("id");
      tower.get(0).reply(tower.get(0).nextOrder("offer"), "accept");
      await().until(() -> "assigned".equals(incident(assigned).getString("status")));
      String offered = report("traffic", 1, lat + 0.005, lon + 0.02).getString("id");
      await().until(() -> assignment(offered, "aux-0415") != null);
      elsewhere.orders().clear();

      for (TestDevice d : tower) {
        d.kill();
      }
      await().until(() -> assignment(assigned, "aux-0410").getBoolean("unreachable"));
      await().until(() -> alerts(node.token()).stream().anyMatch(a -> "mass_disconnect".equals(a.getString("code"))));
      await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
          "offered".equals(assignment(offered, "aux-0415").getString("status")) && elsewhere.orders().isEmpty());
      assertThat(alerts(node.token())).filteredOn(a -> "mass_disconnect".equals(a.getString("code"))).hasSize(1);
      assertThat(alertsAbout(assigned, "unit_offline_assigned")).as("the grouped alert says it").isEmpty();
      assertThat(alertsAbout(offered, "unit_offline_offered")).isEmpty();
      assertThat(timeline(assigned)).doesNotContain("escalated");
      assertThat(timeline(offered)).doesNotContain("escalated", "unit_offline");
      for (String id : List.of(assigned, offered)) {
        node.post("/api/incidents/" + id + "/cancel", new JsonObject());
      }
    } finally {
      for (TestDevice d : tower) {
        d.close();
      }
    }
  }

  static List<String> timeline(String incidentId) {
    return incident(incidentId).getJsonArray("timeline").stream().map(e -> ((JsonObject) e).getString("event")).toList();
  }

  static List<JsonObject> alertsAbout(String incidentId, String code) {
    return alerts(node.token()).stream().filter(a -> incidentId.equals(a.getString("incidentId"))
        && code.equals(a.getString("code"))).toList();
  }

  // ---- 3: time-based escalation ----------------------------------------------------------------------

  @Test
  void anIncidentNobodyAcceptsInThePlansTimeEscalatesOnTimeWithACountdownOnTheConsoleEvenAcrossARestart() throws Exception {
    double lat = 33.69;
    double lon = 114.30;
    TestDevice silent = device("dev-aux-0421", lat + 0.002, lon);
    Console console = console(node.token());
    JsonObject created = report("rescue", 1, lat, lon);
    String id = created.getString("id");
    silent.nextOrder("offer"); // and never answers
    long escalatesAt = created.getLong("escalatesAt");
    assertThat(escalatesAt).isEqualTo(created.getLong("createdAt") + 20_000);
    await().until(() -> console.messages().stream().anyMatch(m -> "incident".equals(m.getString("type"))
        && id.equals(m.getJsonObject("incident").getString("id"))
        && m.getJsonObject("incident").getLong("escalatesAt", 0L) == escalatesAt));
    console.ws().close();

    // the node goes away and comes back before the deadline: the deadline is re-armed from storage
    node.close();
    silent.kill();
    node = TestNode.start(config());
    assertThat(System.currentTimeMillis()).as("restarted before the deadline").isLessThan(escalatesAt);
    await().atMost(Duration.ofSeconds(40)).until(() -> incident(id).getInteger("level") == 2);
    JsonObject escalated = incident(id).getJsonArray("timeline").stream().map(JsonObject.class::cast)
        .filter(e -> "escalated".equals(e.getString("event"))).findFirst().orElseThrow();
    assertThat(escalated.getLong("at")).isGreaterThanOrEqualTo(escalatesAt);
    assertThat(escalated.getJsonObject("details").getString("reason")).isEqualTo("no_acceptance");
    assertThat(escalated.getJsonObject("details").getLong("after_ms")).isEqualTo(20_000L);
    assertThat(incident(id).getString("shortfall")).isEqualTo("no_acceptance");
    assertThat(incident(id).getValue("escalatesAt")).as("the last level").isNull();
    node.post("/api/incidents/" + id + "/cancel", new JsonObject());
  }

  // ---- 4: the console's picture is right and current -------------------------------------------------

  @Test
  void theShortfallNamesWhatHeldDispatchBackNotTheOfflineUnitsLingeringNearAndEndsOnceTheUnitsAccepted() throws Exception {
    double lat = 33.76;
    double lon = 114.72;
    // 65 units whose devices went silent long ago, all nearer than anyone online
    var live = node.node().tracking().units();
    for (int i = 0; i < 65; i++) {
      String unitId = String.format("aux-%04d", 100 + i);
      live.applyFix(new PositionFix(live.unit(unitId).orElseThrow().deviceId(), lat + 0.0001 * (i % 10),
          lon + 0.0001 * (i / 10), System.currentTimeMillis() - 60_000, 5, 0, 0, 0, 50, FixSource.LAMPLIGHT));
    }
    try (TestDevice online = device("dev-aux-0430", lat + 0.012, lon);
         TestDevice later = device("dev-aux-0431", lat - 0.012, lon)) {
      String id = report("traffic", 1, lat, lon).getString("id");
      JsonObject offer = online.nextOrder("offer");
      assertThat(offer.getString("incidentId")).as("the offline units do not hide the online one").isEqualTo(id);
      online.reply(offer, "decline");
      JsonObject second = later.nextOrder("offer");
      later.reply(second, "decline");

      await().until(() -> incident(id).getString("shortfall") != null);
      assertThat(incident(id).getString("shortfall")).as("two units declined; 65 were offline").isEqualTo("declined");
      JsonObject shortfall = incident(id).getJsonArray("timeline").stream().map(JsonObject.class::cast)
          .filter(e -> "shortfall".equals(e.getString("event"))).findFirst().orElseThrow();
      assertThat(shortfall.getJsonObject("details").getInteger("declined_units")).isEqualTo(2);
      assertThat(shortfall.getJsonObject("details").getInteger("offline_units")).isPositive();

      var assigned = node.post("/api/incidents/" + id + "/assign", new JsonObject().put("unitId", "aux-0431"));
      assertThat(assigned.statusCode()).as(assigned.bodyAsString()).isEqualTo(200);
      assertThat(assigned.bodyAsJsonObject().getString("status")).isEqualTo("assigned");
      assertThat(assigned.bodyAsJsonObject().getValue("shortfall")).as("every unit it needs accepted").isNull();
      node.post("/api/incidents/" + id + "/cancel", new JsonObject());
    }
  }

  @Test
  void anIncidentWhoseUnitsAllClearedAwaitsResolvingRemindsItsDispatcherAndKeepsItsUnitsOnceResolved() throws Exception {
    double lat = 33.80;
    double lon = 114.38;
    try (TestDevice d = device("dev-aux-0432", lat + 0.002, lon)) {
      String id = report("traffic", 1, lat, lon).getString("id");
      JsonObject offer = d.nextOrder("offer");
      for (String step : List.of("accept", "enroute", "onscene", "clear")) {
        d.reply(offer, step);
      }
      await().until(() -> "cleared".equals(incident(id).getString("status")));
      await().until(() -> alertsAbout(id, "cleared_unresolved").size() == 1);
      assertThat(timeline(id)).endsWith("cleared", "reminded");

      var resolved = node.post("/api/incidents/" + id + "/resolve", new JsonObject());
      assertThat(resolved.bodyAsJsonObject().getString("status")).isEqualTo("resolved");
      assertThat(incidents("resolved")).filteredOn(i -> id.equals(i.getString("id"))).singleElement()
          .satisfies(i -> assertThat(i.getJsonArray("assignments")).extracting(a -> ((JsonObject) a).getString("status"))
              .containsExactly("cleared"));
    }
  }
}
