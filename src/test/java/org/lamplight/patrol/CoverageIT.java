package org.lamplight.patrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.lamplight.patrol.PatrolCounty.LAT;
import static org.lamplight.patrol.PatrolCounty.NOWHERE;
import static org.lamplight.patrol.PatrolCounty.V1;
import static org.lamplight.patrol.PatrolCounty.V2;
import static org.lamplight.patrol.PatrolCounty.V3;
import static org.lamplight.patrol.PatrolCounty.yesterday;
import static org.lamplight.patrol.PatrolCounty.yesterdayAt;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.lamplight.TestDatabase;
import org.lamplight.TestDevice;
import org.lamplight.TestNode;
import org.lamplight.domain.coverage.TrackEvent;
import org.lamplight.tracking.TrackBuffer;

/**
 * Devices driven along known tracks through the known villages of the patrol county, with
 * yesterday's time stamps, across a restart of the node, and the coverage API's answer, to the
 * minute.
 *
 * <p>aux-1: V1 10:00-10:30 (a visit), V2 10:31-10:40 (9 min, no visit), nowhere at 10:41, silent,
 * V3 at 11:00, silent again until 11:12 (5 min count, the stay ends), V3 every minute to 11:25 (a
 * visit of 13 min), the node restarted after 11:18. aux-2: V1 10:05-10:20 (a visit), then fixes of
 * V2 09:00-09:12 that arrive late (older than its last), which only a recompute counts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CoverageIT {

  private static final String DB = "coverage_it";
  private static TestNode node;

  @BeforeAll
  static void drive() throws Exception {
    PatrolCounty.importInto(DB);
    try (TestNode first = PatrolCounty.node(DB, Map.of())) {
      try (TestDevice aux1 = TestDevice.connect(first, "dev-aux-1"); TestDevice aux2 = TestDevice.connect(first, "dev-aux-2")) {
        for (int m = 0; m <= 30; m++) {
          aux1.at(LAT, V1, yesterdayAt(10, m));
        }
        for (int m = 31; m <= 40; m++) {
          aux1.at(LAT, V2, yesterdayAt(10, m));
        }
        aux1.at(LAT, NOWHERE, yesterdayAt(10, 41));
        aux1.at(LAT, V3, yesterdayAt(11, 0));
        for (int m = 12; m <= 18; m++) {
          aux1.at(LAT, V3, yesterdayAt(11, m));
        }
        for (int m = 5; m <= 20; m++) {
          aux2.at(LAT, V1, yesterdayAt(10, m));
        }
        for (int m = 0; m <= 12; m++) {
          aux2.at(LAT, V2, yesterdayAt(9, m));
        }
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> first.node().patrol().accounting().counted() >= 31 + 10 + 2 + 7 + 16);
    }
    node = PatrolCounty.node(DB, Map.of());
    try (TestDevice aux1 = TestDevice.connect(node, "dev-aux-1")) {
      for (int m = 19; m <= 25; m++) {
        aux1.at(LAT, V3, yesterdayAt(11, m));
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> byCode("village", node.token()).get("V3").getInteger("visits") == 1);
    }
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  @Order(1)
  void eachVillageHasItsPresenceVisitsUnitsAndLastVisitToTheMinute() {
    Map<String, JsonObject> villages = byCode("village", node.token());
    assertThat(villages.get("V1").getMap()).containsEntry("minutes", 45).containsEntry("visits", 2)
        .containsEntry("units", 2).containsEntry("lastVisit", yesterdayAt(10, 30)).containsEntry("requirementMet", true);
    assertThat(villages.get("V2").getMap()).containsEntry("minutes", 9).containsEntry("visits", 0)
        .containsEntry("units", 1).containsEntry("lastVisit", null).containsEntry("requirementMet", false);
    assertThat(villages.get("V3").getMap()).containsEntry("minutes", 18).containsEntry("visits", 1)
        .containsEntry("units", 1).containsEntry("lastVisit", yesterdayAt(11, 25)).containsEntry("requirementMet", true);
  }

  @Test
  @Order(2)
  void officesStationsAndUnitsAddUpTheirVillagesAndTheirPeoplesTime() {
    JsonObject o1 = byCode("office", node.token()).get("O1");
    assertThat(o1.getMap()).containsEntry("minutes", 54).containsEntry("visits", 2).containsEntry("units", 2)
        .containsEntry("lastVisit", yesterdayAt(10, 30)).containsEntry("days", 2).containsEntry("daysMet", 1)
        .containsEntry("requirementMet", false).containsEntry("shareMet", 0.5)
        .containsEntry("onDutyMinutes", 64 + 15).containsEntry("onPostMinutes", 30 + 0);
    assertThat(byCode("station", node.token()).get("S2").getMap()).containsEntry("minutes", 18).containsEntry("visits", 1);
    JsonObject aux1 = byCode("unit", node.token()).get("aux-1");
    assertThat(aux1.getMap()).containsEntry("minutes", 57).containsEntry("visits", 2).containsEntry("onDutyMinutes", 64)
        .containsEntry("onPostMinutes", 30).containsEntry("patrolMinutes", 27).containsEntry("days", 1)
        .containsEntry("daysMet", 1);
    JsonObject aux2 = byCode("unit", node.token()).get("aux-2");
    assertThat(aux2.getMap()).containsEntry("onDutyMinutes", 15).containsEntry("onPostMinutes", 0)
        .containsEntry("patrolMinutes", 15).containsEntry("visits", 1);
  }

  @Test
  @Order(3)
  void aVillageNeedingMoreVisitsFailsItsRequirementUntilReturnedToTheDefault() {
    var set = node.put("/api/coverage/requirements/V1", new JsonObject().put("visitsPerDay", 3));
    assertThat(set.statusCode()).isEqualTo(200);
    assertThat(set.bodyAsJsonObject().getJsonArray("villages").getJsonObject(0).getMap())
        .containsEntry("village", "V1").containsEntry("visitsPerDay", 3);
    assertThat(byCode("village", node.token()).get("V1").getMap()).containsEntry("requirementMet", false)
        .containsEntry("daysMet", 0);
    JsonArray daily = node.get("/api/coverage/daily?from=" + yesterday() + "&to=" + yesterday()).bodyAsJsonArray();
    assertThat(daily.getJsonObject(0).getMap()).containsEntry("villages", 3).containsEntry("villagesMet", 1);

    assertThat(node.delete("/api/coverage/requirements/V1").statusCode()).isEqualTo(200);
    assertThat(byCode("village", node.token()).get("V1").getBoolean("requirementMet")).isTrue();
    assertThat(node.put("/api/coverage/requirements/V9", new JsonObject().put("visitsPerDay", 1)).statusCode()).isEqualTo(404);
  }

  @Test
  @Order(4)
  void aStationAccountSeesItsOwnStationsOnly() {
    String s2 = PatrolCounty.token(node, "coverage-s2", "station", "S2");
    assertThat(byCode("village", s2)).containsOnlyKeys("V3");
    assertThat(byCode("office", s2)).containsOnlyKeys("O2");
    assertThat(byCode("unit", s2)).containsOnlyKeys("off-2", "aux-3");
    assertThat(node.put("/api/coverage/requirements/V3", new JsonObject().put("visitsPerDay", 2)).statusCode()).isEqualTo(200);
    assertThat(node.get("/api/coverage/requirements", s2).statusCode()).isEqualTo(200);
    assertThat(node.delete("/api/coverage/requirements/V3").statusCode()).isEqualTo(200);
  }

  @Test
  @Order(5)
  void theFiguresExportAsCsvAndExcelWithChineseHeaders() throws Exception {
    String query = "/api/coverage?level=office&from=" + yesterday() + "&to=" + yesterday();
    var csv = node.get(query + "&format=csv");
    assertThat(csv.getHeader("content-type")).startsWith("text/csv");
    String text = csv.bodyAsString(StandardCharsets.UTF_8.name()).replace("\uFEFF", "");
    List<CSVRecord> records = CSVFormat.EXCEL.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(text)).getRecords();
    Map<String, CSVRecord> byOffice = records.stream().collect(Collectors.toMap(r -> r.get("警务室代码"), r -> r));
    assertThat(byOffice.get("O1").get("在村时间(分钟)")).isEqualTo("54");
    assertThat(byOffice.get("O2").get("巡查次数")).isEqualTo("1");

    var xlsx = node.get(query + "&format=xlsx");
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body().getBytes()))) {
      var sheet = book.getSheet("巡逻覆盖");
      assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("警务室代码");
      Row o1 = sheet.getRow(1).getCell(0).getStringCellValue().equals("O1") ? sheet.getRow(1) : sheet.getRow(2);
      assertThat(o1.getCell(2).getNumericCellValue()).isEqualTo(54.0);
    }
  }

  @Test
  @Order(6)
  void aRecomputeFromHistoryCountsTheLateFixesTooAndReplacesTheDay() {
    assertThat(node.post("/api/coverage/recompute?from=" + PatrolCounty.today() + "&to=" + PatrolCounty.today(),
        new JsonObject()).statusCode()).isEqualTo(400);
    var started = node.post("/api/coverage/recompute?from=" + yesterday() + "&to=" + yesterday(), new JsonObject());
    assertThat(started.statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(30))
        .until(() -> node.get("/api/coverage/recompute").bodyAsJsonObject().getString("state").equals("done"));

    Map<String, JsonObject> villages = byCode("village", node.token());
    assertThat(villages.get("V1").getMap()).containsEntry("minutes", 45).containsEntry("visits", 2)
        .containsEntry("units", 2).containsEntry("lastVisit", yesterdayAt(10, 30));
    assertThat(villages.get("V2").getMap()).containsEntry("minutes", 9 + 12).containsEntry("visits", 1)
        .containsEntry("units", 2).containsEntry("lastVisit", yesterdayAt(9, 12));
    assertThat(villages.get("V3").getMap()).containsEntry("minutes", 18).containsEntry("visits", 1)
        .containsEntry("lastVisit", yesterdayAt(11, 25));
    assertThat(byCode("unit", node.token()).get("aux-1").getMap()).containsEntry("onDutyMinutes", 64)
        .containsEntry("onPostMinutes", 30);
  }

  @Test
  @Order(7)
  void importedHistoryOlderThanTheFixAgeLimitCountsOnceRecomputedAndBadFixesAreListed() {
    java.time.LocalDate day = yesterday().minusDays(9);
    long start = day.atTime(15, 0).atZone(PatrolCounty.ZONE).toInstant().toEpochMilli();
    JsonArray fixes = new JsonArray();
    for (int m = 0; m <= 12; m += 2) {
      fixes.add(new JsonArray().add(start + m * 60_000L).add(LAT).add(V3));
    }
    fixes.add(new JsonArray().add(start + 13 * 60_000L).add(0).add(0));
    JsonObject body = new JsonObject().put("deviceId", "dev-aux-3").put("fixes", fixes);
    String station = PatrolCounty.token(node, "coverage-import-s2", "station", "S2");
    assertThat(node.post("/api/history/import", body, station).statusCode()).isEqualTo(403);
    var imported = node.post("/api/history/import", body);
    assertThat(imported.statusCode()).as(imported.bodyAsString()).isEqualTo(200);
    assertThat(imported.bodyAsJsonObject().getInteger("accepted")).isEqualTo(7);
    assertThat(imported.bodyAsJsonObject().getJsonArray("refused").getString(0)).startsWith("fixes[7]: no_fix");

    node.post("/api/coverage/recompute?from=" + day + "&to=" + day, new JsonObject());
    await().atMost(Duration.ofSeconds(30))
        .until(() -> node.get("/api/coverage/recompute").bodyAsJsonObject().getString("state").equals("done"));
    JsonObject v3 = node.get("/api/coverage?level=village&from=" + day + "&to=" + day).bodyAsJsonArray().stream()
        .map(JsonObject.class::cast).filter(v -> v.getString("code").equals("V3")).findFirst().orElseThrow();
    assertThat(v3.getMap()).containsEntry("minutes", 12).containsEntry("visits", 1).containsEntry("requirementMet", true);
  }

  @Test
  @Order(8)
  void theMetricsShowTheFixesTheAccountingCountedAndTheCpuItTook() {
    String metrics = node.get("/metrics", null).bodyAsString();
    assertThat(metric(metrics, "lamplight_coverage_events_total")).isGreaterThanOrEqualTo(7);
    assertThat(metric(metrics, "lamplight_coverage_cpu_seconds_total")).isPositive();
  }

  @Test
  @Order(9)
  void aRepeatedDutyReportIsStoredAsOneChange() throws Exception {
    CoverageVerticle accounting = node.node().patrol().accounting();
    long counted = accounting.counted();
    try (TestDevice aux3 = TestDevice.connect(node, "dev-aux-3")) {
      for (boolean on : new boolean[] {false, false, false, true, true, true}) {
        aux3.duty(on);
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> accounting.counted() >= counted + 6);
    }
    // the last report is "on": once a change to on is stored, every report before it was counted and flushed
    await().atMost(Duration.ofSeconds(20)).until(() -> dutyChanges("and on_duty") >= 1);
    // off (unless the unit was off already), then on: never one row per report
    assertThat(dutyChanges("")).isBetween(1, 2);
  }

  /**
   * A unit's duty switched off and on again within one millisecond (two statuses, or a device and
   * the field app at once): its duty at that instant is the last change, stored whether the two
   * land in one flush or in two.
   */
  @Test
  @Order(10)
  void dutyChangesWithinOneMillisecondStoreTheLast() {
    TrackBuffer buffer = node.node().tracking().tracks();
    long at = System.currentTimeMillis();
    buffer.offer(new TrackEvent.Duty("off-1", at - 1000, true));
    buffer.offer(new TrackEvent.Duty("off-1", at, false));
    buffer.offer(new TrackEvent.Duty("off-1", at, true));
    await().atMost(Duration.ofSeconds(20)).until(() -> Boolean.TRUE.equals(dutyAt("off-1", at)));
  }

  /** The duty change stored for the unit at that instant, or null when none is. */
  private static Boolean dutyAt(String unitId, long atMs) throws SQLException {
    try (Connection db = TestDatabase.connect(DB); ResultSet rows = db.createStatement().executeQuery(
        "select on_duty from coverage_duty_changes where unit_id = '" + unitId + "' and at = to_timestamp(" + atMs
            + " / 1000.0)")) {
      return rows.next() ? rows.getBoolean(1) : null;
    }
  }

  private static int dutyChanges(String condition) throws SQLException {
    try (Connection db = TestDatabase.connect(DB); ResultSet rows = db.createStatement()
        .executeQuery("select count(*) from coverage_duty_changes where unit_id = 'aux-3' " + condition)) {
      rows.next();
      return rows.getInt(1);
    }
  }

  /** A metric's value in a Prometheus scrape (its first series); -1 when absent. */
  private static double metric(String scrape, String name) {
    Matcher m = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.eE+-]+)$", Pattern.MULTILINE)
        .matcher(scrape);
    return m.find() ? Double.parseDouble(m.group(2)) : -1;
  }

  private static Map<String, JsonObject> byCode(String level, String token) {
    var r = node.get("/api/coverage?level=" + level + "&from=" + yesterday() + "&to=" + yesterday(), token);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonArray().stream().map(JsonObject.class::cast)
        .collect(Collectors.toMap(o -> o.getString("code"), Function.identity()));
  }
}
