package org.lamplight.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lamplight.TestDatabase;
import org.lamplight.TestNode;
import org.lamplight.patrol.PatrolCounty;

/**
 * The simulator over the patrol county: it back-fills three days of rounds, ledger entries and the
 * previous month's inspections, has their coverage recomputed, and meanwhile its devices make their
 * rounds live and file ledger entries over MQTT.
 */
class BackfillIT {

  private static final String DB = "backfill_it";
  private static final List<String> DEVICES = List.of("dev-aux-1", "dev-aux-2", "dev-aux-3", "dev-off-1", "dev-off-2");

  @Test
  void theSimulatorBackFillsPastDaysAndFilesLedgerEntriesFromTheVillagesItStaysIn(@TempDir Path dir) throws Exception {
    PatrolCounty.importInto(DB);
    try (TestNode node = PatrolCounty.node(DB, Map.of())) {
      Path csv = Files.writeString(dir.resolve("devices.csv"), Credentials.HEADER + "\n" + DEVICES.stream()
          .map(id -> id + "," + id.substring(4) + "," + node.issueSecret(id)).collect(Collectors.joining("\n")) + "\n");
      SimSettings settings = SimSettings.parse(new String[] {"--http", "http://localhost:" + node.httpPort(),
          "--mqtt", "tcp://localhost:" + node.node().gateway().mqttPort(), "--credentials", csv.toString(),
          "--interval", "1s", "--duration", "3m", "--ledger-per-hour", "600", "--backfill", "3", "--seed", "11"},
          Map.of("LAMPLIGHT_ADMIN_PASSWORD", TestNode.ADMIN_PASSWORD));
      LocalDate last = PatrolCounty.yesterday();
      LocalDate first = last.minusDays(2);

      try (Simulator simulator = Simulator.start(settings, System.out)) {
        simulator.backfilled().get(2, TimeUnit.MINUTES);
        assertThat(node.get("/api/coverage/recompute").bodyAsJsonObject().getString("state")).isEqualTo("done");
        await().atMost(Duration.ofSeconds(60)).until(() -> node.get("/api/ledger").bodyAsJsonArray().stream()
            .anyMatch(e -> "device".equals(((JsonObject) e).getString("source"))));
      }

      Map<String, JsonObject> villages = node.get("/api/coverage?level=village&from=" + first + "&to=" + last)
          .bodyAsJsonArray().stream().map(JsonObject.class::cast)
          .collect(Collectors.toMap(v -> v.getString("code"), Function.identity()));
      assertThat(villages.values()).allSatisfy(v -> assertThat(v.getInteger("visits")).isPositive());
      assertThat(villages.values().stream().mapToInt(v -> v.getInteger("daysMet")).sum()).isGreaterThanOrEqualTo(3);
      assertThat(node.get("/api/ledger?from=" + first + "&to=" + last).bodyAsJsonArray()).isNotEmpty();
      try (Connection c = TestDatabase.connect(DB); ResultSet rs = c.createStatement().executeQuery(
          "select count(*) from positions where source = 'simulator' and ts < current_date - 1")) {
        rs.next();
        assertThat(rs.getLong(1)).isGreaterThan(500);
      }
      String previous = YearMonth.parse(node.get("/api/ledger/summary").bodyAsJsonObject().getString("month"))
          .minusMonths(1).toString();
      assertThat(node.get("/api/evaluations/" + previous).bodyAsJsonObject().getJsonArray("missingInspections")).isEmpty();
    }
  }
}
