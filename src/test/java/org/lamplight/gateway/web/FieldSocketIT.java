package org.lamplight.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lamplight.Await.await;
import static org.lamplight.gateway.GatewayFixtures.counter;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lamplight.TestDatabase;
import org.lamplight.TestNode;
import org.lamplight.TestPlans;
import org.lamplight.TestSecrets;
import org.lamplight.config.Keys;
import org.lamplight.gateway.ClientIds;
import org.lamplight.gateway.DeviceBus;

/**
 * The field app's WebSocket transport against a real node, with the JDK's WebSocket client as the
 * app: login, messages and their acknowledgements, orders delivered, acknowledged and delivered
 * again after a reconnect, resent reports and ledger entries applied once, photos, and a secret
 * issued anew ending the session. Each test works with its own devices and corner of the county.
 */
class FieldSocketIT {

  static TestNode node;
  static final HttpClient HTTP = HttpClient.newHttpClient();
  /** The events the gateway handed to the rest of Lamplight (dispatch, the ledger). */
  static final List<JsonObject> events = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    TestDatabase.resetRuntimeTables();
    // offers wait for the test
    node = TestNode.start(Map.of(Keys.DISPATCH_PLANS, TestPlans.oneUnitPerFire(60_000, 3000).toString(),
        Keys.PRESENCE_GRACE, "300ms",
        Keys.AUTH_THROTTLE_FAILURES, 3, Keys.FIELD_PHOTO_MAX, 4096, Keys.FIELD_PHOTOS_PER_DAY, 3, Keys.FIELD_SOCKET_QUEUE, 8192));
    // watched on the way out: dispatch, their one consumer, answers each
    node.node().vertx().eventBus().addOutboundInterceptor(delivery -> {
      if (DeviceBus.EVENTS.equals(delivery.message().address())) {
        events.add((JsonObject) delivery.body());
      }
      delivery.next();
    });
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @BeforeEach
  void clean() {
    events.clear();
  }

  private static TestFieldApp app(String deviceId) {
    return TestFieldApp.connect(node, deviceId, TestFieldApp.login(node, deviceId, node.issueSecret(deviceId)));
  }

  private static JsonObject unit(String unitId) {
    return node.get("/api/units/" + unitId).bodyAsJsonObject();
  }

  private static JsonObject position(double lat, double lon) {
    return new JsonObject().put("lat", lat).put("lon", lon).put("ts", System.currentTimeMillis()).put("acc", 5);
  }

  private static void at(TestFieldApp app, String unitId, double lat, double lon) throws InterruptedException {
    assertThat(app.ack(app.publish("position", position(lat, lon))).getBoolean("ok")).isTrue();
    await().until(() -> {
      JsonObject p = unit(unitId).getJsonObject("position");
      return p != null && Math.abs(p.getDouble("lat") - lat) < 1e-9;
    });
  }

  private static String fire(double lat, double lon) {
    var r = node.post("/api/incidents", new JsonObject().put("type", "fire").put("severity", 1).put("lat", lat)
        .put("lon", lon).put("description", "field app test"));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject().getString("id");
  }

  private static String assignmentStatus(String incidentId, String unitId) {
    return node.get("/api/incidents/" + incidentId).bodyAsJsonObject().getJsonArray("assignments").stream()
        .map(JsonObject.class::cast).filter(a -> unitId.equals(a.getString("unitId")))
        .map(a -> a.getString("status")).reduce((a, b) -> b).orElse(null);
  }

