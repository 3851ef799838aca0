package org.lamplight.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lamplight.Await.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.TestDatabase;
import org.lamplight.TestDevice;
import org.lamplight.TestNode;
import org.lamplight.TestSecrets;
import org.lamplight.config.Keys;
import org.lamplight.county.TestBundles;

/**
 * A fresh node on a database of its own, without the demo county, administered over the API: the
 * small hand-made bundle imported, objects created, changed and retired, devices given secrets and
 * disconnected, accounts disabled, all in force at once and in the audit log.
 */
class AdminIT {

  static TestNode node;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(Map.of(Keys.PG_URL, TestDatabase.url("admin_it"), Keys.DEMO_DATA, false,
        Keys.DISPATCH_ROAD_ENABLED, false, Keys.IMPORT_MAX_BUNDLE_MB, 1));
    HttpResponse<Buffer> imported = node.postBytes("/api/admin/import", TestBundles.zip(TestBundles.small()));
    assertThat(imported.statusCode()).as(imported.bodyAsString()).isEqualTo(200);
    imported.bodyAsJsonObject().getJsonArray("secrets").forEach(s -> TestSecrets.register("an imported device secret",
        ((JsonObject) s).getString("secret")));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void anImportedBundleIsServedAtOnce() {
    JsonObject org = node.get("/api/org").bodyAsJsonObject();
    assertThat(org.getJsonObject("county").getString("name")).isEqualTo("测试县");
    assertThat(org.getJsonArray("stations").stream().map(s -> ((JsonObject) s).getString("id"))).contains("S1", "S2");
    assertThat(org.getJsonArray("villages")).hasSize(6);
    JsonObject areas = node.get("/api/admin/areas?limit=100").bodyAsJsonObject();
    assertThat(areas.getInteger("total")).isEqualTo(9);
    JsonObject village = node.get("/api/admin/areas/V1").bodyAsJsonObject();
    assertThat(village.getString("parent")).isEqualTo("T1");
    assertThat(village.getJsonObject("shape").getString("type")).isEqualTo("Polygon");
    assertThat(node.get("/api/units/aux-1").bodyAsJsonObject().getString("workstationId")).isEqualTo("W1");
    assertThat(node.get("/api/admin/people?q=AUX-").bodyAsJsonObject().getJsonArray("items").stream()
        .map(p -> ((JsonObject) p).getString("id"))).contains("aux-1", "aux-6").doesNotContain("off-1");
  }

  @Test
  void aDeviceCreatedThroughTheApiConnectsAtOnceAndIsDispatchedTo() throws Exception {
    String secret = createDevice("phone-301", "aux-3");
    try (TestDevice d = TestDevice.connect(node.node().gateway().mqttPort(), "phone-301", secret)) {
      d.at(34.482, 113.031);
      await().until(() -> node.get("/api/units/aux-3").bodyAsJsonObject().getBoolean("online"));
      JsonObject incident = node.post("/api/incidents", new JsonObject().put("type", "fire").put("severity", 1)
          .put("lat", 34.481).put("lon", 113.032).put("description", "admin test")).bodyAsJsonObject();
      JsonObject offer = d.nextOrder("offer");
      assertThat(offer.getString("incidentId")).isEqualTo(incident.getString("id"));
      node.post("/api/incidents/" + incident.getString("id") + "/cancel", new JsonObject().put("reason", "test"));
    }
  }

  @Test
  void aReimportWithChangesUpdatesTheRunningNodeInPlace() {
    Map<String, String> files = TestBundles.small();
    TestBundles.replaceLine(files, "stations.csv", "S2,", "S2,东镇中心派出所,34.43,113.175,T2,");
    TestBundles.replaceLine(files, "people.csv", "aux-5,", "aux-5,黄勇,auxiliary,13900000005,W6");
    HttpResponse<Buffer> r = node.postBytes("/api/admin/import", TestBundles.zip(files));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonObject kinds = r.bodyAsJsonObject().getJsonObject("summary").getJsonObject("kinds");
    assertThat(kinds.getJsonObject("stations").getInteger("changed")).isEqualTo(1);
    assertThat(kinds.getJsonObject("people").getInteger("changed")).isEqualTo(1);

    JsonObject org = node.get("/api/org").bodyAsJsonObject();
    assertThat(org.getJsonArray("stations").stream().map(JsonObject.class::cast)
        .filter(s -> s.getString("id").equals("S2")).findFirst().orElseThrow().getString("name")).isEqualTo("东镇中心派出所");
    assertThat(node.get("/api/units/aux-5").bodyAsJsonObject().getString("workstationId")).isEqualTo("W6");
  }

