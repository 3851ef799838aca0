package org.lamplight.patrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.lamplight.patrol.PatrolCounty.LAT;
import static org.lamplight.patrol.PatrolCounty.V1;
import static org.lamplight.patrol.PatrolCounty.V2;
import static org.lamplight.patrol.PatrolCounty.V3;
import static org.lamplight.patrol.PatrolCounty.ZONE;
import static org.lamplight.patrol.PatrolCounty.yesterday;
import static org.lamplight.patrol.PatrolCounty.yesterdayAt;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.TestDatabase;
import org.lamplight.TestDevice;
import org.lamplight.TestNode;
import org.lamplight.config.Config;
import org.lamplight.config.Keys;
import org.lamplight.domain.coverage.TrackEvent;

/**
 * The recompute command run in-process against the database a node serves: it counts the fixes
 * that arrived too late for the live accounting, exactly as the REST recompute does, and refuses
 * bad ranges with a clear message and a non-zero exit.
 *
 * <p>aux-2: V1 10:05-10:20 yesterday (a visit), then fixes of V2 09:00-09:12 that arrive late;
 * aux-1: V1 10:00-10:30 (a visit); aux-3: off duty since three evenings ago, V3 10:00-10:30 (no
 * visit, live or recomputed).
 */
class RecomputeCommandIT {

  private static final String DB = "recompute_command_it";
  private static TestNode node;

