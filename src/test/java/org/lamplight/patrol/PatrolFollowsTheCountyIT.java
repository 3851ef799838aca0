package org.lamplight.patrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.lamplight.patrol.PatrolCounty.LAT;
import static org.lamplight.patrol.PatrolCounty.V1;
import static org.lamplight.patrol.PatrolCounty.yesterday;
import static org.lamplight.patrol.PatrolCounty.yesterdayAt;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.TestDevice;
import org.lamplight.TestNode;

/**
 * The patrol county changed by an administrator while the node runs: coverage, the ledger and the
 * evaluation follow at once, without a restart, and what was counted before the change stays.
 */
class PatrolFollowsTheCountyIT {

  private static final String DB = "patrol_follows_county_it";
  /** In township T1 between V2's eastern border (113.02) and the township's (113.025): in no village. */
  private static final double EAST_OF_V2 = 113.022;
  private static TestNode node;

  @BeforeAll
  static void start() throws Exception {
    PatrolCounty.importInto(DB);
    node = PatrolCounty.node(DB, Map.of());
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void aVillageRedrawnAtRunTimePlacesTheFixesAndLedgerEntriesThatFollowInItsNewShape() throws Exception {
    try (TestDevice aux1 = TestDevice.connect(node, "dev-aux-1"); TestDevice aux2 = TestDevice.connect(node, "dev-aux-2")) {
      long before = node.node().patrol().accounting().counted();
      for (int m = 0; m <= 10; m++) {
        aux1.at(LAT, V1, yesterdayAt(10, m));
        aux2.at(LAT, EAST_OF_V2, yesterdayAt(10, m));
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> node.node().patrol().accounting().counted() >= before + 22);
      assertThat(recordAt(EAST_OF_V2).statusCode()).isEqualTo(400);

      HttpResponse<Buffer> redrawn = node.put("/api/admin/areas/V2", new JsonObject().put("name", "后庄村")
          .put("level", "village").put("parent", "T1").put("shape", rectangle(113.01, 113.024)));
      assertThat(redrawn.statusCode()).as(redrawn.bodyAsString()).isEqualTo(200);

      HttpResponse<Buffer> recorded = recordAt(EAST_OF_V2);
      assertThat(recorded.statusCode()).as(recorded.bodyAsString()).isEqualTo(201);
      assertThat(recorded.bodyAsJsonObject().getString("village")).isEqualTo("V2");

      for (int m = 11; m <= 30; m++) {
        aux1.at(LAT, V1, yesterdayAt(10, m));
        aux2.at(LAT, EAST_OF_V2, yesterdayAt(10, m));
      }
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
          assertThat(byCode("village").get("V2").getMap()).containsEntry("minutes", 19).containsEntry("visits", 1));
      assertThat(byCode("unit").get("aux-2").getMap()).containsEntry("minutes", 19).containsEntry("onPostMinutes", 19);
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
          assertThat(byCode("unit").get("aux-1").getMap()).containsEntry("minutes", 30).containsEntry("visits", 1));
    }
  }

  @Test
  void aWorkstationAddedAtRunTimeIsEvaluatedAndTheAuxiliaryMovedThereIsOnPostInItsVillage() throws Exception {
    HttpResponse<Buffer> created = node.post("/api/admin/workstations", new JsonObject().put("code", "W4")
        .put("name", "前庄村第二警务工作站").put("office", "O1").put("village", "V1").put("lat", LAT).put("lon", V1));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    HttpResponse<Buffer> moved = node.put("/api/admin/people/aux-3", new JsonObject().put("name", "陈静")
        .put("kind", "auxiliary").put("post", "W4"));
    assertThat(moved.statusCode()).as(moved.bodyAsString()).isEqualTo(200);

    JsonObject sheet = node.get("/api/evaluations/" + node.node().patrol().evaluations().currentMonth())
        .bodyAsJsonObject();
    assertThat(sheet.getJsonArray("workstations").stream().map(w -> ((JsonObject) w).getString("id"))).contains("W4");
    assertThat(sheet.getJsonArray("missingInspections")).contains("W4");

    try (TestDevice aux3 = TestDevice.connect(node, "dev-aux-3")) {
      for (int m = 0; m <= 15; m++) {
        aux3.at(LAT, V1, yesterdayAt(12, m));
      }
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
          assertThat(byCode("unit").get("aux-3").getMap()).containsEntry("minutes", 15).containsEntry("onPostMinutes", 15));
    }
  }

  private static HttpResponse<Buffer> recordAt(double lon) {
    return node.post("/api/ledger", new JsonObject().put("unitId", "aux-2").put("kind", "household_visit")
        .put("lat", LAT).put("lon", lon));
  }

  /** A GeoJSON polygon over 34.0..34.01°N between the given longitudes. */
  private static JsonObject rectangle(double west, double east) {
    return new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(new JsonArray(List.of(
        new JsonArray().add(west).add(34.0), new JsonArray().add(east).add(34.0), new JsonArray().add(east).add(34.01),
        new JsonArray().add(west).add(34.01), new JsonArray().add(west).add(34.0)))));
  }

  private static Map<String, JsonObject> byCode(String level) {
    var r = node.get("/api/coverage?level=" + level + "&from=" + yesterday() + "&to=" + yesterday());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonArray().stream().map(JsonObject.class::cast)
        .collect(Collectors.toMap(o -> o.getString("code"), Function.identity()));
  }
}