  @Test
  void aBrokenBundleIsRefusedWholeWithEveryProblem() {
    Map<String, String> files = TestBundles.small();
    TestBundles.replaceLine(files, "stations.csv", "S1,", "S1,改了名的派出所,34.425,113.025,T1;T9,");
    TestBundles.replaceLine(files, "devices.csv", "radio-104,", "radio-104,aux-9");
    HttpResponse<Buffer> r = node.postBytes("/api/admin/import", TestBundles.zip(files));
    assertThat(r.statusCode()).isEqualTo(400);
    JsonObject body = r.bodyAsJsonObject();
    assertThat(body.getString("error")).isEqualTo("invalid_bundle");
    assertThat(body.getJsonArray("problems").stream().map(JsonObject.class::cast)
        .map(p -> p.getString("file") + ":" + p.getInteger("line") + ":" + p.getString("field")))
        .containsExactly("stations.csv:2:townships", "devices.csv:9:person_id");
    assertThat(node.get("/api/admin/stations/S1").bodyAsJsonObject().getString("name")).isEqualTo("西乡派出所");
    assertThat(node.get("/api/admin/import/progress").bodyAsJsonObject().getString("state")).isEqualTo("refused");
  }

  @Test
  void aPageBeyondTheEndIsEmptyHoweverFarItStarts() {
    for (String list : new String[] {"/api/admin/stations", "/api/accounts", "/api/audit"}) {
      for (long offset : new long[] {Integer.MAX_VALUE, 1L << 32, Long.MAX_VALUE}) {
        HttpResponse<Buffer> page = node.get(list + "?offset=" + offset);
        assertThat(page.statusCode()).as(list + " " + offset + ": " + page.bodyAsString()).isEqualTo(200);
        assertThat(page.bodyAsJsonObject().getJsonArray("items")).isEmpty();
        assertThat(page.bodyAsJsonObject().getLong("total")).isPositive();
      }
    }
  }

  /** A stored row that cannot be made a value again is a fault to look into (500), not an outage to retry (503). */
  @Test
  void aStoredShapeThatCannotBeReadBackIsAnInternalErrorNotAnOutage() throws Exception {
    String code;
    String shape;
    try (var c = TestDatabase.connect("admin_it");
         var rs = c.createStatement().executeQuery("select code, shape::text from areas order by code limit 1")) {
      rs.next();
      code = rs.getString(1);
      shape = rs.getString(2);
    }
    TestDatabase.execute("admin_it", null, "update areas set shape = '{\"type\": \"Point\", \"coordinates\": [114.5, 33.7]}'"
        + " where code = '" + code + "'");
    try {
      HttpResponse<Buffer> all = node.get("/api/admin/areas?status=all");
      assertThat(all.statusCode()).as(all.bodyAsString()).isEqualTo(500);
      assertThat(all.bodyAsJsonObject().getString("error")).isEqualTo("internal_error");
    } finally {
      TestDatabase.execute("admin_it", null, "update areas set shape = '" + shape + "' where code = '" + code + "'");
    }
    assertThat(node.get("/api/admin/areas?status=all").statusCode()).isEqualTo(200);
  }

