package org.lamplight.patrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.lamplight.patrol.PatrolCounty.LAT;
import static org.lamplight.patrol.PatrolCounty.V1;
import static org.lamplight.patrol.PatrolCounty.V2;
import static org.lamplight.patrol.PatrolCounty.V3;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lamplight.TestDatabase;
import org.lamplight.TestDevice;
import org.lamplight.TestNode;
import org.lamplight.alert.AlertBus;
import org.lamplight.config.Keys;
import org.lamplight.console.PatrolViews;
import org.lamplight.domain.evaluation.EvaluationMonth;
import org.lamplight.domain.ledger.Hazard;
import org.lamplight.domain.ledger.HazardStatus;
import org.lamplight.domain.ledger.HazardTally;
import org.lamplight.domain.ledger.LedgerCounts;
import org.lamplight.domain.ledger.LedgerEntry;
import org.lamplight.domain.ledger.LedgerKind;
import org.lamplight.gateway.DeviceBus;
import org.lamplight.gateway.Fuzz;

/** The work ledger from devices (real MQTT clients) and the console, and hazards through their life. */
class LedgerIT {

  private static final String DB = "ledger_it";
  private static TestNode node;
  private static final List<JsonObject> alerts = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    PatrolCounty.importInto(DB);
    node = PatrolCounty.node(DB, Map.of(Keys.LEDGER_CHECK, 300L));
    node.node().vertx().eventBus().<JsonObject>consumer(AlertBus.CHANGED, m -> alerts.add(m.body()));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @BeforeEach
  void empty() {
    TestDatabase.execute(DB, null, "truncate hazard_steps, hazards, ledger_entries");
    alerts.clear();
  }

  @Test
  void aDeviceEntryIsStoredBeforeItIsAcknowledgedAndAResendCountsOnce() throws Exception {
    try (TestDevice aux1 = TestDevice.connect(node, "dev-aux-1")) {
      JsonObject entry = new JsonObject().put("type", "ledger").put("kind", "household_visit").put("count", 3)
          .put("lat", LAT).put("lon", V2).put("note", "east lane").put("clientId", "c-001").put("photoId", "IMG_1");
      aux1.event(entry);
      JsonArray stored = entries("");
      assertThat(stored).hasSize(1);
      assertThat(stored.getJsonObject(0).getMap()).containsEntry("unitId", "aux-1").containsEntry("village", "V2")
          .containsEntry("count", 3).containsEntry("source", "device").containsEntry("clientId", "c-001")
          .containsEntry("photoId", "IMG_1").containsEntry("note", "east lane");
      aux1.event(entry);
      assertThat(entries("")).hasSize(1);
    }
  }

  @Test
  void withoutVillageOrPositionTheEntryGoesToTheVillageOfTheLastFix() throws Exception {
    try (TestDevice aux3 = TestDevice.connect(node, "dev-aux-3")) {
      aux3.at(LAT, V3);
      aux3.event(new JsonObject().put("type", "ledger").put("kind", "safety_talk").put("count", 40));
      aux3.event(new JsonObject().put("type", "ledger").put("kind", "dispute_mediated").put("village", "V1"));
    }
    assertThat(entries("&kind=safety_talk").getJsonObject(0).getString("village")).isEqualTo("V3");
    assertThat(entries("&kind=dispute_mediated").getJsonObject(0).getString("village")).isEqualTo("V1");
  }

  @Test
  void anEntryThatCannotBePlacedIsRefusedAndNothingIsStored() {
    Mqtt5BlockingClient client = aux2();
    try {
      assertThat(publish(client, new JsonObject().put("type", "ledger").put("kind", "other").put("village", "V9")))
          .isEqualTo(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID);
      assertThat(publish(client, new JsonObject().put("type", "ledger").put("kind", "other").put("lat", LAT)
          .put("lon", PatrolCounty.NOWHERE))).isEqualTo(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID);
      assertThat(publish(client, new JsonObject().put("type", "ledger").put("kind", "other").put("village", "V2")))
          .isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
    } finally {
      client.disconnect();
    }
    assertThat(entries("")).hasSize(1);
  }