  @BeforeAll
  static void drive() throws Exception {
    PatrolCounty.importInto(DB);
    node = PatrolCounty.node(DB, Map.of());
    long offAt = yesterday().minusDays(2).atTime(20, 0).atZone(ZONE).toInstant().toEpochMilli();
    node.node().tracking().tracks().offer(new TrackEvent.Duty("aux-3", offAt, false));
    await().atMost(Duration.ofSeconds(20)).until(() -> count("select count(*) from coverage_duty_changes") == 1);
    try (TestDevice aux3 = TestDevice.connect(node, "dev-aux-3")) {
      for (int m = 0; m <= 30; m++) {
        aux3.at(LAT, V3, yesterdayAt(10, m));
      }
    }
    try (TestDevice aux1 = TestDevice.connect(node, "dev-aux-1"); TestDevice aux2 = TestDevice.connect(node, "dev-aux-2")) {
      for (int m = 0; m <= 30; m++) {
        aux1.at(LAT, V1, yesterdayAt(10, m));
      }
      for (int m = 5; m <= 20; m++) {
        aux2.at(LAT, V1, yesterdayAt(10, m));
      }
      for (int m = 0; m <= 12; m++) {
        aux2.at(LAT, V2, yesterdayAt(9, m));
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> villages().stream().map(JsonObject.class::cast)
          .anyMatch(v -> v.getString("code").equals("V1") && v.getInteger("visits") == 2));
    }
    // the late fixes of V2 reach history only, not the live count
    await().atMost(Duration.ofSeconds(20)).until(() -> node.node().patrol().accounting().counted() >= 1 + 31 + 31 + 16);
    await().atMost(Duration.ofSeconds(20)).until(() -> count("select count(*) from positions") == 31 + 60);
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void theCommandCountsTheLateFixesAndGivesTheSameFiguresAsTheRestRecompute() {
    assertThat(village("V2").getInteger("visits")).as("late fixes are not counted live").isZero();
    assertThat(village("V3").getInteger("visits")).as("nor fixes of a unit off duty").isZero();

    Run run = command("--from", yesterday().toString(), "--to", yesterday().toString());
    assertThat(run.exit()).as(run.err()).isEqualTo(RecomputeCommand.OK);
    assertThat(run.out()).contains("recomputed " + yesterday() + ".." + yesterday() + ": 1 days, 2 village-days, 2 unit-days, "
        + (31 + 16 + 13 + 31) + " fixes read");
    assertThat(run.err()).contains("5/5 people, 91 fixes read");
    JsonArray byCommand = villages();
    JsonArray unitsByCommand = units();
    JsonArray dailyByCommand = daily();
    assertThat(village("V2").getMap()).containsEntry("minutes", 12).containsEntry("visits", 1)
        .containsEntry("lastVisit", yesterdayAt(9, 12));

    var started = node.post("/api/coverage/recompute?from=" + yesterday() + "&to=" + yesterday(), new JsonObject());
    assertThat(started.statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(30))
        .until(() -> node.get("/api/coverage/recompute").bodyAsJsonObject().getString("state").equals("done"));
    assertThat(villages()).isEqualTo(byCommand);
    assertThat(units()).isEqualTo(unitsByCommand);
    assertThat(daily()).isEqualTo(dailyByCommand);
    assertThat(dailyByCommand.getJsonObject(0).getMap()).containsEntry("villages", 3).containsEntry("villagesMet", 2);
  }

  @Test
  void aUnitThatWentOffDutyBeforeTheRangeStaysOffDuty() {
    Run run = command("--from", yesterday().toString(), "--to", yesterday().toString());
    assertThat(run.exit()).as(run.err()).isEqualTo(RecomputeCommand.OK);
    assertThat(village("V3").getMap()).containsEntry("minutes", 0).containsEntry("visits", 0);
    assertThat(unit("aux-3").getMap()).containsEntry("onDutyMinutes", 0);
  }

  @Test
  void aReversedRangeIsRefusedWithItsReason() {
    Run run = command("--from", yesterday().toString(), "--to", yesterday().minusDays(1).toString());
    assertThat(run.exit()).isEqualTo(RecomputeCommand.USAGE_ERROR);
    assertThat(run.err()).contains("must run forwards").contains("usage: scripts/run recompute");
  }

  @Test
  void aMalformedDayIsRefusedNamingIt() {
    Run run = command("--from", "2026-11-31", "--to", yesterday().toString());
    assertThat(run.exit()).isEqualTo(RecomputeCommand.USAGE_ERROR);
    assertThat(run.err()).contains("--from 2026-11-31: not a day (YYYY-MM-DD)");
    assertThat(command("--from", yesterday().toString()).err()).contains("give both --from and --to");
  }

  @Test
  void aRangeLongerThanTheLimitOrReachingTodayIsRefused() {
    LocalDate last = yesterday();
    Run tooLong = command("--from", last.minusDays(CoverageService.MAX_DAYS).toString(), "--to", last.toString());
    assertThat(tooLong.exit()).isEqualTo(RecomputeCommand.USAGE_ERROR);
    assertThat(tooLong.err()).contains("span at most " + CoverageService.MAX_DAYS + " days");
    Run today = command("--from", last.toString(), "--to", PatrolCounty.today().toString());
    assertThat(today.exit()).isEqualTo(RecomputeCommand.USAGE_ERROR);
    assertThat(today.err()).contains("only days before today");
  }

  private static int count(String sql) throws SQLException {
    try (Connection db = TestDatabase.connect(DB); ResultSet rows = db.createStatement().executeQuery(sql)) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private record Run(int exit, String out, String err) {}

  private static Run command(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Config config = Config.defaults().with(Map.of(Keys.PG_URL, TestDatabase.url(DB)));
    int exit = RecomputeCommand.run(List.of(args), config, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static JsonObject village(String code) {
    return villages().stream().map(JsonObject.class::cast).filter(v -> v.getString("code").equals(code)).findFirst()
        .orElseThrow();
  }

  private static JsonObject unit(String code) {
    return units().stream().map(JsonObject.class::cast).filter(u -> u.getString("code").equals(code)).findFirst()
        .orElseThrow();
  }

  private static JsonArray villages() {
    return node.get("/api/coverage?level=village&from=" + yesterday() + "&to=" + yesterday()).bodyAsJsonArray();
  }

  private static JsonArray units() {
    return node.get("/api/coverage?level=unit&from=" + yesterday() + "&to=" + yesterday()).bodyAsJsonArray();
  }

  private static JsonArray daily() {
    return node.get("/api/coverage/daily?from=" + yesterday() + "&to=" + yesterday()).bodyAsJsonArray();
  }
}