  @Test
  void aBundleLargerThanItsLimitUncompressedIsRefusedUnread() {
    Map<String, String> files = TestBundles.small();
    TestBundles.replaceLine(files, "stations.csv", "S1,", "S1,西乡派出所,34.425,113.025,T1," + "乡".repeat(400_000));
    byte[] zip = TestBundles.zip(files);
    assertThat(zip.length).isLessThan(64 * 1024);
    HttpResponse<Buffer> r = node.postBytes("/api/admin/import", zip);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getJsonArray("problems").stream().map(p -> ((JsonObject) p).getString("message")))
        .containsExactly("the bundle's files are larger than the limit of 1048576 bytes together, uncompressed"
            + " (import.max-bundle-mb)");
    assertThat(node.get("/api/admin/stations/S1").bodyAsJsonObject().getString("name")).isEqualTo("西乡派出所");
  }

  @Test
  void aControlCharacterInANameIsRefusedWhereItStands() {
    Map<String, String> files = TestBundles.small();
    TestBundles.replaceLine(files, "stations.csv", "S1,", "S1,西乡\u0000派出所,34.425,113.025,T1,");
    files.put("areas.geojson", files.get("areas.geojson").replace("\"前庄村\"", "\"前庄\\u001b村\""));
    HttpResponse<Buffer> r = node.postBytes("/api/admin/import", TestBundles.zip(files));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getJsonArray("problems").stream().map(JsonObject.class::cast)
        .map(p -> p.getString("file") + ":" + p.getInteger("feature", p.getInteger("line")) + ":" + p.getString("field")
            + ": " + p.getString("message")))
        .containsExactly("areas.geojson:3:name: holds the control character U+001B",
            "stations.csv:2:name: holds the control character U+0000");

    HttpResponse<Buffer> posted = node.post("/api/admin/stations", new JsonObject().put("code", "S9")
        .put("name", "新\u0000派出所").put("lat", 34.425).put("lon", 113.025).put("townships", new JsonArray().add("T1")));
    assertThat(posted.statusCode()).as(posted.bodyAsString()).isEqualTo(400);
    assertThat(posted.bodyAsJsonObject().getString("message")).contains("'name' holds the control character U+0000");
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndConflictsAre409() {
    JsonObject station = new JsonObject().put("code", "S9").put("name", "新派出所").put("lat", 34.45).put("lon", 113.05)
        .put("townships", new JsonArray().add("T7"));
    HttpResponse<Buffer> unknown = node.post("/api/admin/stations", station);
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.bodyAsJsonObject().getString("field")).isEqualTo("townships");
    assertThat(unknown.bodyAsJsonObject().getString("message")).isEqualTo("unknown township 'T7'");

    HttpResponse<Buffer> outside = node.post("/api/admin/stations", station.copy().put("townships",
        new JsonArray().add("T2")));
    assertThat(outside.statusCode()).isEqualTo(400);
    assertThat(outside.bodyAsJsonObject().getString("field")).isEqualTo("lat");

    HttpResponse<Buffer> typed = node.post("/api/admin/stations", station.copy().put("lat", "north"));
    assertThat(typed.statusCode()).isEqualTo(400);
    assertThat(typed.bodyAsJsonObject().getString("message")).contains("'lat'");

    HttpResponse<Buffer> taken = node.post("/api/admin/stations", station.copy().put("code", "S1")
        .put("townships", new JsonArray().add("T1")));
    assertThat(taken.statusCode()).isEqualTo(409);

    HttpResponse<Buffer> inUse = node.delete("/api/admin/stations/S1");
    assertThat(inUse.statusCode()).isEqualTo(409);
    assertThat(inUse.bodyAsJsonObject().getString("message")).contains("office 'O1'");
    assertThat(node.delete("/api/admin/stations/S8").statusCode()).isEqualTo(404);
  }

  @Test
  void aPersonIsCreatedMovedRetiredAndRestored() {
    JsonObject person = new JsonObject().put("id", "aux-20").put("name", "新辅警").put("kind", "auxiliary")
        .put("phone", "13900000020").put("post", "W2");
    assertThat(node.post("/api/admin/people", person).statusCode()).isEqualTo(201);
    assertThat(node.get("/api/units/aux-20").bodyAsJsonObject().getString("workstationId")).isEqualTo("W2");

    HttpResponse<Buffer> wrongPost = node.put("/api/admin/people/aux-20", person.copy().put("post", "O1"));
    assertThat(wrongPost.statusCode()).isEqualTo(400);
    assertThat(wrongPost.bodyAsJsonObject().getString("field")).isEqualTo("post");

    assertThat(node.put("/api/admin/people/aux-20", person.copy().put("post", "W4")).statusCode()).isEqualTo(200);
    JsonObject unit = node.get("/api/units/aux-20").bodyAsJsonObject();
    assertThat(unit.getString("workstationId")).isEqualTo("W4");
    assertThat(unit.getString("stationId")).isEqualTo("S2");

    assertThat(node.delete("/api/admin/people/aux-20").statusCode()).isEqualTo(200);
    assertThat(node.get("/api/units/aux-20").bodyAsJsonObject().getString("status")).isEqualTo("retired");
    assertThat(node.get("/api/admin/people?status=retired").bodyAsJsonObject().getJsonArray("items").stream()
        .map(p -> ((JsonObject) p).getString("id"))).contains("aux-20");
    assertThat(node.post("/api/admin/people/aux-20/restore", new JsonObject()).statusCode()).isEqualTo(200);
    assertThat(node.get("/api/units/aux-20").bodyAsJsonObject().getString("status")).isNotEqualTo("retired");
  }

  /** An open incident holds its units: neither the person nor their device can be retired until it is over. */
  @Test
  void aPersonOrDeviceOnAnOpenIncidentIsNotRetired() throws Exception {
    JsonObject person = new JsonObject().put("id", "aux-22").put("name", "值班辅警").put("kind", "auxiliary")
        .put("phone", "13900000022").put("post", "W6");
    assertThat(node.post("/api/admin/people", person).statusCode()).isEqualTo(201);
    String secret = createDevice("phone-322", "aux-22");
    try (TestDevice d = TestDevice.connect(node.node().gateway().mqttPort(), "phone-322", secret)) {
      d.at(34.471, 113.161);
      await().until(() -> node.get("/api/units/aux-22").bodyAsJsonObject().getBoolean("online"));
      String incident = node.post("/api/incidents", new JsonObject().put("type", "fire").put("severity", 1)
          .put("lat", 34.47).put("lon", 113.162).put("description", "held")).bodyAsJsonObject().getString("id");
      try {
        assertThat(d.nextOrder("offer").getString("incidentId")).isEqualTo(incident);
        HttpResponse<Buffer> device = node.delete("/api/admin/devices/phone-322");
        assertThat(device.statusCode()).as(device.bodyAsString()).isEqualTo(409);
        assertThat(device.bodyAsJsonObject().getString("message")).contains("phone-322 holds an open incident");
        HttpResponse<Buffer> retired = node.delete("/api/admin/people/aux-22");
        assertThat(retired.statusCode()).as(retired.bodyAsString()).isEqualTo(409);
      } finally {
        node.post("/api/incidents/" + incident + "/cancel", new JsonObject().put("reason", "test"));
      }
    }
    assertThat(node.delete("/api/admin/devices/phone-322").statusCode()).isEqualTo(200);
    assertThat(node.delete("/api/admin/people/aux-22").statusCode()).isEqualTo(200);
  }

  @Test
  void aRevokedOrRetiredDeviceIsDisconnectedAndRefused() throws Exception {
    String secret = createDevice("phone-401", "aux-4");
    TestDevice d = TestDevice.connect(node.node().gateway().mqttPort(), "phone-401", secret);
    assertThat(node.delete("/api/devices/phone-401/secret").statusCode()).isEqualTo(200);
    await().until(() -> !d.connected());
    assertThatThrownBy(() -> TestDevice.connect(node.node().gateway().mqttPort(), "phone-401", secret))
        .isInstanceOf(MqttException.class);

    String fresh = TestSecrets.register("a reissued device secret",
        node.post("/api/devices/phone-401/secret", null).bodyAsJsonObject().getString("secret"));
    TestDevice again = TestDevice.connect(node.node().gateway().mqttPort(), "phone-401", fresh);
    assertThat(node.delete("/api/admin/devices/phone-401").statusCode()).isEqualTo(200);
    await().until(() -> !again.connected());
    assertThatThrownBy(() -> TestDevice.connect(node.node().gateway().mqttPort(), "phone-401", fresh))
        .isInstanceOf(MqttException.class);
  }

  /**
   * A secret is shown once, in the answer: the set-up code names the server by the scheme and Host
   * the admin used, whatever else the request line holds; a request that names no host is refused
   * before anything is stored.
   */
  @Test
  void aNewSecretIsAlwaysAnsweredWithTheServerTheAdminReached() throws Exception {
    String origin = "http://localhost:" + node.httpPort();
    HttpResponse<Buffer> created = node.post("/api/admin/devices?x=a|b", new JsonObject().put("deviceId", "phone-601")
        .put("personId", "aux-5"));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    assertThat(setupServer(created.bodyAsJsonObject().getJsonObject("secret"))).isEqualTo(origin);
    HttpResponse<Buffer> issued = node.post("/api/devices/phone-601/secret?x=a|b", null);
    assertThat(issued.statusCode()).as(issued.bodyAsString()).isEqualTo(200);
    assertThat(setupServer(issued.bodyAsJsonObject())).isEqualTo(origin);

    String stored = secretHash("phone-601");
    String noHost = raw("POST /api/devices/phone-601/secret HTTP/1.0\r\nAuthorization: Bearer " + node.token()
        + "\r\nContent-Length: 0\r\n\r\n");
    assertThat(noHost).startsWith("HTTP/1.0 400").contains("\"error\":\"bad_request\"").contains("names no host");
    assertThat(secretHash("phone-601")).as("the secret in force").isEqualTo(stored);
  }

  /**
   * A new secret is shown once, in the answer to the change that issued it: once the change is
   * stored, the answer is given even when this node cannot load the county again at once (here a
   * road written with the device that cannot be read back); the node loads it at its next check.
   */
  @Test
  void aStoredDevicesSecretIsAnsweredEvenWhenTheNodeCannotLoadTheChangeAtOnce() {
    TestDatabase.execute("admin_it", null, "create function lamplight_test_bad_road() returns trigger language plpgsql"
        + " as $$ begin insert into roads (id, name, kind, points) values ('bad-road', 'bad', 'village', '\"none\"');"
        + " return null; end $$");
    TestDatabase.execute("admin_it", null, "create trigger lamplight_test_bad_road after insert on devices for each row"
        + " when (new.id = 'phone-602') execute function lamplight_test_bad_road()");
    try {
      HttpResponse<Buffer> created = node.post("/api/admin/devices", new JsonObject().put("deviceId", "phone-602")
          .put("personId", "aux-5"));
      assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
      TestSecrets.register("a device secret", created.bodyAsJsonObject().getJsonObject("secret").getString("secret"));
    } finally {
      TestDatabase.execute("admin_it", null, "drop function lamplight_test_bad_road() cascade");
      TestDatabase.execute("admin_it", null, "delete from roads where id = 'bad-road'");
    }
    await().until(() -> node.get("/api/admin/devices?q=phone-602").bodyAsJsonObject().getLong("total") == 1);
  }

  private static String setupServer(JsonObject secret) {
    TestSecrets.register("a device secret", secret.getString("secret"));
    return new JsonObject(secret.getString("setup")).getString("server");
  }

  private static String secretHash(String deviceId) throws Exception {
    try (var c = TestDatabase.connect("admin_it");
         var rs = c.createStatement().executeQuery("select secret_hash from devices where id = '" + deviceId + "'")) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** Sends {@code request} on a socket of its own and returns everything the server sends until it closes. */
  private static String raw(String request) throws Exception {
    try (Socket socket = new Socket("localhost", node.httpPort())) {
      socket.setSoTimeout(20_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aDisabledAccountsTokenIsRefusedAtOnce() {
    String password = TestSecrets.register("a test account password", "desk-password-1");
    assertThat(node.post("/api/accounts", new JsonObject().put("username", "s1-desk").put("password", password)
        .put("role", "station").put("stations", new JsonArray().add("S1"))).statusCode()).isEqualTo(201);
    assertThat(node.post("/api/accounts", new JsonObject().put("username", "s9-desk").put("password", password)
        .put("role", "station").put("stations", new JsonArray().add("S9"))).statusCode()).isEqualTo(400);
    String token = login("s1-desk", password);
    assertThat(node.get("/api/units", token).statusCode()).isEqualTo(200);

    assertThat(node.post("/api/accounts/s1-desk/disable", new JsonObject()).statusCode()).isEqualTo(200);
    assertThat(node.get("/api/units", token).statusCode()).isEqualTo(401);
    assertThat(node.post("/api/login", new JsonObject().put("username", "s1-desk").put("password", password), null)
        .statusCode()).isEqualTo(401);

    assertThat(node.post("/api/accounts/s1-desk/enable", new JsonObject()).statusCode()).isEqualTo(200);
    assertThat(node.get("/api/units", token).statusCode()).as("enabling does not revive older tokens").isEqualTo(401);
    token = login("s1-desk", password);
    assertThat(node.get("/api/units", token).statusCode()).isEqualTo(200);

    String changed = TestSecrets.register("a changed account password", "desk-password-2");
    HttpResponse<Buffer> own = node.post("/api/account/password", new JsonObject().put("current", password)
        .put("password", changed), login("s1-desk", password));
    assertThat(own.statusCode()).as(own.bodyAsString()).isEqualTo(200);
    assertThat(node.get("/api/units", own.bodyAsJsonObject().getString("token")).statusCode()).isEqualTo(200);
    assertThat(node.get("/api/accounts", token).statusCode()).isEqualTo(401);
  }

  @Test
  void theAuditLogListsTheChangesWithoutSecrets() {
    JsonObject station = new JsonObject().put("code", "S5").put("name", "审计派出所").put("lat", 34.45).put("lon", 113.05)
        .put("townships", new JsonArray().add("T1"));
    assertThat(node.post("/api/admin/stations", station).statusCode()).isEqualTo(201);
    assertThat(node.put("/api/admin/stations/S5", station.copy().put("name", "改名派出所")).statusCode()).isEqualTo(200);
    String secret = createDevice("phone-501", "aux-6");

    JsonObject page = node.get("/api/audit?kind=station&actor=admin").bodyAsJsonObject();
    JsonObject update = page.getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(e -> e.getString("action").equals("station.update") && "S5".equals(e.getString("target")))
        .findFirst().orElseThrow();
    assertThat(update.getJsonObject("details").getJsonObject("before").getString("name")).isEqualTo("审计派出所");
    assertThat(update.getJsonObject("details").getJsonObject("after").getString("name")).isEqualTo("改名派出所");
    JsonObject devices = node.get("/api/audit?kind=device&limit=500").bodyAsJsonObject();
    assertThat(devices.getJsonArray("items").stream().map(e -> ((JsonObject) e).getString("action")))
        .contains("device.create");
    assertThat(devices.encode()).doesNotContain(secret);
    assertThat(node.get("/api/audit?kind=county").bodyAsJsonObject().getInteger("total")).isGreaterThanOrEqualTo(1);
    long later = System.currentTimeMillis() + 60_000;
    assertThat(node.get("/api/audit?from=" + later + "&to=" + (later + 1000)).bodyAsJsonObject()
        .getInteger("total")).isZero();
  }

  @Test
  void anAdminCannotTakeTheAdminRoleFromItsOwnAccount() {
    HttpResponse<Buffer> r = node.put("/api/accounts/admin", new JsonObject().put("role", "viewer"));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(409);
    assertThat(node.get("/api/accounts/admin").bodyAsJsonObject().getString("role")).isEqualTo("admin");
  }

  @Test
  void guessingTheCurrentPasswordIsThrottledAsALoginIs() {
    String password = TestSecrets.register("a viewer's password", "viewer-guessed-password");
    assertThat(node.post("/api/accounts", new JsonObject().put("username", "guessed").put("password", password)
        .put("role", "viewer")).statusCode()).isEqualTo(201);
    String token = login("guessed", password);
    // five wrong guesses lock the account for a while; each lock is longer, so a guess soon meets one
    HttpResponse<Buffer> r = null;
    for (int i = 0; i < 12 && (r == null || r.statusCode() != 429); i++) {
      r = node.post("/api/account/password", new JsonObject().put("current", "guess-" + i)
          .put("password", "a-new-password-" + i), token);
      assertThat(r.statusCode()).as(r.bodyAsString()).isIn(400, 429);
    }
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.getHeader("Retry-After")).isNotBlank();
    assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("too_many_attempts");
  }

  private static String createDevice(String deviceId, String personId) {
    HttpResponse<Buffer> r = node.post("/api/admin/devices", new JsonObject().put("deviceId", deviceId)
        .put("personId", personId));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    JsonObject secret = r.bodyAsJsonObject().getJsonObject("secret");
    assertThat(secret.getString("qrSvg")).startsWith("<svg");
    assertThat(new JsonObject(secret.getString("setup")).getString("deviceId")).isEqualTo(deviceId);
    return TestSecrets.register("the device secret of " + deviceId, secret.getString("secret"));
  }

  private static String login(String username, String password) {
    HttpResponse<Buffer> r = node.post("/api/login", new JsonObject().put("username", username).put("password", password),
        null);
    assertThat(r.statusCode()).isEqualTo(200);
    return TestSecrets.register("a bearer token of " + username, r.bodyAsJsonObject().getString("token"));
  }
}