  @Test
  void aControlCharacterIsRefusedBeforeTheDeviceIsAcknowledged() {
    Mqtt5BlockingClient client = aux2();
    try {
      // PostgreSQL stores no NUL: once refused by the database, the entry would be sent again for ever
      assertThat(publish(client, new JsonObject().put("type", "ledger").put("kind", "other").put("village", "V2")
          .put("note", "a\u0000b"))).isEqualTo(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID);
      assertThat(client.getState().isConnected()).isTrue();
    } finally {
      client.disconnect();
    }
    assertThat(entries("")).isEmpty();
  }

  @Test
  void anEntryTheDatabaseRefusesIsRefusedAsDataNotAsAnOutage() {
    JsonObject entry = new JsonObject().put("type", "ledger").put("kind", "other").put("village", "V2")
        .put("note", "a\u0000b");
    Throwable refused = node.node().vertx().eventBus().request(DeviceBus.LEDGER, new JsonObject().put("deviceId", "dev-aux-2")
        .put("unitId", "aux-2").put("message", entry)).toCompletionStage().toCompletableFuture()
        .handle((reply, failure) -> failure).join();
    assertThat(refused).isInstanceOfSatisfying(ReplyException.class,
        e -> assertThat(e.failureCode()).isEqualTo(DeviceBus.REFUSED));
    assertThat(entries("")).isEmpty();
  }

  @Test
  void aHazardGoesThroughItsLifeFromTheConsoleAndRefusesStepsOutOfTurn() {
    var reported = node.post("/api/ledger", new JsonObject().put("kind", "fire_hazard").put("unitId", "aux-1")
        .put("village", "V1").put("note", "straw stacked against the transformer"));
    assertThat(reported.statusCode()).as(reported.bodyAsString()).isEqualTo(201);
    String id = reported.bodyAsJsonObject().getString("id");
    assertThat(node.get("/api/hazards/" + id).bodyAsJsonObject().getMap()).containsEntry("status", "reported")
        .containsEntry("village", "V1").containsEntry("stationId", "S1");

    assertThat(node.post("/api/hazards/" + id + "/verify", new JsonObject()).statusCode()).isEqualTo(409);
    assertThat(node.post("/api/hazards/" + id + "/order", new JsonObject()).statusCode()).isEqualTo(400);
    long deadline = System.currentTimeMillis() + 86_400_000L;
    assertThat(node.post("/api/hazards/" + id + "/order", new JsonObject().put("deadline", deadline)).statusCode())
        .isEqualTo(200);
    assertThat(node.post("/api/hazards/" + id + "/rectify", new JsonObject().put("note", "moved")).statusCode())
        .isEqualTo(200);
    JsonObject verified = node.post("/api/hazards/" + id + "/verify", new JsonObject()).bodyAsJsonObject();
    assertThat(verified.getMap()).containsEntry("status", "verified").containsEntry("rectifiedOnTime", true);
    assertThat(verified.getJsonArray("steps").stream().map(s -> ((JsonObject) s).getString("action")).toList())
        .containsExactly("report", "order", "rectify", "verify");
    assertThat(node.get("/api/hazards?status=open").bodyAsJsonArray()).isEmpty();
    assertThat(node.get("/api/hazards?status=verified").bodyAsJsonArray()).hasSize(1);

    String other = node.post("/api/ledger", new JsonObject().put("kind", "traffic_hazard").put("unitId", "aux-2")
        .put("village", "V2")).bodyAsJsonObject().getString("id");
    assertThat(node.post("/api/hazards/" + other + "/dismiss", new JsonObject()).statusCode()).isEqualTo(400);
    assertThat(node.post("/api/hazards/" + other + "/dismiss", new JsonObject().put("note", "a parked tractor"))
        .bodyAsJsonObject().getString("status")).isEqualTo("not_a_hazard");
  }

