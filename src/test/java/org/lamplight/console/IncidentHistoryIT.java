package org.lamplight.console;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.TestNode;

/**
 * A day's incidents, finished ones included, filtered by status, type, station and day, and taken
 * away as a CSV file; and the places a dispatcher finds by their initials.
 */
class IncidentHistoryIT {

  private static TestNode node;
  private static JsonObject fire;
  private static JsonObject fight;
  private static JsonObject cancelled;
  private static String today;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start();
    today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
    JsonArray villages = node.get("/api/org").bodyAsJsonObject().getJsonArray("villages");
    fire = report("fire", place(villages.getJsonObject(0)), "transfer_119");
    fight = report("security", place(villages.getJsonObject(200)), "walk_in");
    cancelled = report("traffic", place(villages.getJsonObject(400)), "transfer_122");
    assertThat(node.post("/api/incidents/" + cancelled.getString("id") + "/cancel", new JsonObject().put("reason", "false alarm"))
        .statusCode()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void aDaysHistoryHoldsTheFinishedIncidentsTooAndTheOpenListDoesNot() {
    assertThat(ids("/api/incidents?status=all&from=" + today)).contains(id(fire), id(fight), id(cancelled));
    assertThat(ids("/api/incidents?status=cancelled&from=" + today + "&to=" + today)).contains(id(cancelled))
        .doesNotContain(id(fire));
    assertThat(ids("/api/incidents")).contains(id(fire), id(fight)).doesNotContain(id(cancelled));
  }

  @Test
  void theHistoryIsFilteredByTypeStationAndDay() {
    assertThat(ids("/api/incidents?status=all&type=security")).contains(id(fight)).doesNotContain(id(fire), id(cancelled));
    String station = fire.getString("stationId");
    assertThat(node.get("/api/incidents?status=all&station=" + station).bodyAsJsonArray().stream()
        .map(i -> ((JsonObject) i).getString("stationId")).distinct()).containsExactly(station);
    String yesterday = LocalDate.parse(today).minusDays(1).toString();
    assertThat(ids("/api/incidents?status=all&from=" + yesterday)).doesNotContain(id(fire), id(fight), id(cancelled));
    assertThat(node.get("/api/incidents?from=" + today + "&to=" + yesterday).statusCode()).isEqualTo(400);
  }

  @Test
  void aDaysIncidentsAreExportedAsCsvWithTheirPlaceCallerAndSource() {
    var r = node.get("/api/incidents?status=all&format=csv&from=" + today);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("content-type")).startsWith("text/csv");
    assertThat(r.getHeader("content-disposition")).contains("incidents-" + today + ".csv");
    List<String> lines = r.bodyAsString(UTF_8.name()).lines().toList();
    assertThat(lines.get(0)).startsWith("\uFEFF警情编号,接警时间,警情类型,等级,状态,村(社区),乡镇,辖区派出所,警情来源,报警人,联系电话");
    JsonObject place = fight.getJsonObject("place");
    assertThat(lines).anySatisfy(line -> assertThat(line).startsWith(fight.getString("number") + ",")
        .contains(",治安,", "," + place.getString("name") + "," + place.getString("township") + ",", ",来所报警,李女士,13900000000,"));
    assertThat(lines).anySatisfy(line -> assertThat(line).startsWith(cancelled.getString("number") + ",").contains(",已撤销,"));
  }

  @Test
  void placesAreFoundByTheInitialsOfTheirNamesAndAnIncidentThereIsNamedByThem() {
    JsonObject place = fire.getJsonObject("place");
    JsonArray found = node.get("/api/places?q=" + encoded(place.getString("name"))).bodyAsJsonArray();
    JsonObject first = found.getJsonObject(0);
    assertThat(first.getString("id")).isEqualTo(place.getString("code"));
    assertThat(first.getString("township")).isEqualTo(place.getString("township"));
    JsonArray byInitials = node.get("/api/places?q=" + first.getString("initials").toUpperCase()).bodyAsJsonArray();
    assertThat(byInitials.stream().map(p -> ((JsonObject) p).getString("id"))).contains(place.getString("code"));
    assertThat(node.get("/api/places").bodyAsJsonArray()).isEmpty();
  }

  private static JsonObject place(JsonObject village) {
    JsonObject p = node.get("/api/places?q=" + encoded(village.getString("name")) + "&limit=1").bodyAsJsonArray().getJsonObject(0);
    assertThat(p.getString("id")).isEqualTo(village.getString("id"));
    return p;
  }

  private static JsonObject report(String type, JsonObject place, String source) {
    var r = node.post("/api/incidents", new JsonObject().put("type", type).put("severity", 1)
        .put("lat", place.getDouble("lat")).put("lon", place.getDouble("lon")).put("source", source)
        .put("callerName", "李女士").put("callerPhone", "13900000000"));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    JsonObject incident = r.bodyAsJsonObject();
    assertThat(incident.getJsonObject("place").getString("code")).isEqualTo(place.getString("id"));
    return incident;
  }

  private static String encoded(String query) {
    return URLEncoder.encode(query, UTF_8);
  }

  private static String id(JsonObject incident) {
    return incident.getString("id");
  }

  private static List<String> ids(String path) {
    var r = node.get(path);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonArray().stream().map(i -> ((JsonObject) i).getString("id")).toList();
  }
}
