package org.lamplight.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.TestDatabase;
import org.lamplight.TestNode;
import org.lamplight.TestSecrets;
import org.lamplight.domain.tracking.FixSource;
import org.lamplight.domain.tracking.PositionFix;

/** openapi.yaml against a running node: it lists exactly the routes served, and requests that break it are refused. */
class ApiContractIT {

  static TestNode node;
  static Vertx vertx;
  static ApiContract contract;
  static JsonObject document;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start();
    vertx = Vertx.vertx();
    contract = ApiContract.load(vertx).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    document = ApiContract.parse(Buffer.buffer(raw("GET", "/api/openapi.yaml", null, null, null).body()));
  }

  @AfterAll
  static void stop() {
    vertx.close();
    node.close();
  }

  @Test
  void theDocumentListsExactlyTheRoutesTheNodeServes() {
    Set<String> served = new TreeSet<>();
    walk(node.node().console().routes(), "", served);
    Set<String> documented = new TreeSet<>();
    document.getJsonObject("paths").forEach(path -> ((JsonObject) path.getValue()).fieldNames()
        .forEach(method -> documented.add(method.toUpperCase() + " " + path.getKey())));

    Set<String> undocumented = new TreeSet<>(served);
    undocumented.removeAll(documented);
    Set<String> notServed = new TreeSet<>(documented);
    notServed.removeAll(served);
    assertThat(undocumented).as("served but missing from openapi.yaml").isEmpty();
    assertThat(notServed).as("in openapi.yaml but not served").isEmpty();
    assertThat(served).contains("POST /api/incidents", "GET /health", "GET /ws", "GET /api/openapi.yaml");
  }

  /** Every route with a path and a method is an operation; sub-routers are walked under their mount point. */
  private static void walk(List<Route> routes, String prefix, Set<String> out) {
    for (Route route : routes) {
      if (route.getSubRouter() != null) {
        walk(route.getSubRouter().getRoutes(), prefix + route.getPath().replaceAll("/$", ""), out);
      } else if (route.getPath() != null && route.methods() != null && !route.methods().isEmpty()) {
        String path = prefix + route.getPath().replaceAll(":(\\w+)", "{$1}");
        route.methods().forEach(method -> out.add(method.name() + " " + path));
      }
    }
  }

  @Test
  void exactlyTheOperationsWithSecurityAskForAToken() {
    List<String> wrong = new ArrayList<>();
    document.getJsonObject("paths").forEach(path -> ((JsonObject) path.getValue()).forEach(op -> {
      boolean secured = !((JsonObject) op.getValue()).getJsonArray("security", document.getJsonArray("security")).isEmpty();
      String url = path.getKey().replaceAll("\\{\\w+}", "x");
      int status = raw(op.getKey().toUpperCase(), url, null, null, null).statusCode();
      if ((status == 401) != secured) {
        wrong.add(op.getKey().toUpperCase() + " " + path.getKey() + " answered " + status + " without a token");
      }
    }));
    assertThat(wrong).isEmpty();
  }

  @Test
  void aMalformedRequestWithoutATokenIs401Not400() {
    var r = raw("POST", "/api/incidents", null, "application/json", "{\"severity\":\"high\"}");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(new JsonObject(r.body()).getString("error")).isEqualTo("unauthorized");
  }

  @Test
  void aBodyThatBreaksTheContractIs400NamingTheFieldAndNothingIsStored() throws Exception {
    long before = incidentsStored();
    assertRefused(incident().put("severity", "high"), "'severity' must be of type integer");
    assertRefused(incident().put("severity", 7), "'severity' is invalid: 7 is greater than 3");
    assertRefused(incident().put("severity", 1.5), "'severity' must be of type integer");
    assertRefused(incident().put("lat", 91), "'lat' is invalid");
    assertRefused(incident().put("lon", -180.5), "'lon' is invalid");
    assertRefused(incident().put("type", "flood"),
        "'type' must be one of fire, traffic, security, rescue, other, not \"flood\"");
    assertRefused(incident().put("source", "device"), "'source' must be one of console, api");
    assertRefused(incident().put("description", "x".repeat(2001)), "'description' is invalid: String is too long");
    JsonObject noLat = incident();
    noLat.remove("lat");
    assertRefused(noLat, "'lat' is required");
    assertThat(incidentsStored()).isEqualTo(before);
  }

  private static void assertRefused(JsonObject body, String message) {
    var r = node.post("/api/incidents", body);
    assertThat(r.statusCode()).as(body.encode()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("bad_request");
    assertThat(r.bodyAsJsonObject().getString("message")).startsWith(message);
  }

  @Test
  void unknownFieldsInAnIncidentAreToleratedAndAValidIncidentIsCreated() {
    var r = node.post("/api/incidents", incident().put("callerPhone", "13800000000"));
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.bodyAsJsonObject().getString("type")).isEqualTo("other");
    String id = r.bodyAsJsonObject().getString("id");
    assertThat(node.post("/api/incidents/" + id + "/cancel", new JsonObject().put("reason", "test")).statusCode())
        .isEqualTo(200);
  }

  @Test
  void accountsRefuseUnknownFieldsAndKeepTheirRuleAcrossFields() {
    var typo = node.post("/api/accounts", account("acct-typo").put("station", "st-01"));
    assertThat(typo.statusCode()).isEqualTo(400);
    assertThat(typo.bodyAsJsonObject().getString("message")).isEqualTo("'station' is not allowed");
    var role = node.post("/api/accounts", account("acct-role").put("role", "chief"));
    assertThat(role.bodyAsJsonObject().getString("message")).isEqualTo("'role' must be one of admin, county, station, viewer, not \"chief\"");
    var shortPassword = node.post("/api/accounts", account("acct-short").put("password", "short"));
    assertThat(shortPassword.bodyAsJsonObject().getString("message")).startsWith("'password' is invalid: String is too short");
    var item = node.post("/api/accounts", account("acct-item").put("role", "station").put("stations", List.of(7)));
    assertThat(item.bodyAsJsonObject().getString("message")).isEqualTo("'stations[0]' must be of type string");
    var noStations = node.post("/api/accounts", account("acct-none").put("role", "station"));
    assertThat(noStations.statusCode()).isEqualTo(400);
    assertThat(noStations.bodyAsJsonObject().getString("message")).contains("'stations'");

    var created = node.post("/api/accounts", account("acct-" + System.nanoTime()));
    assertThat(created.statusCode()).isEqualTo(201);
  }

  @Test
  void loginNamesTheMissingOrBlankField() {
    var missing = node.post("/api/login", new JsonObject().put("username", "admin"), null);
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.bodyAsJsonObject().getString("message")).isEqualTo("'password' is required");
    var blank = node.post("/api/login", new JsonObject().put("username", "   ").put("password", "x"), null);
    assertThat(blank.statusCode()).isEqualTo(400);
    assertThat(blank.bodyAsJsonObject().getString("message")).startsWith("'username' is invalid");
  }

  @Test
  void queryParametersAreCheckedToo() {
    var status = node.get("/api/incidents?status=burning");
    assertThat(status.statusCode()).isEqualTo(400);
    assertThat(status.bodyAsJsonObject().getString("message")).startsWith("query parameter 'status' must be one of open, all")
        .endsWith(", not \"burning\"");
    var from = node.get("/api/units/aux-0001/track?from=yesterday");
    assertThat(from.statusCode()).isEqualTo(400);
    assertThat(from.bodyAsJsonObject().getString("message")).isEqualTo("query parameter 'from' must be of type integer");
    assertThat(node.get("/api/incidents?status=all").statusCode()).isEqualTo(200);
  }

  @Test
  void aBodyThatIsNotJsonIsRefusedWithAReason() {
    String bearer = "Bearer " + node.token();
    var text = raw("POST", "/api/incidents", bearer, "text/plain", incident().encode());
    assertThat(text.statusCode()).isEqualTo(415);
    assertThat(new JsonObject(text.body()).getString("error")).isEqualTo("unsupported_media_type");
    var broken = raw("POST", "/api/incidents", bearer, "application/json", "{\"type\": ");
    assertThat(broken.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(broken.body()).getString("message")).isEqualTo("the body is not valid JSON");
    var none = raw("POST", "/api/incidents", bearer, null, null);
    assertThat(none.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(none.body()).getString("message")).isEqualTo("a JSON body is required");
    var array = raw("POST", "/api/incidents", bearer, "application/json", "[]");
    assertThat(new JsonObject(array.body()).getString("message")).isEqualTo("the body must be of type object");
  }

  @Test
  void answersHaveTheShapesTheDocumentGives() throws Exception {
    var units = node.node().tracking().units();
    units.applyFix(new PositionFix(units.unit("aux-0002").orElseThrow().deviceId(), 33.9, 114.7,
        System.currentTimeMillis(), 5, 1.5, 90, 60, 80, FixSource.LAMPLIGHT));
    String id = node.post("/api/incidents", incident()).bodyAsJsonObject().getString("id");
    node.post("/api/incidents/" + id + "/assign", new JsonObject().put("unitId", "aux-0001"));
    ResponseValidator validator = ResponseValidator.create(vertx, contract.contract());
    String bearer = "Bearer " + node.token();
    List<String[]> calls = List.of(
        new String[] {"getOrg", "/api/org"}, new String[] {"getConsoleSettings", "/api/console/settings"},
        new String[] {"listUnits", "/api/units"}, new String[] {"getUnit", "/api/units/aux-0001"},
        new String[] {"getUnitTrack", "/api/units/aux-0001/track"}, new String[] {"listIncidents", "/api/incidents"},
        new String[] {"getIncident", "/api/incidents/" + id}, new String[] {"listAlerts", "/api/alerts"},
        new String[] {"getHealth", "/health"}, new String[] {"getIncident", "/api/incidents/nothing"});
    for (String[] call : calls) {
      var r = raw("GET", call[1], bearer, null, null);
      var response = ValidatableResponse.create(r.statusCode(), Buffer.buffer(r.body()),
          r.headers().firstValue("content-type").orElseThrow().split(";")[0]);
      validator.validate(response, call[0]).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    String device = node.post("/api/device/login", new JsonObject().put("deviceId", "dev-aux-0001")
        .put("secret", node.issueSecret("dev-aux-0001")), null).bodyAsJsonObject().getString("token");
    var day = raw("GET", "/api/device/day", "Bearer " + TestSecrets.register("a device token", device), null, null);
    validator.validate(ValidatableResponse.create(day.statusCode(), Buffer.buffer(day.body()), "application/json"),
        "getDeviceDay").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    var login = node.post("/api/login", new JsonObject().put("username", "admin").put("password", TestNode.ADMIN_PASSWORD), null);
    validator.validate(ValidatableResponse.create(200, login.body(), "application/json"), "login")
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    node.post("/api/incidents/" + id + "/cancel", null);
  }

  @Test
  void theDocumentAndItsExplorerAreServedFromTheJar() throws Exception {
    var yaml = raw("GET", "/api/openapi.yaml", null, null, null);
    assertThat(yaml.statusCode()).isEqualTo(200);
    assertThat(yaml.headers().firstValue("content-type").orElseThrow()).startsWith("application/yaml");
    assertThat(document.getString("openapi")).startsWith("3.1");

    var page = raw("GET", "/api/docs/", null, null, null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("swagger-ui");
    var bare = raw("GET", "/api/docs", null, null, null);
    assertThat(bare.statusCode()).isEqualTo(301);
    assertThat(bare.headers().firstValue("location")).hasValue("/api/docs/");
    List<String> assets = new ArrayList<>();
    Matcher links = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page.body());
    while (links.find()) {
      assets.add(links.group(1));
    }
    assertThat(assets).contains("/api/docs/swagger-ui-bundle.js", "/api/docs/swagger-ui.css", "/api/docs/explorer.js")
        .allMatch(a -> a.startsWith("/api/docs/"));
    for (String asset : assets) {
      var r = raw("GET", asset, null, null, null);
      assertThat(r.statusCode()).as(asset).isEqualTo(200);
      assertThat(r.body()).as(asset).isNotEmpty();
    }
    assertThat(raw("GET", "/api/docs/explorer.js", null, null, null).body()).contains("/api/openapi.yaml");
  }

  private static JsonObject incident() {
    return new JsonObject().put("type", "other").put("severity", 1).put("lat", 33.95).put("lon", 114.75)
        .put("description", "contract test");
  }

  private static JsonObject account(String username) {
    return new JsonObject().put("username", username).put("password", "long-enough").put("role", "viewer");
  }

  private static long incidentsStored() throws Exception {
    try (var c = TestDatabase.connect("postgres");
         ResultSet rs = c.createStatement().executeQuery("select count(*) from incidents")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** A request exactly as given: no token unless {@code authorization}, no body or content type unless given. */
  private static HttpResponse<String> raw(String method, String path, String authorization, String contentType,
                                          String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + node.httpPort() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(method + " " + path, e);
    }
  }
}
