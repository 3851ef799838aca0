package org.lamplight.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lamplight.Await.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.TestNode;

/**
 * Dispatchers' notes and corrections: kept in the incident's timeline with who and when (a
 * correction with the old and new value), durable once answered, shown live to the other consoles,
 * taken by a finished incident and refused by a closed one.
 */
class IncidentNotesIT {

  private static TestNode node;
  private static Vertx vertx;
  private static WebSocketClient client;
  private static JsonArray villages;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start();
    vertx = Vertx.vertx();
    client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxMessageSize(4 * 1024 * 1024));
    villages = node.get("/api/org").bodyAsJsonObject().getJsonArray("villages");
  }

  @AfterAll
  static void stop() {
    client.close();
    vertx.close();
    node.close();
  }

  @Test
  void aNoteIsKeptInTheTimelineWithWhoWroteItAndReachesTheOtherConsolesLive() throws Exception {
    String id = report(villages.getJsonObject(3)).getString("id");
    List<JsonObject> feed = listen();

    var r = node.post("/api/incidents/" + id + "/notes", new JsonObject().put("text", "报警人再次来电：火势蔓延到仓库\n请加派人手"));

    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonObject note = last(r.bodyAsJsonObject(), "note_added");
    assertThat(note.getString("actor")).isEqualTo("admin");
    assertThat(note.getJsonObject("details").getString("text")).isEqualTo("报警人再次来电：火势蔓延到仓库\n请加派人手");
    assertThat(last(node.get("/api/incidents/" + id).bodyAsJsonObject(), "note_added")).isEqualTo(note);
    await().until(() -> feed.stream().anyMatch(m -> "incident".equals(m.getString("type"))
        && id.equals(m.getJsonObject("incident").getString("id"))
        && note.equals(m.getJsonObject("event"))));
  }

  @Test
  void eachCorrectedFieldIsOneTimelineEntryWithItsOldAndNewValue() {
    JsonObject first = villages.getJsonObject(10);
    JsonObject second = villages.getJsonObject(300);
    JsonObject incident = report(first);
    String id = incident.getString("id");
    JsonObject there = placeOf(second);

    var r = node.post("/api/incidents/" + id + "/edit", new JsonObject().put("type", "security").put("severity", 2)
        .put("lat", there.getDouble("lat")).put("lon", there.getDouble("lon")).put("description", "不是火灾，是邻里纠纷"));

    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonObject edited = r.bodyAsJsonObject();
    assertThat(edited.getString("type")).isEqualTo("security");
    assertThat(edited.getInteger("severity")).isEqualTo(2);
    assertThat(edited.getString("description")).isEqualTo("不是火灾，是邻里纠纷");
    assertThat(edited.getJsonObject("place").getString("code")).isEqualTo(second.getString("id"));
    List<JsonObject> edits = entries(node.get("/api/incidents/" + id).bodyAsJsonObject(), "edited");
    assertThat(edits).extracting(e -> e.getJsonObject("details").getString("field"))
        .containsExactly("type", "severity", "place", "description");
    assertThat(edits).allSatisfy(e -> assertThat(e.getString("actor")).isEqualTo("admin"))
        .allSatisfy(e -> assertThat(e.getLong("at")).isPositive());
    assertThat(edits.get(0).getJsonObject("details").getMap()).containsEntry("from", "fire").containsEntry("to", "security");
    assertThat(edits.get(1).getJsonObject("details").getMap()).containsEntry("from", 1).containsEntry("to", 2);
    JsonObject moved = edits.get(2).getJsonObject("details");
    assertThat(moved.getJsonObject("from").getString("code")).isEqualTo(first.getString("id"));
    assertThat(moved.getJsonObject("to").getString("code")).isEqualTo(second.getString("id"));
    assertThat(moved.getJsonObject("to").getString("name")).isEqualTo(second.getString("name"));
    assertThat(edits.get(3).getJsonObject("details").getString("to")).isEqualTo("不是火灾，是邻里纠纷");

    var half = node.post("/api/incidents/" + id + "/edit", new JsonObject().put("lat", 34.0));
    assertThat(half.statusCode()).as("a place needs lat and lon").isEqualTo(400);
    var bad = node.post("/api/incidents/" + id + "/edit", new JsonObject().put("severity", 4));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(entries(node.get("/api/incidents/" + id).bodyAsJsonObject(), "edited")).hasSize(4);
  }

  @Test
  void aResolvedIncidentTakesNotesAndCorrectionsAndAClosedOneRefusesThemWithItsOwnCode() {
    String id = report(villages.getJsonObject(20)).getString("id");
    assertThat(node.post("/api/incidents/" + id + "/resolve", new JsonObject()).statusCode()).isEqualTo(200);
    assertThat(node.post("/api/incidents/" + id + "/notes", new JsonObject().put("text", "交班：已回访报警人")).statusCode())
        .isEqualTo(200);
    assertThat(node.post("/api/incidents/" + id + "/edit", new JsonObject().put("severity", 2)).statusCode()).isEqualTo(200);
    assertThat(node.post("/api/incidents/" + id + "/close", new JsonObject()).statusCode()).isEqualTo(200);
    int entries = node.get("/api/incidents/" + id).bodyAsJsonObject().getJsonArray("timeline").size();

    for (var refused : List.of(node.post("/api/incidents/" + id + "/notes", new JsonObject().put("text", "太晚了")),
        node.post("/api/incidents/" + id + "/edit", new JsonObject().put("severity", 3)))) {
      assertThat(refused.statusCode()).isEqualTo(409);
      assertThat(refused.bodyAsJsonObject().getString("error")).isEqualTo("incident_closed");
      assertThat(refused.bodyAsJsonObject().getJsonObject("params").getString("incidentStatus")).isEqualTo("closed");
    }
    assertThat(node.get("/api/incidents/" + id).bodyAsJsonObject().getJsonArray("timeline")).hasSize(entries);
    assertThat(node.post("/api/incidents/" + id + "/notes", new JsonObject().put("text", "  ")).statusCode())
        .as("a blank note").isEqualTo(400);
  }

  /** Where an incident at the village is put. */
  private static JsonObject placeOf(JsonObject village) {
    return node.get("/api/places?q=" + URLEncoder.encode(village.getString("name"), StandardCharsets.UTF_8) + "&limit=1")
        .bodyAsJsonArray().getJsonObject(0);
  }

  private static JsonObject report(JsonObject village) {
    JsonObject place = placeOf(village);
    var r = node.post("/api/incidents", new JsonObject().put("type", "fire").put("severity", 1)
        .put("lat", place.getDouble("lat")).put("lon", place.getDouble("lon")).put("source", "transfer_119"));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject();
  }

  private static List<JsonObject> entries(JsonObject incident, String event) {
    return incident.getJsonArray("timeline").stream().map(JsonObject.class::cast)
        .filter(e -> event.equals(e.getString("event"))).toList();
  }

  private static JsonObject last(JsonObject incident, String event) {
    List<JsonObject> found = entries(incident, event);
    assertThat(found).as("%s in %s", event, incident.getJsonArray("timeline")).isNotEmpty();
    return found.get(found.size() - 1);
  }

  /** Another console: every message its feed brings from now on. */
  private static List<JsonObject> listen() throws Exception {
    List<JsonObject> messages = new CopyOnWriteArrayList<>();
    // the handler is in place before the socket opens, so not even the snapshot can slip past it
    ClientWebSocket ws = client.webSocket();
    ws.textMessageHandler(text -> messages.add(new JsonObject(text)));
    ws.connect(node.httpPort(), "localhost", "/ws?token=" + node.token()).toCompletionStage().toCompletableFuture()
        .get(20, TimeUnit.SECONDS);
    await().until(() -> messages.stream().anyMatch(m -> "snapshot".equals(m.getString("type"))));
    return messages;
  }
}