  private static long count(String sql) throws Exception {
    try (var c = TestDatabase.connect("postgres"); ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void aLoggedInAppIsAnOnlineDeviceThatCanBeOfferedIncidents() throws Exception {
    String secret = node.issueSecret("dev-aux-0201");
    var login = node.post("/api/device/login", new JsonObject().put("deviceId", "dev-aux-0201").put("secret", secret), null);
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.bodyAsJsonObject().getString("unitId")).isEqualTo("aux-0201");
    assertThat(login.bodyAsJsonObject().getLong("expiresIn")).isEqualTo(30L * 86_400);
    String token = TestSecrets.register("a device token", login.bodyAsJsonObject().getString("token"));

    try (TestFieldApp app = TestFieldApp.connect(node, "dev-aux-0201", token)) {
      JsonObject hello = app.hello();
      assertThat(hello.getString("deviceId")).isEqualTo("dev-aux-0201");
      assertThat(hello.getString("unitId")).isEqualTo("aux-0201");
      assertThat(hello.getString("name")).isNotBlank();
      await().until(() -> unit("aux-0201").getBoolean("online"));
      assertThat(unit("aux-0201").getString("channel")).isEqualTo("orders");
      assertThat(node.get("/api/device/me", token).bodyAsJsonObject().getString("unitId")).isEqualTo("aux-0201");
    }
    await().until(() -> !unit("aux-0201").getBoolean("online"));
  }

  @Test
  void theAppIsServedToInstallWithItsManifestAndServiceWorker() {
    var page = node.get("/field/", null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.bodyAsString()).contains("manifest.webmanifest").contains("/vendor/leaflet/leaflet.js");
    var manifest = node.get("/field/manifest.webmanifest", null);
    assertThat(manifest.getHeader("content-type")).startsWith("application/manifest+json");
    assertThat(manifest.bodyAsJsonObject().getString("start_url")).isEqualTo("/field/");
    assertThat(node.get("/field/sw.js", null).getHeader("content-type")).contains("javascript");
    assertThat(node.get("/field/icon-512.png", null).getHeader("content-type")).isEqualTo("image/png");
  }

  @Test
  void aDeviceTokenIsNotAnAccountTokenNorTheOtherWayRound() {
    String token = TestFieldApp.login(node, "dev-aux-0202", node.issueSecret("dev-aux-0202"));
    assertThat(node.get("/api/units", token).statusCode()).isEqualTo(401);
    assertThat(node.get("/api/device/me", node.token()).statusCode()).isEqualTo(401);
    assertThatThrownBy(() -> TestFieldApp.attempt(node, node.token()).join()).hasRootCauseMessage("Unexpected HTTP response status code 401");
  }

  @Test
  void wrongSecretsAreRefusedAlikeAndThenThrottled() {
    node.issueSecret("dev-aux-0203");
    JsonObject wrong = new JsonObject().put("deviceId", "dev-aux-0203").put("secret", "not-the-secret");
    for (int i = 0; i < 3; i++) {
      var r = node.post("/api/device/login", wrong, null);
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.bodyAsJsonObject().getString("message")).isEqualTo("wrong device id or secret");
    }
    var unknown = node.post("/api/device/login", new JsonObject().put("deviceId", "dev-nobody").put("secret", "x"), null);
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(unknown.bodyAsJsonObject().getString("message")).isEqualTo("wrong device id or secret");
    var throttled = node.post("/api/device/login", wrong, null);
    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.bodyAsJsonObject().getString("error")).isEqualTo("too_many_attempts");
    assertThat(Integer.parseInt(throttled.getHeader("retry-after"))).isPositive();
  }

  @Test
  void everyMessageIsAcknowledgedByItsIdAndRefusalsSayWhy() throws Exception {
    try (TestFieldApp app = app("dev-aux-0204")) {
      app.hello();
      at(app, "aux-0204", 33.71, 114.41);
      JsonObject badLat = app.ack(app.publish("position", position(95, 114.41)));
      assertThat(badLat.getBoolean("ok")).isFalse();
      assertThat(badLat.getString("error")).isEqualTo("lat_out_of_range");
      JsonObject missing = app.ack(app.publish("status", new JsonObject().put("duty", "maybe")));
      assertThat(missing.getString("error")).isEqualTo("invalid_value");

      app.publish("x1", "lamplight/devices/dev-aux-0001/position", position(33.71, 114.41));
      assertThat(app.ack("x1").getString("error")).isEqualTo("topic_not_allowed");
      app.publish("x2", "owntracks/dev-aux-0204/phone", new JsonObject().put("_type", "location"));
      assertThat(app.ack("x2").getString("error")).isEqualTo("topic_not_allowed");
      app.publish("x3", "lamplight/devices/dev-aux-0204/orders", new JsonObject());
      assertThat(app.ack("x3").getString("error")).isEqualTo("topic_not_allowed");

      double malformed = counter(node, "lamplight_device_messages_rejected_total", "reason", "malformed_json");
      app.sendText("not json");
      assertThat(app.ack(null).getString("error")).isEqualTo("malformed_json");
      assertThat(counter(node, "lamplight_device_messages_rejected_total", "reason", "malformed_json"))
          .as("an envelope refused is counted as a payload is").isEqualTo(malformed + 1);
      app.send(new JsonObject().put("type", "publish").put("topic", app.topic("position")));
      assertThat(app.ack(null).getString("error")).isEqualTo("missing_field");
      app.send(new JsonObject().put("type", "shout").put("id", "x4"));
      assertThat(app.ack("x4").getString("error")).isEqualTo("unsupported_message");
      app.send(new JsonObject().put("type", "publish").put("id", "x5").put("topic", app.topic("events"))
          .put("payload", new JsonObject().put("description", "x".repeat(4500))));
      assertThat(app.ack("x5").getString("error")).as("a payload over mqtt.max-payload").isEqualTo("payload_too_large");
      app.send(new JsonObject().put("type", "publish").put("id", "x7").put("topic", app.topic("events"))
          .put("payload", new JsonObject().put("description", "x".repeat(6000))));
      assertThat(app.ack(null).getString("error")).as("an envelope too large to read").isEqualTo("payload_too_large");
      app.send(new JsonObject().put("type", "ping").put("id", "x6"));
      assertThat(app.ack("x6").getBoolean("ok")).isTrue();

      JsonObject duty = app.ack(app.publish("status", new JsonObject().put("duty", "off")));
      assertThat(duty.getBoolean("ok")).isTrue();
      await().until(() -> "off_duty".equals(unit("aux-0204").getString("status")));
      app.ack(app.publish("status", new JsonObject().put("duty", "on")));
      await().until(() -> unit("aux-0204").getBoolean("onDuty"));
    }
  }

  @Test
  void receiptsTakeFromTheDevicesMessageRateAndThoseBeyondItAreRefused() throws Exception {
    int flood = 2 * Keys.INGEST_DEVICE_MESSAGE_BURST.defaultValue();
    try (TestFieldApp app = app("dev-aux-0218")) {
      app.hello();
      for (int i = 0; i < flood; i++) {
        app.received("ord-none:offer:" + i);
      }
      int ok = 0;
      for (int i = 0; i < flood; i++) {
        JsonObject ack = app.nextAck();
        if (ack.getBoolean("ok")) {
          ok++;
        } else {
          assertThat(ack.getString("error")).isEqualTo("rate_limited");
        }
      }
      assertThat(ok).as("receipts recorded").isPositive().isLessThan(flood);
    }
  }

  @Test
  void aMessageBeyondTheWebSocketLimitIsDroppedUnreadAndTheConnectionGoesOn() throws Exception {
    try (TestFieldApp app = app("dev-aux-0213")) {
      app.hello();
      app.sendText("{\"type\":\"ping\",\"id\":\"big\",\"pad\":\"" + "x".repeat(20_000) + "\"}");
      app.send(new JsonObject().put("type", "ping").put("id", "after"));
      assertThat(app.nextAck()).as("nothing comes back for the big one").isEqualTo(new JsonObject().put("ack", "after")
          .put("ok", true));
    }
  }

  @Test
  void anAppThatStopsReadingIsDisconnectedOnceWhatWaitsForItIsOverTheBound() throws Exception {
    TestFieldApp app = app("dev-aux-0214");
    app.hello();
    await().until(() -> unit("aux-0214").getBoolean("online"));
    app.stopReading();
    JsonObject ping = new JsonObject().put("type", "ping").put("id", "p");
    // every ping is acknowledged; unread acknowledgements pile up until the server gives up on the app
    await().until(() -> {
      try {
        for (int i = 0; i < 2000; i++) {
          app.send(ping);
        }
      } catch (RuntimeException closedMeanwhile) {
        return true;
      }
      return !unit("aux-0214").getBoolean("online");
    });
    app.resumeReading();
    assertThat(app.closed().get(20, TimeUnit.SECONDS)).isIn(4408, -1);
    await().until(() -> !unit("aux-0214").getBoolean("online"));
  }

  @Test
  void anOrderIsDeliveredUntilTheAppSaysItReceivedItAndRepliesDriveDispatch() throws Exception {
    double lat = 33.72;
    double lon = 114.42;
    String token = TestFieldApp.login(node, "dev-aux-0205", node.issueSecret("dev-aux-0205"));
    String deliveryId;
    String incidentId;
    // each connection is replaced by the next, as when a phone reconnects before its old
    // connection is noticed gone, so the unit never goes offline (which would make dispatch move on)
    TestFieldApp app = TestFieldApp.connect(node, "dev-aux-0205", token);
    app.hello();
    at(app, "aux-0205", lat + 0.002, lon);
    incidentId = fire(lat, lon);
    JsonObject offer = app.nextOrder("offer");
    deliveryId = offer.getString("deliveryId");
    assertThat(offer.getJsonObject("order").getString("incidentId")).isEqualTo(incidentId);
    assertThat(offer.getJsonObject("order").getString("type")).isEqualTo("fire");

    TestFieldApp again = TestFieldApp.connect(node, "dev-aux-0205", token); // the offer was not said received
    again.hello();
    assertThat(app.closed().get(20, TimeUnit.SECONDS)).isEqualTo(4409);
    JsonObject redelivered = again.nextOrder("offer");
    assertThat(redelivered.getString("deliveryId")).isEqualTo(deliveryId);
    again.received(deliveryId);
    await().until(() -> count("select count(*) from device_orders where delivery_id = '" + deliveryId
        + "' and acked_at is not null") == 1);
    String orderId = redelivered.getJsonObject("order").getString("orderId");
    JsonObject reply = new JsonObject().put("orderId", orderId).put("action", "accept");
    assertThat(again.ack(again.publish("events", reply)).getBoolean("ok")).isTrue();
    assertThat(assignmentStatus(incidentId, "aux-0205")).as("applied before acknowledged").isEqualTo("accepted");
    // the same reply resent after a lost acknowledgement changes nothing
    assertThat(again.ack(again.publish("events", reply)).getBoolean("ok")).isTrue();
    again.ack(again.publish("events", new JsonObject().put("orderId", orderId).put("action", "enroute")));
    assertThat(assignmentStatus(incidentId, "aux-0205")).isEqualTo("enroute");
    // a reply dispatch cannot take is refused with its reason, not acknowledged and dropped
    JsonObject late = again.ack(again.publish("events", new JsonObject().put("orderId", orderId).put("action", "accept")));
    assertThat(late.getString("error")).isEqualTo("invalid_value");
    assertThat(late.getString("message")).contains("cannot accept");
    assertThat(late.getString("code")).as("dispatch's code, for the app to say in its language").isEqualTo("invalid_reply");
    assertThat(late.getJsonObject("params").getString("status")).isEqualTo("enroute");
    JsonObject unknown = again.ack(again.publish("events", new JsonObject().put("orderId", "ord-none").put("action",
        "accept")));
    assertThat(unknown.getString("error")).isEqualTo("invalid_value");
    assertThat(unknown.getString("message")).isEqualTo("no open incident has order ord-none");
    assertThat(unknown.getString("code")).isEqualTo("unknown_order");

    TestFieldApp third = TestFieldApp.connect(node, "dev-aux-0205", token);
    third.hello();
    third.ack(third.publish("status", new JsonObject().put("duty", "on")));
    assertThat(third.pendingOrders()).as("a received order is not delivered again")
        .noneMatch(o -> deliveryId.equals(o.getString("deliveryId")));
    assertThat(assignmentStatus(incidentId, "aux-0205")).isEqualTo("enroute");
    third.close();
    node.post("/api/incidents/" + incidentId + "/cancel", new JsonObject().put("reason", "test"));
  }

  @Test
  void aDroppedAppStaysOnlineForTheGracePeriodAndALoggedOutOneGoesOfflineAtOnce() throws Exception {
    String token = TestFieldApp.login(node, "dev-aux-0206", node.issueSecret("dev-aux-0206"));
    TestFieldApp app = TestFieldApp.connect(node, "dev-aux-0206", token);
    app.hello();
    await().until(() -> unit("aux-0206").getBoolean("online"));
    app.drop();
    await().until(() -> !unit("aux-0206").getBoolean("online"));

    TestFieldApp back = TestFieldApp.connect(node, "dev-aux-0206", token);
    back.hello();
    await().until(() -> unit("aux-0206").getBoolean("online"));
    TestFieldApp replacing = TestFieldApp.connect(node, "dev-aux-0206", token);
    replacing.hello();
    assertThat(back.closed().get(20, TimeUnit.SECONDS)).as("the older connection is replaced").isEqualTo(4409);
    assertThat(unit("aux-0206").getBoolean("online")).isTrue();
    replacing.close();
    await().until(() -> !unit("aux-0206").getBoolean("online"));
  }

  @Test
  void aReportSentAgainAfterAReconnectOpensOneIncident() throws Exception {
    double lat = 33.73;
    double lon = 114.43;
    String token = TestFieldApp.login(node, "dev-aux-0207", node.issueSecret("dev-aux-0207"));
    JsonObject report = new JsonObject().put("type", "report").put("incident", "fire").put("severity", 1)
        .put("lat", lat).put("lon", lon).put("description", "smoke behind the school").put("clientId", "rep-1");
    try (TestFieldApp app = TestFieldApp.connect(node, "dev-aux-0207", token)) {
      app.hello();
      at(app, "aux-0207", lat, lon);
      app.publish("rep-1", app.topic("events"), report);
      app.drop(); // the acknowledgement may be lost with the connection
    }
    String incidentId = ClientIds.of("report", "dev-aux-0207", "rep-1");
    await().until(() -> node.get("/api/incidents/" + incidentId).statusCode() == 200);
    try (TestFieldApp app = TestFieldApp.connect(node, "dev-aux-0207", token)) {
      app.hello();
      app.publish("rep-1", app.topic("events"), report);
      assertThat(app.ack("rep-1").getBoolean("ok")).isTrue();
      await().until(() -> events.stream().filter(e -> "rep-1".equals(e.getJsonObject("message").getString("clientId")))
          .count() == 2);
    }
    assertThat(count("select count(*) from incidents where reported_by = 'aux-0207'")).isEqualTo(1);
    assertThat(node.get("/api/incidents/" + incidentId).bodyAsJsonObject().getString("source")).isEqualTo("device");
    node.post("/api/incidents/" + incidentId + "/cancel", new JsonObject().put("reason", "test"));
  }

  @Test
  void aLedgerEntryIsAcknowledgedOnceStoredWithItsClientIdAndPhotoAndAResendCountsOnce() throws Exception {
    String clientId = "led-1";
    try (TestFieldApp app = app("dev-aux-0208")) {
      app.hello();
      JsonObject visit = new JsonObject().put("type", "ledger").put("kind", "household_visit").put("lat", 33.74)
          .put("lon", 114.44).put("note", "王家, 3 人").put("count", 1).put("clientId", clientId).put("photoId", "p-1");
      app.publish("led-1", app.topic("events"), visit);
      assertThat(app.ack("led-1").getBoolean("ok")).isTrue();
      assertThat(ledgerEntries("aux-0208", clientId)).singleElement().satisfies(entry -> assertThat(entry.getMap())
          .containsEntry("unitId", "aux-0208").containsEntry("kind", "household_visit").containsEntry("count", 1)
          .containsEntry("source", "device").containsEntry("photoId", "p-1").containsEntry("note", "王家, 3 人"));
      app.publish("led-1-again", app.topic("events"), visit);
      assertThat(app.ack("led-1-again").getBoolean("ok")).isTrue();
      assertThat(ledgerEntries("aux-0208", clientId)).hasSize(1);
      app.publish("led-2", app.topic("events"), visit.copy().put("kind", "picnic"));
      assertThat(app.ack("led-2").getString("error")).isEqualTo("invalid_value");
      // the ledger itself refuses what it cannot place in a village
      app.publish("led-3", app.topic("events"), visit.copy().put("clientId", clientId + "-far").put("lat", 10.0)
          .put("lon", 10.0));
      assertThat(app.ack("led-3").getString("error")).isEqualTo("invalid_value");
      assertThat(ledgerEntries("aux-0208", clientId + "-far")).isEmpty();
    }
  }

  private static List<JsonObject> ledgerEntries(String unitId, String clientId) {
    var r = node.get("/api/ledger?unit=" + unitId);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonArray().stream().map(JsonObject.class::cast)
        .filter(e -> clientId.equals(e.getString("clientId"))).toList();
  }

  @Test
  void aDeviceAddedWhileTheNodeRunsConnectsAndItsSessionEndsWhenItIsRetired() throws Exception {
    String token = TestFieldApp.login(node, "dev-aux-0211-new", addDevice("dev-aux-0211-new", "aux-0211"));
    TestFieldApp app = TestFieldApp.connect(node, "dev-aux-0211-new", token);
    assertThat(app.hello().getString("unitId")).isEqualTo("aux-0211");
    assertThat(node.delete("/api/admin/devices/dev-aux-0211-new").statusCode()).isEqualTo(200);
    assertThat(app.closed().get(20, TimeUnit.SECONDS)).isEqualTo(4401);
    assertThatThrownBy(() -> TestFieldApp.attempt(node, token).join()).hasRootCauseMessage("Unexpected HTTP response status code 401");
  }

  /** A device created over the admin API while the node runs; its secret. */
  private static String addDevice(String deviceId, String personId) {
    var created = node.post("/api/admin/devices", new JsonObject().put("deviceId", deviceId).put("personId", personId));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return TestSecrets.register("the device secret of " + deviceId,
        created.bodyAsJsonObject().getJsonObject("secret").getString("secret"));
  }

  @Test
  void anIssuedSecretEndsTheAppsSessionAndItsToken() throws Exception {
    String token = TestFieldApp.login(node, "dev-aux-0209", node.issueSecret("dev-aux-0209"));
    TestFieldApp app = TestFieldApp.connect(node, "dev-aux-0209", token);
    app.hello();
    await().until(() -> unit("aux-0209").getBoolean("online"));
    node.issueSecret("dev-aux-0209");
    assertThat(app.closed().get(20, TimeUnit.SECONDS)).isEqualTo(4401);
    await().until(() -> !unit("aux-0209").getBoolean("online"));
    assertThat(node.get("/api/device/me", token).statusCode()).isEqualTo(401);
    assertThatThrownBy(() -> TestFieldApp.attempt(node, token).join()).hasRootCauseMessage("Unexpected HTTP response status code 401");
  }

  private static HttpResponse<Buffer> upload(String token, String clientId, byte[] bytes, String type) {
    WebClient web = WebClient.create(node.node().vertx());
    try {
      var req = web.post(node.httpPort(), "localhost", "/api/device/photos" + (clientId == null ? "" : "?clientId=" + clientId))
          .putHeader("content-type", type);
      if (token != null) {
        req.bearerTokenAuthentication(token);
      }
      return req.sendBuffer(Buffer.buffer(bytes)).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      web.close();
    }
  }

  static byte[] jpeg(int size) {
    byte[] b = new byte[size];
    b[0] = (byte) 0xFF;
    b[1] = (byte) 0xD8;
    b[2] = (byte) 0xFF;
    return b;
  }

  @Test
  void photosAreStoredOnceLimitedShownOnlyInTheirStationsScopeAndDeletedAfterTheRetention() throws Exception {
    double lat = 33.75;
    double lon = 114.45;
    String token = TestFieldApp.login(node, "dev-aux-0210", node.issueSecret("dev-aux-0210"));
    assertThat(upload(null, null, jpeg(100), "image/jpeg").statusCode()).isEqualTo(401);
    assertThat(upload(token, null, jpeg(5000), "image/jpeg").statusCode()).isEqualTo(413);
    var text = upload(token, null, "just text, not a photo".getBytes(), "image/jpeg");
    assertThat(text.statusCode()).isEqualTo(415);

    var first = upload(token, "ph-1", jpeg(1000), "image/jpeg");
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(201);
    String photoId = first.bodyAsJsonObject().getString("photoId");
    assertThat(upload(token, "ph-1", jpeg(1000), "image/jpeg").bodyAsJsonObject().getString("photoId"))
        .as("a resent upload is the same photo").isEqualTo(photoId);

    try (TestFieldApp app = TestFieldApp.connect(node, "dev-aux-0210", token)) {
      app.hello();
      at(app, "aux-0210", lat, lon);
      app.publish("rep-ph", app.topic("events"), new JsonObject().put("type", "report").put("incident", "fire")
          .put("severity", 1).put("lat", lat).put("lon", lon).put("clientId", "rep-ph").put("photoId", photoId));
      assertThat(app.ack("rep-ph").getBoolean("ok")).isTrue();
    }
    String incidentId = ClientIds.of("report", "dev-aux-0210", "rep-ph");
    await().until(() -> node.get("/api/incidents/" + incidentId + "/photos").bodyAsJsonArray().size() == 1);
    JsonArray photos = node.get("/api/incidents/" + incidentId + "/photos").bodyAsJsonArray();
    assertThat(photos.getJsonObject(0).getString("id")).isEqualTo(photoId);
    assertThat(photos.getJsonObject(0).getString("unitId")).isEqualTo("aux-0210");

    var image = node.get("/api/photos/" + photoId);
    assertThat(image.statusCode()).isEqualTo(200);
    assertThat(image.getHeader("content-type")).isEqualTo("image/jpeg");
    assertThat(image.getHeader("cache-control")).contains("private").contains("immutable");
    assertThat(image.body().getBytes()).isEqualTo(jpeg(1000));
    var revalidated = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + node.httpPort() + "/api/photos/" + photoId))
        .header("Authorization", "Bearer " + node.token()).header("If-None-Match", image.getHeader("etag")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(revalidated.statusCode()).isEqualTo(304);

    String station = unit("aux-0210").getString("stationId");
    String other = node.get("/api/org").bodyAsJsonObject().getJsonArray("stations").stream().map(JsonObject.class::cast)
        .map(s -> s.getString("id")).filter(s -> !s.equals(station)).findFirst().orElseThrow();
    String own = stationToken("ph-own-" + System.nanoTime(), station);
    String elsewhere = stationToken("ph-other-" + System.nanoTime(), other);
    assertThat(node.get("/api/photos/" + photoId, own).statusCode()).isEqualTo(200);
    assertThat(node.get("/api/photos/" + photoId, elsewhere).statusCode()).isEqualTo(404);
    assertThat(node.get("/api/incidents/" + incidentId + "/photos", elsewhere).bodyAsJsonArray()).isEmpty();
    assertThat(node.get("/api/photos/" + photoId, token).statusCode()).as("not with a device token").isEqualTo(401);

    assertThat(upload(token, "ph-2", jpeg(10), "image/jpeg").statusCode()).isEqualTo(201);
    assertThat(upload(token, "ph-3", jpeg(10), "image/png").statusCode()).isEqualTo(201);
    var over = upload(token, "ph-4", jpeg(10), "image/jpeg");
    assertThat(over.statusCode()).isEqualTo(429);
    assertThat(over.bodyAsJsonObject().getString("error")).isEqualTo("too_many_photos");

    long afterRetention = System.currentTimeMillis() + node.node().config().get(Keys.FIELD_PHOTO_RETENTION) + 60_000;
    node.node().gateway().photos().deleteExpired(afterRetention).toCompletionStage().toCompletableFuture()
        .get(20, TimeUnit.SECONDS);
    assertThat(count("select count(*) from field_photos where device_id = 'dev-aux-0210'")).isZero();
    assertThat(node.get("/api/photos/" + photoId).statusCode()).isEqualTo(404);
    node.post("/api/incidents/" + incidentId + "/cancel", new JsonObject().put("reason", "test"));
  }

  private static String stationToken(String username, String station) {
    node.post("/api/accounts", new JsonObject().put("username", username).put("password", "long-enough-password")
        .put("role", "station").put("stations", new JsonArray().add(station)));
    var r = node.post("/api/login", new JsonObject().put("username", username).put("password", "long-enough-password"), null);
    return TestSecrets.register("a station token", r.bodyAsJsonObject().getString("token"));
  }

  @Test
  void theRouteFollowsTheRoadsOrElseTheStraightLineAndNamesTheVillageOfItsEnd() throws Exception {
    JsonObject home = unit("aux-0211").getJsonObject("home");
    JsonObject other = unit("aux-0240").getJsonObject("home");
    String token = TestFieldApp.login(node, "dev-aux-0211", node.issueSecret("dev-aux-0211"));
    var none = node.get("/api/device/route?toLat=33.8&toLon=114.5", token);
    assertThat(none.statusCode()).isEqualTo(409);
    String query = "/api/device/route?fromLat=" + home.getDouble("lat") + "&fromLon=" + home.getDouble("lon")
        + "&toLat=" + other.getDouble("lat") + "&toLon=" + other.getDouble("lon");
    JsonObject route = node.get(query, token).bodyAsJsonObject();
    assertThat(route.getBoolean("byRoad")).isTrue();
    assertThat(route.getJsonArray("points").size()).isGreaterThan(4);
    assertThat(route.getJsonArray("points").getJsonArray(0).getDouble(0)).isEqualTo(home.getDouble("lat"));
    assertThat(route.getLong("etaMs")).isPositive();
    assertThat(route.getString("place")).as("the village of the destination").isNotBlank();
    JsonObject sea = node.get("/api/device/route?fromLat=10&fromLon=10&toLat=10.01&toLon=10", token).bodyAsJsonObject();
    assertThat(sea.getBoolean("byRoad")).isFalse();
    assertThat(sea.getJsonArray("points")).hasSize(2);
    assertThat(sea.containsKey("place")).isTrue();
    assertThat(sea.getString("place")).as("outside every village").isNull();
    assertThat(node.get("/api/device/route?toLat=99&toLon=10", token).statusCode()).isEqualTo(400);
  }

  @Test
  void aUnitWithTheAppAndAPositionsOnlyAppGetsItsOffersOnTheFieldApp() throws Exception {
    double lat = 33.76;
    double lon = 114.46;
    String phone = "dev-aux-0212-traccar";
    String phoneSecret = addDevice(phone, "aux-0212");
    try (TestFieldApp app = app("dev-aux-0212")) {
      app.hello();
      var fix = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + node.node().gateway().osmandPort()
              + "/?id=" + phone + "&key=" + phoneSecret + "&lat=" + (lat + 0.002) + "&lon=" + lon
              + "&timestamp=" + System.currentTimeMillis() / 1000)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(fix.statusCode()).isEqualTo(200);
      await().until(() -> unit("aux-0212").getJsonObject("position") != null);
      assertThat(unit("aux-0212").getString("deviceId")).isEqualTo("dev-aux-0212");
      assertThat(unit("aux-0212").getString("channel")).isEqualTo("orders");
      String incidentId = fire(lat, lon);
      JsonObject offer = app.nextOrder("offer");
      assertThat(offer.getJsonObject("order").getString("incidentId")).isEqualTo(incidentId);
      assertThat(count("select count(*) from device_orders where device_id = '" + phone + "'")).isZero();
      node.post("/api/incidents/" + incidentId + "/cancel", new JsonObject().put("reason", "test"));
    }
  }

  @Test
  void theUnitThatTakesAJobIsToldWhomToCallAndReadsItsOwnDay() throws Exception {
    JsonObject home = unit("aux-0215").getJsonObject("home");
    double lat = home.getDouble("lat");
    double lon = home.getDouble("lon");
    String token = TestFieldApp.login(node, "dev-aux-0215", node.issueSecret("dev-aux-0215"));
    String other = TestFieldApp.login(node, "dev-aux-0216", node.issueSecret("dev-aux-0216"));
    try (TestFieldApp app = TestFieldApp.connect(node, "dev-aux-0215", token)) {
      app.hello();
      at(app, "aux-0215", lat, lon);
      var created = node.post("/api/incidents", new JsonObject().put("type", "fire").put("severity", 1)
          .put("lat", lat + 0.001).put("lon", lon).put("description", "haystack").put("source", "transfer_119")
          .put("callerName", "王先生").put("callerPhone", "13800000000")).bodyAsJsonObject();
      String incidentId = created.getString("id");

      // the offer leaves the resident's number out; the accepted unit is sent it
      JsonObject offer = app.nextOrder("offer").getJsonObject("order");
      assertThat(offer.containsKey("caller")).isFalse();
      String orderId = offer.getString("orderId");
      app.ack(app.publish("events", new JsonObject().put("orderId", orderId).put("action", "accept")));
      JsonObject update = app.nextOrder("update").getJsonObject("order");
      assertThat(update.getString("orderId")).isEqualTo(orderId);
      assertThat(update.getJsonObject("caller")).isEqualTo(new JsonObject().put("name", "王先生")
          .put("phone", "13800000000"));

      JsonObject hazard = new JsonObject().put("type", "ledger").put("kind", "fire_hazard").put("lat", lat)
          .put("lon", lon).put("note", "straw by the stove").put("clientId", "day-hazard");
      assertThat(app.ack(app.publish("events", hazard)).getBoolean("ok")).isTrue();
      JsonObject visits = new JsonObject().put("type", "ledger").put("kind", "household_visit").put("count", 3)
          .put("lat", lat).put("lon", lon).put("clientId", "day-visit");
      assertThat(app.ack(app.publish("events", visits)).getBoolean("ok")).isTrue();
      await().until(() -> "accepted".equals(assignmentStatus(incidentId, "aux-0215")));

      var response = node.get("/api/device/day", token);
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
      JsonObject day = response.bodyAsJsonObject();
      assertThat(day.getString("unitId")).isEqualTo("aux-0215");
      assertThat(day.getJsonObject("offers").getInteger("accepted")).isEqualTo(1);
      assertThat(day.getJsonObject("offers").getJsonArray("answers").getJsonObject(0).getMap())
          .containsEntry("incidentNumber", created.getString("number")).containsEntry("answer", "accepted");
      assertThat(day.getJsonArray("ledger").stream().map(JsonObject.class::cast)
          .filter(l -> "household_visit".equals(l.getString("kind"))).findFirst().orElseThrow().getMap())
          .containsEntry("entries", 1).containsEntry("count", 3);
      String village = day.getJsonArray("postVillages").getJsonObject(0).getString("village");
      assertThat(day.getJsonArray("hazards")).singleElement().satisfies(h -> assertThat(((JsonObject) h).getMap())
          .containsEntry("status", "reported").containsEntry("village", village).containsEntry("overdue", false));

      // another device reads its own unit's day only, and no account's token opens it
      JsonObject theirs = node.get("/api/device/day", other).bodyAsJsonObject();
      assertThat(theirs.getString("unitId")).isEqualTo("aux-0216");
      assertThat(theirs.getJsonObject("offers").getJsonArray("answers")).isEmpty();
      assertThat(theirs.getJsonArray("ledger")).isEmpty();
      assertThat(node.get("/api/device/day", node.token()).statusCode()).isEqualTo(401);
      assertThat(node.get("/api/device/day", null).statusCode()).isEqualTo(401);
      node.post("/api/incidents/" + incidentId + "/cancel", new JsonObject().put("reason", "test"));
    }
  }

  @Test
  void theDayCountsTheUnitsOwnTimeOnPostAndItsVisitsFromItsFixes() throws Exception {
    JsonObject home = unit("aux-0217").getJsonObject("home");
    String token = TestFieldApp.login(node, "dev-aux-0217", node.issueSecret("dev-aux-0217"));
    long now = System.currentTimeMillis();
    long onDutyAt = now - 40 * 60_000L;
    // on duty 40 minutes ago, then a fix a minute in its own village for the last half hour
    String duty = "insert into coverage_duty_changes (unit_id, at, on_duty) values ('aux-0217', to_timestamp("
        + onDutyAt / 1000.0 + "), true)";
    TestDatabase.execute("postgres", null, duty);
    try {
      JsonArray fixes = new JsonArray();
      for (int m = 31; m >= 1; m--) {
        fixes.add(new JsonArray().add(now - m * 60_000L).add(home.getDouble("lat")).add(home.getDouble("lon")));
      }
      var imported = node.post("/api/history/import", new JsonObject().put("deviceId", "dev-aux-0217").put("fixes", fixes));
      assertThat(imported.statusCode()).as(imported.bodyAsString()).isEqualTo(200);
      // today's part of it, in the county's time zone
      long midnight = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).atStartOfDay(
          java.time.ZoneId.of("Asia/Shanghai")).toInstant().toEpochMilli();
      long expected = (now - 60_000L - Math.max(midnight, now - 31 * 60_000L)) / 60_000L;

      JsonObject day = node.get("/api/device/day", token).bodyAsJsonObject();
      assertThat(day.getLong("onPostMinutes")).isBetween(expected - 1, expected + 1);
      assertThat(day.getLong("onDutyMinutes")).isEqualTo(day.getLong("onPostMinutes"));
      String post = day.getJsonArray("postVillages").getJsonObject(0).getString("village");
      assertThat(day.getJsonArray("villages")).singleElement().satisfies(v -> {
        JsonObject village = (JsonObject) v;
        assertThat(village.getString("village")).isEqualTo(post);
        assertThat(village.getBoolean("onPost")).isTrue();
        assertThat(village.getLong("minutes")).isEqualTo(day.getLong("onPostMinutes"));
        assertThat(village.getInteger("visits")).isEqualTo(expected >= 10 ? 1 : 0);
      });
      assertThat(day.getInteger("visits")).isEqualTo(expected >= 10 ? 1 : 0);
    } finally {
      TestDatabase.execute("postgres", null, "delete from coverage_duty_changes where unit_id = 'aux-0217'");
    }
  }
}
