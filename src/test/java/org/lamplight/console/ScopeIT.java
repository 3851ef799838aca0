package org.lamplight.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lamplight.Await.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.TestNode;
import org.lamplight.TestSecrets;
import org.lamplight.domain.tracking.UnitView;

/**
 * Station scope over every route of openapi.yaml. A station account ({@code S01}) must neither
 * read nor change anything of another station ({@code S07}): what it cannot see is 404, what it
 * sees but may not do is 403. A viewer sees the whole county and changes nothing (403). Admin
 * operations ({@code x-role: admin}) are 403 to both. Any other route added to the document
 * without being classified here fails {@link #everyRouteIsClassified}.
 */
class ScopeIT {

  static final String MINE = "S01";
  static final String OTHER = "S07";

  static TestNode node;
  static Vertx vertx;
  static WebClient web;
  static String station;
  static String viewer;
  static UnitView myUnit;
  static UnitView otherUnit;
  static String otherIncident;
  static String otherFinished;
  static String myIncident;

  /**
   * What each operation answers the station account and the viewer when given another station's
   * incident, unit or device. 200 for what either may see (the county's structure, their own
   * lists, the node's documents), 404 for another station's things a station account cannot see,
   * 403 for what an account may not do at all.
   */
  static final Map<String, int[]> EXPECTED = Map.ofEntries(
      Map.entry("login", new int[] {200, 200}),
      Map.entry("changeOwnPassword", new int[] {400, 400}),
      Map.entry("getOrg", new int[] {200, 200}),
      Map.entry("getBasemap", new int[] {200, 200}),
      Map.entry("searchPlaces", new int[] {200, 200}),
      Map.entry("getConsoleSettings", new int[] {200, 200}),
      Map.entry("listUnits", new int[] {200, 200}),
      Map.entry("getUnit", new int[] {404, 200}),
      Map.entry("getUnitTrack", new int[] {404, 200}),
      Map.entry("listIncidents", new int[] {200, 200}),
      Map.entry("createIncident", new int[] {403, 403}),
      Map.entry("getIncident", new int[] {404, 200}),
      Map.entry("escalateIncident", new int[] {404, 403}),
      Map.entry("cancelIncident", new int[] {404, 403}),
      Map.entry("resolveIncident", new int[] {404, 403}),
      Map.entry("closeIncident", new int[] {404, 403}),
      Map.entry("assignUnit", new int[] {404, 403}),
      Map.entry("listCandidates", new int[] {404, 200}),
      Map.entry("releaseUnit", new int[] {404, 403}),
      Map.entry("addIncidentNote", new int[] {404, 403}),
      Map.entry("editIncident", new int[] {404, 403}),
      // the station account's own alerts only: aStationAccountSeesOnlyItsStationsAlerts
      Map.entry("listAlerts", new int[] {200, 200}),
      Map.entry("answerForUnit", new int[] {404, 403}),
      Map.entry("acknowledgeAlert", new int[] {404, 403}),
      Map.entry("locateUnit", new int[] {404, 403}),
      Map.entry("getCoverage", new int[] {200, 200}),
      Map.entry("getDailyCoverage", new int[] {200, 200}),
      Map.entry("getLiveCoverage", new int[] {200, 200}),
      Map.entry("getPatrolRequirements", new int[] {200, 200}),
      Map.entry("setPatrolRequirement", new int[] {403, 403}),
      Map.entry("clearPatrolRequirement", new int[] {403, 403}),
      Map.entry("listLedger", new int[] {200, 200}),
      Map.entry("recordLedgerEntry", new int[] {404, 403}),
      Map.entry("getLedgerSummary", new int[] {200, 200}),
      Map.entry("listHazards", new int[] {200, 200}),
      Map.entry("getHazard", new int[] {404, 404}),
      Map.entry("actOnHazard", new int[] {404, 403}),
      Map.entry("getEvaluation", new int[] {200, 200}),
      Map.entry("enterInspections", new int[] {403, 403}),
      Map.entry("closeEvaluation", new int[] {403, 403}),
      Map.entry("getYearRanking", new int[] {200, 200}),
      // the field app's own routes take a device's token, not an account's
      Map.entry("deviceLogin", new int[] {400, 400}),
      Map.entry("getFieldDevice", new int[] {401, 401}),
      Map.entry("uploadPhoto", new int[] {401, 401}),
      Map.entry("getDeviceRoute", new int[] {401, 401}),
      Map.entry("getDeviceDay", new int[] {401, 401}),
      Map.entry("openDeviceSocket", new int[] {401, 401}),
      // no photo of the other station is known by id: one that does not exist is refused alike
      Map.entry("getPhoto", new int[] {404, 404}),
      // another station's incident shows the station account none of its photos
      Map.entry("listIncidentPhotos", new int[] {200, 200}),
      Map.entry("getOpenApi", new int[] {200, 200}),
      Map.entry("getApiExplorer", new int[] {200, 200}),
      Map.entry("getHealth", new int[] {200, 200}),
      Map.entry("getMetrics", new int[] {200, 200}),
      // a plain GET is no WebSocket; the feed itself is walked by aStationConsolesFeedHoldsNothingOfAnotherStation
      Map.entry("openConsoleFeed", new int[] {400, 400}));

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start();
    vertx = Vertx.vertx();
    web = WebClient.create(vertx);
    station = account("scope-s01", "station", new JsonArray().add(MINE));
    viewer = account("scope-viewer", "viewer", new JsonArray());
    myUnit = unitOf(MINE);
    otherUnit = unitOf(OTHER);
    myIncident = incidentAt(myUnit, MINE);
    otherIncident = incidentAt(otherUnit, OTHER);
    otherFinished = incidentAt(otherUnit, OTHER);
    assertThat(node.post("/api/incidents/" + otherFinished + "/cancel", new JsonObject()).statusCode()).isEqualTo(200);
    // no unit of the test county answers offers, so each incident escalates and raises alerts of its station
    await().until(() -> alertedIncidents(node.get("/api/alerts").bodyAsJsonArray()).containsAll(List.of(myIncident,
        otherIncident)));
  }

  @AfterAll
  static void stop() {
    for (String id : List.of(myIncident, otherIncident)) {
      node.post("/api/incidents/" + id + "/cancel", new JsonObject());
    }
    web.close();
    vertx.close();
    node.close();
  }

  private static String account(String username, String role, JsonArray stations) {
    String password = TestSecrets.register("a scope test password", username + "-password");
    var created = node.post("/api/accounts", new JsonObject().put("username", username).put("password", password)
        .put("role", role).put("stations", stations));
    assertThat(created.statusCode()).as(created.bodyAsString()).isIn(201, 409);
    return TestSecrets.register("a scope test token", node.post("/api/login",
        new JsonObject().put("username", username).put("password", password), null).bodyAsJsonObject().getString("token"));
  }

  /** An auxiliary of {@code stationId} whose home lies in its own station's area. */
  private static UnitView unitOf(String stationId) {
    return node.node().tracking().units().all().stream()
        .filter(u -> stationId.equals(u.person().stationId()) && u.person().workstationId() != null)
        .findFirst().orElseThrow();
  }

  /** The village of the other station's unit's workstation. */
  private static String otherVillage() {
    return node.node().county().get().workstation(otherUnit.person().workstationId()).orElseThrow().villageId();
  }

  private static String incidentAt(UnitView unit, String stationId) {
    // severity 2: its plan has an escalation level, which raises an alert
    var r = node.post("/api/incidents", new JsonObject().put("type", "other").put("severity", 2)
        .put("lat", unit.person().home().lat()).put("lon", unit.person().home().lon()).put("description", "scope test"));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    assertThat(r.bodyAsJsonObject().getString("stationId")).isEqualTo(stationId);
    return r.bodyAsJsonObject().getString("id");
  }

  private static HttpResponse<Buffer> call(String method, String path, String token, JsonObject body) {
    var request = web.request(io.vertx.core.http.HttpMethod.valueOf(method), node.httpPort(), "localhost", path);
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    try {
      return (body == null ? request.send() : request.sendJsonObject(body)).toCompletionStage().toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path, e);
    }
  }

  private static JsonObject asAdmin(String path) {
    return node.get(path).bodyAsJsonObject();
  }

  @Test
  void aStationAccountCannotAssignAnotherStationsUnit() {
    var r = call("POST", "/api/incidents/" + myIncident + "/assign", station,
        new JsonObject().put("unitId", otherUnit.person().id()));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(404);
    assertThat(asAdmin("/api/incidents/" + myIncident).getJsonArray("assignments").stream()
        .map(a -> ((JsonObject) a).getString("unitId"))).doesNotContain(otherUnit.person().id());
  }

  @Test
  void aStationAccountCannotReleaseAnotherStationsUnitFromItsOwnIncident() {
    var r = call("DELETE", "/api/incidents/" + myIncident + "/assignments/" + otherUnit.person().id(), station, null);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(403);
    assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("forbidden");
  }

  @Test
  void aStationAccountCannotAnswerForAnotherStationsUnitOnItsOwnIncident() {
    // the county sends a neighbouring station's unit to help on the station's own incident
    String incident = incidentAt(myUnit, MINE);
    try {
      var assigned = node.post("/api/incidents/" + incident + "/assign", new JsonObject().put("unitId", otherUnit.person().id()));
      assertThat(assigned.statusCode()).as(assigned.bodyAsString()).isEqualTo(200);

      for (String action : List.of("clear", "decline", "onscene")) {
        var r = call("POST", "/api/incidents/" + incident + "/assignments/" + otherUnit.person().id() + "/answer", station,
            new JsonObject().put("action", action));
        assertThat(r.statusCode()).as(action + ": " + r.bodyAsString()).isEqualTo(403);
        assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("forbidden");
      }
      assertThat(asAdmin("/api/incidents/" + incident).getJsonArray("assignments").stream().map(a -> (JsonObject) a)
          .filter(a -> a.getString("unitId").equals(otherUnit.person().id())).map(a -> a.getString("status")))
          .containsExactly("accepted");
    } finally {
      node.post("/api/incidents/" + incident + "/cancel", new JsonObject());
    }
  }

  @Test
  void aStationAccountCannotRecordWorkInAnotherStationsVillage() {
    var r = call("POST", "/api/ledger", station, new JsonObject().put("kind", "fire_hazard")
        .put("unitId", myUnit.person().id()).put("village", otherVillage()).put("note", "recorded across the border"));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(403);
    assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("forbidden");
    assertThat(node.get("/api/hazards?status=all").bodyAsJsonArray().stream().map(h -> (JsonObject) h)
        .filter(h -> "scope-s01".equals(h.getString("reportedBy")))).isEmpty();
  }

  @Test
  void aStationAccountCannotCloseAnotherStationsFinishedIncident() {
    var r = call("POST", "/api/incidents/" + otherFinished + "/close", station, new JsonObject());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(404);
    assertThat(asAdmin("/api/incidents/" + otherFinished).getString("status")).isEqualTo("cancelled");
  }

  @Test
  void aStationAccountActsOnItsOwnIncidentAndUnits() {
    var r = call("POST", "/api/incidents/" + myIncident + "/assign", station,
        new JsonObject().put("unitId", myUnit.person().id()));
    assertThat(r.statusCode()).as(r.bodyAsString()).isIn(200, 409);
    var release = call("DELETE", "/api/incidents/" + myIncident + "/assignments/" + myUnit.person().id(), station, null);
    assertThat(release.statusCode()).as(release.bodyAsString()).isIn(200, 409);
    assertThat(call("GET", "/api/incidents/" + myIncident, station, null).statusCode()).isEqualTo(200);
  }

  @Test
  void aStationAccountSeesOnlyItsStationsAlerts() {
    JsonArray alerts = call("GET", "/api/alerts", station, null).bodyAsJsonArray();
    assertThat(alerts.stream().map(a -> ((JsonObject) a).getString("stationId")).distinct()).containsExactly(MINE);
    assertThat(alertedIncidents(alerts)).contains(myIncident).doesNotContain(otherIncident);
    assertThat(alertedIncidents(call("GET", "/api/alerts", viewer, null).bodyAsJsonArray()))
        .contains(myIncident, otherIncident);
  }

  private static List<String> alertedIncidents(JsonArray alerts) {
    return alerts.stream().map(a -> ((JsonObject) a).getString("incidentId")).toList();
  }

  @Test
  void everyRouteIsClassified() {
    List<String> operations = new ArrayList<>();
    ContractOperations.of(document()).stream().filter(op -> !op.adminOnly()).forEach(op -> operations.add(op.id()));
    assertThat(EXPECTED.keySet()).containsExactlyInAnyOrderElementsOf(operations);
  }

  @Test
  void aStationAccountWalkingEveryRouteWithAnotherStationsIdsSeesAndChangesNothingOfIt() {
    walk(station, 0);
    assertThat(call("GET", "/api/units", station, null).bodyAsJsonArray().stream()
        .map(u -> ((JsonObject) u).getString("stationId")).distinct()).containsExactly(MINE);
    assertThat(call("GET", "/api/units?station=" + OTHER, station, null).bodyAsJsonArray()).isEmpty();
    assertThat(call("GET", "/api/incidents?status=all", station, null).bodyAsJsonArray().stream()
        .map(i -> ((JsonObject) i).getString("stationId")).distinct()).containsOnly(MINE);
  }

  @Test
  void aViewerWalkingEveryRouteSeesTheCountyAndChangesNothing() {
    walk(viewer, 1);
    assertThat(call("GET", "/api/incidents?status=all", viewer, null).bodyAsJsonArray().stream()
        .map(i -> ((JsonObject) i).getString("id"))).contains(otherIncident, otherFinished, myIncident);
  }

  @Test
  void aStationConsolesFeedHoldsNothingOfAnotherStation() throws Exception {
    WebSocketClient client = vertx.createWebSocketClient();
    CompletableFuture<JsonObject> snapshot = new CompletableFuture<>();
    ClientWebSocket ws = client.webSocket();
    ws.textMessageHandler(text -> snapshot.complete(new JsonObject(text)));
    ws.connect(node.httpPort(), "localhost", "/ws?token=" + station);
    JsonObject first = snapshot.get(20, TimeUnit.SECONDS);
    client.close();
    assertThat(first.getString("type")).isEqualTo("snapshot");
    assertThat(first.getJsonArray("units").stream().map(u -> ((JsonObject) u).getString("stationId")).distinct())
        .containsExactly(MINE);
    assertThat(first.getJsonArray("incidents").stream().map(i -> ((JsonObject) i).getString("id")))
        .contains(myIncident).doesNotContain(otherIncident);
    assertThat(alertedIncidents(first.getJsonArray("alerts"))).contains(myIncident).doesNotContain(otherIncident);
  }

  @Test
  void aStationAccountCannotMoveItsIncidentIntoAnotherStationsArea() {
    var r = call("POST", "/api/incidents/" + myIncident + "/edit", station, new JsonObject()
        .put("lat", otherUnit.person().home().lat()).put("lon", otherUnit.person().home().lon()));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(403);
    assertThat(asAdmin("/api/incidents/" + myIncident).getString("stationId")).isEqualTo(MINE);
  }

  /** Calls every operation with another station's ids and checks the answers and that nothing of it changed. */
  private static void walk(String token, int role) {
    JsonObject incidentBefore = asAdmin("/api/incidents/" + otherIncident);
    String unitStatusBefore = asAdmin("/api/units/" + otherUnit.person().id()).getString("status");
    List<String> wrong = new ArrayList<>();
    for (ContractOperations.Operation op : ContractOperations.of(document())) {
      // no alert of the other station is known by number: one that does not exist is refused alike
      String path = op.path().replace("/api/alerts/{id}", "/api/alerts/999999999").replace("{username}", "scope-other").replace("{code}", OTHER).replace("{id}", otherIncident).replace("{unitId}", otherUnit.person().id())
          .replace("{deviceId}", otherUnit.deviceId())
          .replace("{village}", otherVillage()).replace("{month}", "2026-11").replace("{year}", "2026")
          .replace("{action}", "rectify");
      var r = call(op.method(), path, op.isPublic() && !op.id().equals("login") ? null : token,
          body(op.id(), role, op.method()));
      int expected = op.adminOnly() ? 403 : EXPECTED.getOrDefault(op.id(), new int[] {-1, -1})[role];
      if (r.statusCode() != expected) {
        wrong.add(op.method() + " " + path + " (" + op.id() + ") answered " + r.statusCode() + ", not " + expected
            + ": " + r.bodyAsString().substring(0, Math.min(200, r.bodyAsString().length())));
      }
    }
    assertThat(wrong).isEmpty();
    // the closed incident as well as the open one are left as they were
    JsonObject incidentAfter = asAdmin("/api/incidents/" + otherIncident);
    assertThat(incidentAfter.getString("status")).isEqualTo(incidentBefore.getString("status"));
    assertThat(incidentAfter.getInteger("level")).isEqualTo(incidentBefore.getInteger("level"));
    assertThat(incidentAfter.getJsonArray("timeline")).hasSameSizeAs(incidentBefore.getJsonArray("timeline"));
    assertThat(asAdmin("/api/incidents/" + otherFinished).getString("status")).isEqualTo("cancelled");
    assertThat(asAdmin("/api/units/" + otherUnit.person().id()).getString("status")).isEqualTo(unitStatusBefore);
  }

  /** A body that is valid for the operation, aimed at the other station. */
  private static JsonObject body(String operationId, int role, String method) {
    return switch (operationId) {
      case "login" -> new JsonObject().put("username", role == 0 ? "scope-s01" : "scope-viewer")
          .put("password", (role == 0 ? "scope-s01" : "scope-viewer") + "-password");
      case "createIncident" -> new JsonObject().put("type", "fire").put("severity", 1)
          .put("lat", otherUnit.person().home().lat()).put("lon", otherUnit.person().home().lon());
      case "assignUnit" -> new JsonObject().put("unitId", myUnit.person().id());
      case "answerForUnit" -> new JsonObject().put("action", "accept");
      case "addIncidentNote" -> new JsonObject().put("text", "a note on another station's incident");
      case "editIncident" -> new JsonObject().put("severity", 3);
      case "setPatrolRequirement" -> new JsonObject().put("visitsPerDay", 2);
      case "recordLedgerEntry" -> new JsonObject().put("kind", "household_visit").put("village", otherVillage())
          .put("unitId", otherUnit.person().id());
      case "enterInspections" -> new JsonObject().put("inspections", new JsonArray().add(new JsonObject()
          .put("subject", otherUnit.person().workstationId()).put("hardware", 90).put("housekeeping", 90).put("ledgers", 90)));
      default -> method.equals("POST") || method.equals("PUT") ? new JsonObject() : null;
    };
  }

  private static JsonObject document() {
    return ApiContract.parse(call("GET", "/api/openapi.yaml", null, null).body());
  }
}
