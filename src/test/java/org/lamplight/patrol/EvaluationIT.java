package org.lamplight.patrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.lamplight.patrol.PatrolCounty.LAT;
import static org.lamplight.patrol.PatrolCounty.V1;
import static org.lamplight.patrol.PatrolCounty.V2;
import static org.lamplight.patrol.PatrolCounty.V3;
import static org.lamplight.patrol.PatrolCounty.ZONE;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.TestDatabase;
import org.lamplight.TestDevice;
import org.lamplight.TestNode;
import org.lamplight.config.Keys;
import org.lamplight.domain.evaluation.EvaluationMonth;

/**
 * A hand-made month, the evaluation month before the current one, in the patrol county with the
 * shipped conf/evaluation.yaml:
 *
 * <pre>
 * O1 (V1, V2): aux-1 visits V1 and aux-2 visits V2 every day (fixes at :00, :05, :10), one offer
 *     accepted after 10 s and on scene after 8 min, 120 household visits from a device and 5
 *     safety talks from the console, inspection 95/90/95.
 *     coverage 100, on post 100, offers 100, accept 100, arrive 100, ledger 100 (no hazard due:
 *     left out) and inspections: (2500 + 1500 + 1500 + 1000 + 2800) / 95 = 97.9, first class, 800.
 * O2 (V3): aux-3 visits V3 every third day, one offer left to time out, no ledger, inspection
 *     50/60/55: coverage about 37, on post 100, offers 0, ledger 0: below 70, third class, 300.
 * </pre>
 */
class EvaluationIT {

  private static final String DB = "evaluation_it";
  private static TestNode node;
  private static EvaluationMonth month;