  @Test
  void aHazardPastItsDeadlineRaisesOneAlertAndCountsAsLateForItsOffice() {
    String late = hazard("V1");
    String onTime = hazard("V2");
    long deadline = System.currentTimeMillis() + 1_500;
    node.post("/api/hazards/" + late + "/order", new JsonObject().put("deadline", deadline));
    node.post("/api/hazards/" + onTime + "/order", new JsonObject().put("deadline", deadline + 60_000));
    node.post("/api/hazards/" + onTime + "/rectify", new JsonObject());

    await().atMost(Duration.ofSeconds(10)).until(() -> !alerts.isEmpty());
    await().during(Duration.ofMillis(1_000)).atMost(Duration.ofSeconds(3)).until(() -> alerts.size() == 1);
    assertThat(alerts.get(0).getMap()).containsEntry("level", "warning").containsEntry("kind", "hazard_overdue")
        .containsEntry("code", "ledger.hazard_overdue").containsEntry("stationId", "S1").containsEntry("villageCode", "V1");
    assertThat(alerts.get(0).getJsonObject("params").getMap()).containsEntry("hazardId", late)
        .containsEntry("deadline", deadline);
    assertThat(node.get("/api/hazards/" + late).bodyAsJsonObject().getBoolean("overdue")).isTrue();

    JsonObject o1 = node.get("/api/ledger/summary").bodyAsJsonObject().getJsonArray("offices").stream()
        .map(JsonObject.class::cast).filter(o -> o.getString("officeId").equals("O1")).findFirst().orElseThrow();
    assertThat(o1.getJsonObject("hazards").getMap()).containsEntry("reported", 2).containsEntry("due", 2)
        .containsEntry("onTime", 1).containsEntry("late", 1).containsEntry("rectified", 1).containsEntry("onTimeRate", 0.5);
    assertThat(o1.getJsonObject("work").getInteger("fire_hazard")).isEqualTo(2);
  }

  @Test
  void aStationAccountSeesAndRecordsForItsOwnStationsOnly() {
    hazard("V1");
    node.post("/api/ledger", new JsonObject().put("kind", "household_visit").put("unitId", "aux-3").put("village", "V3"));
    String s2 = PatrolCounty.token(node, "ledger-s2", "station", "S2");
    assertThat(node.get("/api/ledger", s2).bodyAsJsonArray().stream().map(e -> ((JsonObject) e).getString("village")))
        .containsOnly("V3");
    assertThat(node.get("/api/hazards", s2).bodyAsJsonArray()).isEmpty();
    assertThat(node.post("/api/ledger", new JsonObject().put("kind", "other").put("unitId", "aux-1"), s2).statusCode())
        .isEqualTo(404);
    assertThat(node.post("/api/ledger", new JsonObject().put("kind", "other").put("unitId", "aux-3"), s2).statusCode())
        .isEqualTo(201);
  }

