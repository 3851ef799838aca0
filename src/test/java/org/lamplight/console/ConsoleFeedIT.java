package org.lamplight.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lamplight.Await.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.TestNode;
import org.lamplight.config.Keys;
import org.lamplight.domain.tracking.FixSource;
import org.lamplight.domain.tracking.PositionFix;
import org.lamplight.domain.tracking.UnitView;

/** The live feed over a real WebSocket: auth before upgrade, snapshot then deltas, coalescing, scope, slow consoles. */
class ConsoleFeedIT {

  /** Small, so a console that stops reading passes it quickly. */
  static final int QUEUE_BYTES = 64 * 1024;

  static TestNode node;
  static Vertx vertx;
  static WebSocketClient client;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(Map.of(Keys.CONSOLE_TICK, "50ms", Keys.CONSOLE_QUEUE_BYTES, QUEUE_BYTES));
    vertx = Vertx.vertx();
    // a county-wide snapshot of 516 units that all have a position passes the default 256 KiB message limit
    client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxMessageSize(4 * 1024 * 1024));
  }

  @AfterAll
  static void stop() {
    client.close();
    vertx.close();
    node.close();
  }

  /** A console: every message it received, in order, parsed and as sent. */
  record Console(WebSocket ws, List<JsonObject> messages, List<String> texts) {
    List<JsonObject> ofType(String type) {
      return messages.stream().filter(m -> type.equals(m.getString("type"))).toList();
    }

    /** The {@code units} messages as sent, with the entries for {@code unitId} that say its position is from {@code ts}. */
    List<String> unitsMessagesWith(String unitId, long ts) {
      return texts.stream().filter(t -> t.startsWith("{\"type\":\"units\"") && new JsonObject(t).getJsonArray("units").stream()
          .map(JsonObject.class::cast).anyMatch(u -> unitId.equals(u.getString("id")) && positionOf(u) != null
              && positionOf(u).getLong("ts") == ts)).toList();
    }

    List<JsonObject> changesOf(String unitId) {
      return ofType("units").stream().flatMap(m -> m.getJsonArray("units").stream()).map(JsonObject.class::cast)
          .filter(u -> unitId.equals(u.getString("id"))).toList();
    }
  }

  /** A units entry's position, from its {@code fix} array (lat, lon, ts, ...); null when it carries none. */
  static JsonObject positionOf(JsonObject entry) {
    JsonArray fix = entry.getJsonArray("fix");
    return fix == null ? null : new JsonObject().put("lat", fix.getDouble(0)).put("lon", fix.getDouble(1))
        .put("ts", fix.getLong(2));
  }

  private static Console connect(String token) throws Exception {
    List<JsonObject> messages = new CopyOnWriteArrayList<>();
    List<String> texts = new CopyOnWriteArrayList<>();
    // the handler is in place before the socket opens, so not even the snapshot can slip past it (set once
    // the connection completes, it may come after the frames that arrived with the handshake are delivered)
    ClientWebSocket ws = client.webSocket();
    ws.textMessageHandler(text -> {
      texts.add(text);
      messages.add(new JsonObject(text));
    });
    ws.connect(node.httpPort(), "localhost", "/ws?token=" + token).toCompletionStage().toCompletableFuture()
        .get(20, TimeUnit.SECONDS);
    return new Console(ws, messages, texts);
  }

  private static void move(String unitId, double lat, double lon, long ts) {
    String deviceId = node.node().tracking().units().unit(unitId).orElseThrow().deviceId();
    node.node().tracking().units().applyFix(new PositionFix(deviceId, lat, lon, ts, 5, 0, 0, 0, 90, FixSource.LAMPLIGHT));
  }

  private static long deltasFor(Console c, String unitId) {
    return c.changesOf(unitId).size();
  }

  private static String stationToken(String username, String password, String station) {
    var created = node.post("/api/accounts", new JsonObject().put("username", username).put("password", password)
        .put("role", "station").put("stations", new JsonArray().add(station)));
    assertThat(created.statusCode()).isIn(201, 409);
    return node.post("/api/login", new JsonObject().put("username", username).put("password", password), null)
        .bodyAsJsonObject().getString("token");
  }

  private static UnitView unitOf(String station) {
    return node.node().tracking().units().all().stream().filter(u -> station.equals(u.person().stationId()))
        .findFirst().orElseThrow();
  }

  @Test
  void withoutAValidTokenTheUpgradeIsRefused() {
    for (String path : List.of("/ws", "/ws?token=not-a-token")) {
      var failure = client.connect(node.httpPort(), "localhost", path).toCompletionStage().toCompletableFuture();
      await().until(failure::isDone);
      assertThat(failure.isCompletedExceptionally()).isTrue();
      failure.exceptionally(e -> {
        assertThat(e).isInstanceOf(UpgradeRejectedException.class);
        assertThat(((UpgradeRejectedException) e).getStatus()).isEqualTo(401);
        return null;
      });
    }
  }

  @Test
  void aConsoleGetsASnapshotThenDeltasWithEachUnitOncePerTick() throws Exception {
    Console c = connect(node.token());
    await().until(() -> !c.ofType("snapshot").isEmpty());
    JsonObject snapshot = c.messages().get(0);
    assertThat(snapshot.getString("type")).isEqualTo("snapshot");
    assertThat(snapshot.getJsonArray("units")).hasSize(516);
    assertThat(snapshot.getJsonObject("you").getString("role")).isEqualTo("admin");

    long base = System.currentTimeMillis();
    UnitView moving = node.node().tracking().units().unit("aux-0201").orElseThrow();
    for (int i = 1; i <= 100; i++) {
      // centimetres apart near home: plausible whatever fix the unit had before
      move("aux-0201", moving.person().home().lat() + i * 1e-7, moving.person().home().lon(), base + i);
    }
    await().until(() -> c.ofType("units").stream().flatMap(m -> m.getJsonArray("units").stream())
        .anyMatch(u -> positionOf((JsonObject) u) != null && positionOf((JsonObject) u).getLong("ts") == base + 100));
    // 100 fixes applied back to back are coalesced: far fewer deltas than fixes, one per message at most
    assertThat(deltasFor(c, "aux-0201")).isLessThan(100);
    for (JsonObject m : c.ofType("units")) {
      JsonArray units = m.getJsonArray("units");
      assertThat(units.stream().map(u -> ((JsonObject) u).getString("id")).distinct().count()).isEqualTo(units.size());
    }
    c.ws().close();
  }

  @Test
  void aStationDispatcherSeesOnlyTheirStation() throws Exception {
    String token = stationToken("s01-desk", "station-one-pw", "S01");
    Console c = connect(token);
    await().until(() -> !c.ofType("snapshot").isEmpty());
    JsonArray units = c.ofType("snapshot").get(0).getJsonArray("units");
    assertThat(units).isNotEmpty();
    assertThat(units.stream().map(u -> ((JsonObject) u).getString("stationId")).distinct()).containsExactly("S01");
    Set<String> mine = units.stream().map(u -> ((JsonObject) u).getString("id")).collect(Collectors.toSet());

    UnitView own = unitOf("S01");
    UnitView other = unitOf("S07");
    long ts = System.currentTimeMillis();
    move(other.person().id(), other.person().home().lat(), other.person().home().lon(), ts);
    move(own.person().id(), own.person().home().lat(), own.person().home().lon(), ts);
    await().until(() -> deltasFor(c, own.person().id()) > 0);
    assertThat(c.ofType("units").stream().flatMap(m -> m.getJsonArray("units").stream())
        .map(u -> ((JsonObject) u).getString("id"))).isSubsetOf(mine);
    assertThat(node.get("/api/units", token).bodyAsJsonArray().stream()
        .map(u -> ((JsonObject) u).getString("stationId")).distinct()).containsExactly("S01");
    c.ws().close();
  }

  @Test
  void aTicksChangesCarryOnlyWhatChangedAndTheSnapshotEverything() throws Exception {
    Console c = connect(node.token());
    await().until(() -> !c.ofType("snapshot").isEmpty());
    JsonObject whole = c.ofType("snapshot").get(0).getJsonArray("units").stream().map(JsonObject.class::cast)
        .filter(u -> "aux-0202".equals(u.getString("id"))).findFirst().orElseThrow();
    assertThat(whole.fieldNames()).contains("name", "phone", "kind", "stationId", "officeId", "workstationId", "home",
        "status", "online", "position");

    long ts = System.currentTimeMillis();
    double lat = whole.getJsonObject("home").getDouble("lat");
    double lon = whole.getJsonObject("home").getDouble("lon");
    move("aux-0202", lat + 1e-4, lon, ts);
    await().until(() -> !c.unitsMessagesWith("aux-0202", ts).isEmpty());
    JsonObject change = c.changesOf("aux-0202").stream().filter(u -> positionOf(u) != null
        && positionOf(u).getLong("ts") == ts).findFirst().orElseThrow();
    assertThat(positionOf(change).getDouble("lat")).isEqualTo(lat + 1e-4);
    // what a fix changes (the position, when it was heard, perhaps presence), never who the unit is
    assertThat(change.fieldNames()).contains("id", "fix")
        .isSubsetOf("id", "fix", "lastSeen", "online", "status", "channel", "deviceId");

    move("aux-0202", lat + 2e-4, lon, ts + 1_000);
    await().until(() -> !c.unitsMessagesWith("aux-0202", ts + 1_000).isEmpty());
    JsonObject next = c.changesOf("aux-0202").stream().filter(u -> positionOf(u) != null
        && positionOf(u).getLong("ts") == ts + 1_000).findFirst().orElseThrow();
    assertThat(next.fieldNames()).containsExactlyInAnyOrder("id", "fix", "lastSeen");
    // lat, lon, ts, acc, spd, hdg, alt, batt: the source is left out, as it came the same way as before
    assertThat(next.getJsonArray("fix")).containsExactly(lat + 2e-4, lon, ts + 1_000, 5.0, 0.0, 0.0, 0.0, 90.0);
    c.ws().close();
  }

  @Test
  void consolesOfTheSameAudienceReceiveTheSameBytesAndAStationConsoleOnlyItsStationsUnits() throws Exception {
    String stationToken = stationToken("s02-desk", "station-two-pw", "S02");
    Console county1 = connect(node.token());
    Console county2 = connect(node.token());
    Console station1 = connect(stationToken);
    Console station2 = connect(stationToken);
    List<Console> all = List.of(county1, county2, station1, station2);
    await().until(() -> all.stream().noneMatch(c -> c.ofType("snapshot").isEmpty()));
    Set<String> s02 = station1.ofType("snapshot").get(0).getJsonArray("units").stream()
        .map(u -> ((JsonObject) u).getString("id")).collect(Collectors.toSet());

    UnitView own = unitOf("S02");
    UnitView other = unitOf("S05");
    long ts = System.currentTimeMillis();
    move(other.person().id(), other.person().home().lat(), other.person().home().lon(), ts);
    move(own.person().id(), own.person().home().lat(), own.person().home().lon(), ts);
    await().until(() -> !county1.unitsMessagesWith(other.person().id(), ts).isEmpty()
        && !county2.unitsMessagesWith(other.person().id(), ts).isEmpty()
        && !station1.unitsMessagesWith(own.person().id(), ts).isEmpty()
        && !station2.unitsMessagesWith(own.person().id(), ts).isEmpty());

    assertThat(county2.unitsMessagesWith(other.person().id(), ts))
        .isEqualTo(county1.unitsMessagesWith(other.person().id(), ts));
    assertThat(station2.unitsMessagesWith(own.person().id(), ts))
        .isEqualTo(station1.unitsMessagesWith(own.person().id(), ts));
    assertThat(station1.changesOf(other.person().id())).isEmpty();
    for (Console c : List.of(station1, station2)) {
      assertThat(c.ofType("units").stream().flatMap(m -> m.getJsonArray("units").stream())
          .map(u -> ((JsonObject) u).getString("id"))).isSubsetOf(s02);
    }
    all.forEach(c -> c.ws().close());
  }

  @Test
  void aConsoleThatStopsReadingSkipsTicksAndThenGetsTheUnitsAsTheyAreNow() throws Exception {
    Console c = connect(node.token());
    await().until(() -> !c.ofType("snapshot").isEmpty());
    c.ws().pause();
    long[] ts = {System.currentTimeMillis()};
    fillUntilSkipped(ts);
    long last = ts[0];
    String unit = node.node().tracking().units().all().get(0).person().id();
    c.ws().resume();
    // one message with every unit as it is now, instead of the ticks it missed
    await().until(() -> !c.unitsMessagesWith(unit, last).isEmpty());
    assertThat(c.ofType("resync")).isEmpty();
    c.ws().close();
  }

  @Test
  void aConsoleThatFallsBehindOnMessagesItMustReceiveIsBroughtBackWithASnapshot() throws Exception {
    Console c = connect(node.token());
    await().until(() -> !c.ofType("snapshot").isEmpty());
    c.ws().pause();
    fillUntilSkipped(new long[] {System.currentTimeMillis()});
    double before = node.metric("lamplight_console_resyncs_total");
    // a county change and the snapshot after it (a whole county, far more than QUEUE_BYTES) must all arrive
    node.node().console().feed().countyChanged(1);
    await().until(() -> node.metric("lamplight_console_resyncs_total") > before);
    assertThat(node.node().console().feed().maxQueuedBytes()).isLessThanOrEqualTo(QUEUE_BYTES);
    c.ws().resume();
    await().until(() -> !c.ofType("resync").isEmpty());
    await().until(() -> c.ofType("snapshot").size() >= 2);
    c.ws().close();
  }

  @Test
  void aConsoleThatAcknowledgesIsSentOneUnitsMessageAtATimeAndThenTheLatestPositions() throws Exception {
    String unit = "aux-0203";
    UnitView u = node.node().tracking().units().unit(unit).orElseThrow();
    long ts1 = System.currentTimeMillis();
    List<JsonObject> messages = new CopyOnWriteArrayList<>();
    List<String> texts = new CopyOnWriteArrayList<>();
    // like the browser console, it acknowledges each units message, except the one that brings ts1
    ClientWebSocket ws = client.webSocket();
    ws.textMessageHandler(text -> {
      texts.add(text);
      JsonObject m = new JsonObject(text);
      messages.add(m);
      boolean hold = "units".equals(m.getString("type")) && m.getJsonArray("units").stream().map(JsonObject.class::cast)
          .anyMatch(e -> unit.equals(e.getString("id")) && positionOf(e) != null && positionOf(e).getLong("ts") >= ts1);
      if ("units".equals(m.getString("type")) && !hold) {
        ws.writeTextMessage(ack(m));
      }
    });
    ws.connect(node.httpPort(), "localhost", "/ws?token=" + node.token()).toCompletionStage().toCompletableFuture()
        .get(20, TimeUnit.SECONDS);
    Console c = new Console(ws, messages, texts);
    await().until(() -> !c.ofType("snapshot").isEmpty());
    // from now on one at a time (this names no message, so it frees none)
    ws.writeTextMessage(new JsonObject().put("type", "ack").put("tick", -1).encode());

    move(unit, u.person().home().lat(), u.person().home().lon(), ts1);
    await().until(() -> !c.unitsMessagesWith(unit, ts1).isEmpty());
    double skips = node.metric("lamplight_console_skips_total");
    move(unit, u.person().home().lat() + 1e-4, u.person().home().lon(), ts1 + 1_000);
    await().until(() -> node.metric("lamplight_console_skips_total") > skips);
    move(unit, u.person().home().lat() + 2e-4, u.person().home().lon(), ts1 + 2_000);
    // nothing more while the last units message is unacknowledged, however many ticks pass
    assertThat(c.unitsMessagesWith(unit, ts1 + 1_000)).isEmpty();

    ws.writeTextMessage(ack(c.unitsMessagesWith(unit, ts1).stream().map(JsonObject::new).findFirst().orElseThrow()));
    await().until(() -> !c.unitsMessagesWith(unit, ts1 + 2_000).isEmpty());
    assertThat(c.unitsMessagesWith(unit, ts1 + 1_000)).as("conflated: the skipped position is never sent").isEmpty();
    ws.close();
  }

  private static String ack(JsonObject units) {
    return new JsonObject().put("type", "ack").put("tick", units.getLong("tick")).encode();
  }

  /** Keeps every unit moving until the feed skips a tick for a console that stopped reading; ts[0] is the last fix time. */
  private static void fillUntilSkipped(long[] ts) {
    List<UnitView> all = node.node().tracking().units().all();
    double before = node.metric("lamplight_console_skips_total");
    // the socket's buffers fill first, which takes longer on a busy machine
    await().atMost(Duration.ofSeconds(90)).until(() -> {
      ts[0]++;
      for (UnitView u : all) {
        // a few centimetres from home, so that no later test sees an implausible jump
        move(u.person().id(), u.person().home().lat(), u.person().home().lon() + (ts[0] % 100) * 1e-7, ts[0]);
      }
      assertThat(node.node().console().feed().maxQueuedBytes()).isLessThanOrEqualTo(QUEUE_BYTES);
      return node.metric("lamplight_console_skips_total") > before;
    });
  }
}