  @BeforeAll
  static void month() throws Exception {
    PatrolCounty.importInto(DB);
    node = PatrolCounty.node(DB, Map.of(Keys.FIX_MAX_AGE, 70 * 86_400_000L));
    month = EvaluationMonth.containing(LocalDate.now(ZONE), 25).previous();
    try (TestDevice aux1 = TestDevice.connect(node, "dev-aux-1"); TestDevice aux2 = TestDevice.connect(node, "dev-aux-2");
         TestDevice aux3 = TestDevice.connect(node, "dev-aux-3")) {
      int i = 0;
      for (LocalDate day = month.firstDay(); !day.isAfter(month.lastDay()); day = day.plusDays(1), i++) {
        visit(aux1, V1, day, 9);
        visit(aux2, V2, day, 10);
        if (i % 3 == 0) {
          visit(aux3, V3, day, 11);
        }
      }
      LocalDate mid = month.firstDay().plusDays(12);
      for (int n = 0; n < 2; n++) {
        aux1.event(new JsonObject().put("type", "ledger").put("kind", "household_visit").put("count", 60)
            .put("village", "V1").put("clientId", "hv-" + n).put("ts", at(mid, 15, n)));
      }
    }
    var talks = node.post("/api/ledger", new JsonObject().put("kind", "safety_talk").put("unitId", "aux-2")
        .put("village", "V2").put("count", 5).put("at", at(month.firstDay().plusDays(14), 16, 0)));
    assertThat(talks.statusCode()).as(talks.bodyAsString()).isEqualTo(201);
    incident(at(month.firstDay().plusDays(13), 14, 0), "aux-1", true);
    incident(at(month.firstDay().plusDays(13), 15, 0), "aux-3", false);
    await().atMost(Duration.ofSeconds(30)).until(() -> office(evaluation(), "O1").getJsonObject("facts")
        .getInteger("villageDaysMet") == 2 * month.days());
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static void visit(TestDevice device, double lon, LocalDate day, int hour) throws Exception {
    for (int m = 0; m <= 10; m += 5) {
      device.at(LAT, lon, at(day, hour, m));
    }
  }

  private static long at(LocalDate day, int hour, int minute) {
    return day.atTime(hour, minute).atZone(ZONE).toInstant().toEpochMilli();
  }

  /** An incident of the month as dispatch stores it, with one offer to {@code unit}. */
  private static void incident(long createdMs, String unit, boolean accepted) throws Exception {
    String id = UUID.randomUUID().toString();
    try (Connection c = TestDatabase.connect(DB)) {
      c.createStatement().execute("insert into incidents (id, type, severity, status, lat, lon, source, state, created_at,"
          + " updated_at, number) values ('" + id + "', 'fire', 1, 'closed', 34.005, 113.005, 'api', '{}', to_timestamp("
          + createdMs / 1000.0 + "), to_timestamp(" + createdMs / 1000.0 + "), 'test-" + id + "')");
      String[][] events = accepted
          ? new String[][] {{"0", "created", null}, {"1000", "offer_sent", unit}, {"11000", "accepted", unit},
              {"481000", "on_scene", unit}, {"900000", "closed", null}}
          : new String[][] {{"0", "created", null}, {"1000", "offer_sent", unit}, {"31000", "timed_out", unit},
              {"900000", "closed", null}};
      for (int seq = 0; seq < events.length; seq++) {
        String[] e = events[seq];
        c.createStatement().execute("insert into incident_events (incident_id, seq, at, kind, unit_id) values ('" + id
            + "', " + (seq + 1) + ", to_timestamp(" + (createdMs + Long.parseLong(e[0])) / 1000.0 + "), '" + e[1] + "', "
            + (e[2] == null ? "null" : "'" + e[2] + "'") + ")");
      }
    }
  }

  private static JsonObject evaluation() {
    var r = node.get("/api/evaluations/" + month);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  private static JsonObject office(JsonObject evaluation, String id) {
    return byId(evaluation.getJsonArray("offices")).get(id);
  }

  private static Map<String, JsonObject> byId(JsonArray rows) {
    return rows.stream().map(JsonObject.class::cast).collect(Collectors.toMap(o -> o.getString("id"), Function.identity()));
  }

  @Test
  void theHandMadeMonthGivesTheExpectedClassesAmountsAndResponseFiguresAndClosingFreezesIt() throws Exception {
    node.post("/api/evaluations/" + month + "/inspections", new JsonObject().put("inspections", new JsonArray()
        .add(inspection("O1", 95, 90, 95)).add(inspection("W1", 90, 90, 90)).add(inspection("W2", 90, 90, 90))
        .add(inspection("O2", 50, 60, 55))));
    JsonObject before = evaluation();
    assertThat(before.getJsonArray("missingInspections")).containsExactly("W3");
    JsonObject o1 = office(before, "O1");
    assertThat(o1.getMap()).containsEntry("score", 97.9).containsEntry("tier", "first").containsEntry("tierName", "一类")
        .containsEntry("amount", 800).containsEntry("rank", 1).containsEntry("rotationDue", false);
    assertThat(o1.getJsonArray("missing")).containsExactly("hazards_on_time");
    JsonObject facts = o1.getJsonObject("facts");
    assertThat(facts.getMap()).containsEntry("offers", 1).containsEntry("offersAccepted", 1)
        .containsEntry("medianAcceptSeconds", 10).containsEntry("medianArriveSeconds", 480)
        .containsEntry("coverageShare", 1.0).containsEntry("presenceShare", 1.0);
    assertThat(facts.getJsonObject("ledger").getMap()).containsEntry("household_visit", 120).containsEntry("safety_talk", 5);
    JsonObject o2 = office(before, "O2");
    assertThat(o2.getMap()).containsEntry("tier", "third").containsEntry("amount", 300).containsEntry("rank", 2);
    assertThat(o2.getJsonObject("facts").getMap()).containsEntry("offers", 1).containsEntry("offersAccepted", 0)
        .containsEntry("medianAcceptSeconds", null);
    assertThat(o2.getDouble("score")).isLessThan(70);
    assertThat(byId(before.getJsonArray("auxiliaries")).get("aux-1").getJsonObject("facts").getInteger("villageDaysMet"))
        .isEqualTo(month.days());
    assertThat(before.getJsonArray("stations").getJsonObject(0).getMap()).containsEntry("id", "S1").containsEntry("amount", 800);

    var refused = node.post("/api/evaluations/" + month + "/close", new JsonObject());
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.bodyAsJsonObject().getString("message")).contains("W3");
    assertThat(node.post("/api/evaluations/" + month.previous().month().plusMonths(2) + "/close", new JsonObject())
        .statusCode()).isEqualTo(409);

    node.post("/api/evaluations/" + month + "/inspections", new JsonObject().put("inspections", new JsonArray()
        .add(inspection("W3", 60, 60, 60))));
    var closed = node.post("/api/evaluations/" + month + "/close", new JsonObject());
    assertThat(closed.statusCode()).as(closed.bodyAsString()).isEqualTo(200);
    assertThat(closed.bodyAsJsonObject().getMap()).containsEntry("closed", true).containsEntry("closedBy", "admin");

    node.post("/api/ledger", new JsonObject().put("kind", "safety_talk").put("unitId", "aux-3").put("village", "V3")
        .put("count", 50).put("at", at(month.firstDay().plusDays(15), 10, 0)));
    JsonObject after = evaluation();
    assertThat(office(after, "O2").getDouble("score")).isEqualTo(office(closed.bodyAsJsonObject(), "O2").getDouble("score"));
    assertThat(office(after, "O2").getJsonObject("facts").getJsonObject("ledger").getInteger("safety_talk")).isZero();
    assertThat(node.post("/api/evaluations/" + month + "/inspections", new JsonObject().put("inspections",
        new JsonArray().add(inspection("O2", 100, 100, 100)))).statusCode()).isEqualTo(409);
    assertThat(node.post("/api/evaluations/" + month + "/close", new JsonObject()).statusCode()).isEqualTo(409);
    try (Connection c = TestDatabase.connect(DB);
         ResultSet rs = c.createStatement().executeQuery("select actor, target from audit_log where action = 'evaluation_close'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("target")).isEqualTo(month.toString());
    }
    assertThat(node.get("/api/rankings/" + month.month().getYear()).statusCode()).isEqualTo(200);

    String csv = node.get("/api/evaluations/" + month + "?format=csv").bodyAsString(StandardCharsets.UTF_8.name())
        .replace("\uFEFF", "");
    Map<String, CSVRecord> rows = CSVFormat.EXCEL.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(csv)).getRecords().stream().collect(Collectors.toMap(r -> r.get("代码"), r -> r));
    assertThat(rows.get("O1").get("等次")).isEqualTo("一类");
    assertThat(rows.get("O1").get("金额(元)")).isEqualTo("800");
    assertThat(rows.get("O2").get("等次")).isEqualTo("三类");
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(
        node.get("/api/evaluations/" + month + "?format=xlsx").body().getBytes()))) {
      assertThat(List.of(book.getSheetName(0), book.getSheetName(1), book.getSheetName(2), book.getSheetName(3)))
          .containsExactly("警务室考核", "警务工作站考核", "民警考核", "辅警考核");
      assertThat(book.getSheet("警务室考核").getRow(1).getCell(1).getStringCellValue()).isEqualTo("O1");
      assertThat(book.getSheet("辅警考核").getPhysicalNumberOfRows()).isEqualTo(1 + 3);
    }
  }

  @Test
  void aStationAccountSeesItsStationsRowsOnlyAndMayNotEnterInspections() {
    String s2 = PatrolCounty.token(node, "evaluation-s2", "station", "S2");
    JsonObject seen = node.get("/api/evaluations/" + month, s2).bodyAsJsonObject();
    assertThat(byId(seen.getJsonArray("offices"))).containsOnlyKeys("O2");
    assertThat(byId(seen.getJsonArray("auxiliaries"))).containsOnlyKeys("aux-3");
    assertThat(node.post("/api/evaluations/" + month + "/inspections", new JsonObject().put("inspections",
        new JsonArray().add(inspection("O2", 100, 100, 100))), s2).statusCode()).isEqualTo(403);
  }

  private static JsonObject inspection(String subject, double hardware, double housekeeping, double ledgers) {
    return new JsonObject().put("subject", subject).put("hardware", hardware).put("housekeeping", housekeeping)
        .put("ledgers", ledgers);
  }
}