  @Test
  void theLedgerExportsAsCsvAndExcelWithChineseHeaders() throws Exception {
    node.post("/api/ledger", new JsonObject().put("kind", "household_visit").put("unitId", "aux-1").put("village", "V1")
        .put("count", 4).put("note", "走访四户"));
    String csv = node.get("/api/ledger?format=csv").bodyAsString(StandardCharsets.UTF_8.name()).replace("\uFEFF", "");
    List<CSVRecord> rows = CSVFormat.EXCEL.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(csv)).getRecords();
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("类别")).isEqualTo("入户走访");
    assertThat(rows.get(0).get("数量")).isEqualTo("4");
    assertThat(rows.get(0).get("备注")).isEqualTo("走访四户");
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(node.get("/api/ledger?format=xlsx").body().getBytes()))) {
      var sheet = book.getSheet("工作台账");
      assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("类别");
      assertThat(sheet.getRow(1).getCell(7).getNumericCellValue()).isEqualTo(4.0);
    }
  }

  @Test
  void theMonthSummaryCountsEveryEntryAndHazardAsTheLedgerRulesDoAtTheMonthsEdges() throws Exception {
    EvaluationMonth month = EvaluationMonth.parse("2025-03", EvaluationMonth.DEFAULT_CLOSING_DAY);
    long from = month.startMs(PatrolCounty.ZONE);
    long to = month.endMs(PatrolCounty.ZONE);
    // instants on both sides of the month's edges; a hazard's later steps never come before its earlier ones
    long day = 86_400_000L;
    long[] instants = {from - 40 * day, from - 1, from, from + 1, from + 10 * day, to - 1, to, to + 20 * day};
    Map<String, String> officeOf = Map.of("aux-1", "O1", "aux-2", "O1", "off-1", "O1", "aux-3", "O2", "off-2", "O2",
        "V1", "O1", "V2", "O1", "V3", "O2");
    List<String> units = List.of("aux-1", "aux-2", "off-1", "aux-3", "off-2", "nobody");
    List<String> villages = List.of("V1", "V2", "V3", "V9");
    List<LedgerKind> hazardKinds = Stream.of(LedgerKind.values()).filter(LedgerKind::isHazard).toList();
    long seed = Fuzz.seed();
    Random random = new Random(seed);
    List<LedgerEntry> entries = new ArrayList<>();
    List<Hazard> hazards = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      int reported = random.nextInt(instants.length);
      LedgerKind kind = LedgerKind.values()[random.nextInt(LedgerKind.values().length)];
      if (random.nextBoolean()) {
        kind = hazardKinds.get(random.nextInt(hazardKinds.size()));
        hazards.add(hazard("h" + i, kind, villages.get(random.nextInt(villages.size())), random, instants, reported));
      }
      entries.add(new LedgerEntry("h" + i, kind, units.get(random.nextInt(units.size())),
          villages.get(random.nextInt(villages.size())), instants[reported], 1 + random.nextInt(5), Double.NaN,
          Double.NaN, "note " + i));
    }
    store(entries, hazards);

    Map<String, LedgerCounts> work = LedgerCounts.byGroup(entries, e -> officeOf.get(e.unitId()), from, to);
    Map<String, HazardTally> tallies = new HashMap<>();
    hazards.stream().filter(h -> officeOf.containsKey(h.village()))
        .forEach(h -> tallies.merge(officeOf.get(h.village()), HazardTally.of(h, from, to), HazardTally::plus));
    JsonObject summary = node.get("/api/ledger/summary?month=2025-03").bodyAsJsonObject();
    assertThat(summary.getJsonArray("offices")).hasSize(2);
    for (Object o : summary.getJsonArray("offices")) {
      JsonObject office = (JsonObject) o;
      String id = office.getString("officeId");
      assertThat(office).as("office %s, -Dlamplight.fuzz.seed=%d", id, seed).isEqualTo(PatrolViews.officeLedger(
          new OfficeLedger(id, office.getString("name"), office.getString("stationId"),
              work.getOrDefault(id, LedgerCounts.NONE), tallies.getOrDefault(id, HazardTally.NONE))));
    }
    assertThat(tallies.values().stream().mapToInt(t -> t.reported() + t.due() + t.notAHazard() + t.verified()).sum())
        .as("the month holds hazards").isPositive();
  }

  /** A hazard reported at {@code instants[reported]}, taken a random way through its life. */
  private static Hazard hazard(String id, LedgerKind kind, String village, Random random, long[] instants, int reported) {
    HazardStatus status = HazardStatus.values()[random.nextInt(HazardStatus.values().length)];
    int step = reported;
    OptionalLong deadline = OptionalLong.empty();
    OptionalLong rectified = OptionalLong.empty();
    OptionalLong closed = OptionalLong.empty();
    if (status != HazardStatus.REPORTED && (status != HazardStatus.NOT_A_HAZARD || random.nextBoolean())) {
      deadline = OptionalLong.of(instants[step = step + random.nextInt(instants.length - step)]);
    }
    if (status == HazardStatus.RECTIFIED || status == HazardStatus.VERIFIED) {
      // rectified before, at or after the deadline
      rectified = OptionalLong.of(instants[step = reported + random.nextInt(instants.length - reported)]);
    } else if (status == HazardStatus.NOT_A_HAZARD) {
      step = reported; // dismissed before, at or after the deadline
    }
    if (status.isClosed()) {
      closed = OptionalLong.of(instants[step + random.nextInt(instants.length - step)]);
    }
    return new Hazard(id, kind, village, "", status, 1, instants[reported], "aux-1", deadline, rectified, closed);
  }

  private static void store(List<LedgerEntry> entries, List<Hazard> hazards) throws SQLException {
    try (Connection c = TestDatabase.connect(DB);
         PreparedStatement entry = c.prepareStatement("insert into ledger_entries (id, kind, unit_id, village, at, count,"
             + " note, source, recorded_by) values (?, ?, ?, ?, to_timestamp(? / 1000.0), ?, ?, 'console', 'admin')");
         PreparedStatement hazard = c.prepareStatement("insert into hazards (id, kind, village, description, status, seq,"
             + " reported_at, reported_by, deadline, rectified_at, closed_at) values (?, ?, ?, '', ?, 1,"
             + " to_timestamp(? / 1000.0), 'aux-1', to_timestamp(? / 1000.0), to_timestamp(? / 1000.0),"
             + " to_timestamp(? / 1000.0))")) {
      for (LedgerEntry e : entries) {
        entry.setString(1, e.id());
        entry.setString(2, e.kind().wire());
        entry.setString(3, e.unitId());
        entry.setString(4, e.village());
        entry.setLong(5, e.atMs());
        entry.setInt(6, e.count());
        entry.setString(7, e.note());
        entry.executeUpdate();
      }
      for (Hazard h : hazards) {
        hazard.setString(1, h.id());
        hazard.setString(2, h.kind().wire());
        hazard.setString(3, h.village());
        hazard.setString(4, h.status().wire());
        hazard.setLong(5, h.reportedAtMs());
        hazard.setObject(6, h.deadlineMs().isPresent() ? h.deadlineMs().getAsLong() : null, Types.BIGINT);
        hazard.setObject(7, h.rectifiedAtMs().isPresent() ? h.rectifiedAtMs().getAsLong() : null, Types.BIGINT);
        hazard.setObject(8, h.closedAtMs().isPresent() ? h.closedAtMs().getAsLong() : null, Types.BIGINT);
        hazard.executeUpdate();
      }
    }
  }

  private static String hazard(String village) {
    return node.post("/api/ledger", new JsonObject().put("kind", "fire_hazard").put("unitId", "aux-1").put("village", village))
        .bodyAsJsonObject().getString("id");
  }

  private static JsonArray entries(String filter) {
    var r = node.get("/api/ledger?x=1" + filter);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonArray();
  }

  /** dev-aux-2 over MQTT 5, whose PUBACKs say why an entry was refused. */
  private static Mqtt5BlockingClient aux2() {
    String secret = node.issueSecret("dev-aux-2");
    Mqtt5BlockingClient client = Mqtt5Client.builder().identifier("dev-aux-2").serverHost("localhost")
        .serverPort(node.node().gateway().mqttPort()).buildBlocking();
    client.connectWith().simpleAuth().username("dev-aux-2").password(secret.getBytes(StandardCharsets.UTF_8))
        .applySimpleAuth().send();
    return client;
  }

  private static Mqtt5PubAckReasonCode publish(Mqtt5BlockingClient client, JsonObject payload) {
    try {
      Mqtt5PublishResult result = client.publishWith().topic("lamplight/devices/dev-aux-2/events").qos(MqttQos.AT_LEAST_ONCE)
          .payload(payload.encode().getBytes(StandardCharsets.UTF_8)).send();
      return ((Mqtt5PublishResult.Mqtt5Qos1Result) result).getPubAck().getReasonCode();
    } catch (Mqtt5PubAckException e) {
      return e.getMqttMessage().getReasonCode();
    }
  }
}
