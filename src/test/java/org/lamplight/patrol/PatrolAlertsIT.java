package org.lamplight.patrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.TestDatabase;
import org.lamplight.TestNode;
import org.lamplight.config.Keys;

/**
 * Live patrol status: coverage began 25 hours ago and no village of the patrol county has been
 * visited since, so each has passed its one-visit-a-day window: one alert each, relayed by the
 * console feed to the consoles of the village's station and the county-wide ones.
 */
class PatrolAlertsIT {

  private static final String DB = "patrol_alerts_it";
  private static TestNode node;
  private static Vertx vertx;
  private static WebSocketClient client;
  /** Connected before the first check, so every alert arrives as it is raised. */
  private static List<JsonObject> county;
  private static List<JsonObject> s2;

  @BeforeAll
  static void start() throws Exception {
    PatrolCounty.importInto(DB);
    long began = System.currentTimeMillis() - 25 * 3_600_000L;
    TestDatabase.execute(DB, null, "insert into settings (key, value) values ('" + InactivityVerticle.WATCHED_SINCE
        + "', '" + began + "')");
    node = PatrolCounty.node(DB, Map.of(Keys.COVERAGE_CHECK, 8_000L));
    vertx = Vertx.vertx();
    client = vertx.createWebSocketClient();
    county = console(node.token());
    s2 = console(PatrolCounty.token(node, "alerts-s2", "station", "S2"));
    assertThat(alertedVillages(county)).isEmpty();
  }

  @AfterAll
  static void stop() {
    client.close();
    vertx.close();
    node.close();
  }

  private static List<JsonObject> console(String token) throws Exception {
    List<JsonObject> messages = new CopyOnWriteArrayList<>();
    // the handler is in place before the socket opens, so not even the snapshot can slip past it
    ClientWebSocket ws = client.webSocket();
    ws.textMessageHandler(text -> messages.add(new JsonObject(text)));
    assertThat(ws.connect(node.httpPort(), "localhost", "/ws?token=" + token)
        .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS)).isNotNull();
    return messages;
  }

  private static List<String> alertedVillages(List<JsonObject> messages) {
    return messages.stream().filter(m -> "alert".equals(m.getString("type")))
        .map(m -> m.getJsonObject("alert").getString("villageCode")).toList();
  }

  @Test
  void eachVillagePastItsWindowRaisesOneAlertThatReachesItsStationsConsoles() {
    await().atMost(Duration.ofSeconds(20)).until(() -> alertedVillages(county).size() == 3);
    await().during(Duration.ofSeconds(9)).atMost(Duration.ofSeconds(15)).until(() -> alertedVillages(county).size() == 3);
    assertThat(alertedVillages(county)).containsExactlyInAnyOrder("V1", "V2", "V3");
    assertThat(alertedVillages(s2)).containsExactly("V3");

    JsonObject alert = county.stream().filter(m -> "alert".equals(m.getString("type")))
        .map(m -> m.getJsonObject("alert")).filter(a -> "V1".equals(a.getString("villageCode"))).findFirst().orElseThrow();
    assertThat(alert.getMap()).containsEntry("level", "warning").containsEntry("kind", "patrol_inactivity")
        .containsEntry("code", "coverage.inactive").containsEntry("stationId", "S1");
    assertThat(alert.getJsonObject("params").getMap()).containsEntry("village", "V1").containsEntry("villageName", "前庄村")
        .containsEntry("hours", 24).containsEntry("visitsPerDay", 1).containsEntry("lastVisit", null);
    assertThat(alert.getString("message")).contains("前庄村").contains("24 h");
    assertThat(node.get("/api/alerts").bodyAsJsonArray().stream()
        .filter(a -> "patrol_inactivity".equals(((JsonObject) a).getString("kind")))).hasSize(3);
  }

  @Test
  void theLiveMapShowsEveryVillageNeverVisitedAsOverdue() {
    var live = node.get("/api/coverage/live").bodyAsJsonArray();
    assertThat(live).hasSize(3);
    assertThat(live.getJsonObject(0).getMap()).containsEntry("lastVisit", null).containsEntry("hoursSince", null)
        .containsEntry("windowHours", 24.0).containsEntry("overdue", true);
  }
}
