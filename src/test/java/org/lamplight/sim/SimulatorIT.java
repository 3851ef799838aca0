package org.lamplight.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lamplight.Await.await;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lamplight.TestDatabase;
import org.lamplight.TestNode;

/** The simulator against a real node: three devices connect, report positions, and take an offer. */
class SimulatorIT {

  static final List<String> DEVICES = List.of("dev-aux-0301", "dev-aux-0302", "dev-aux-0303");

  @Test
  void simulatedDevicesPatrolAndAcceptAnOfferedIncident(@TempDir Path dir) throws Exception {
    TestDatabase.resetRuntimeTables();
    try (TestNode node = TestNode.start()) {
      // The shared test database may already hold the county, so the demo file is not written: issue our own secrets.
      Path csv = Files.writeString(dir.resolve("devices.csv"), Credentials.HEADER + "\n" + DEVICES.stream()
          .map(id -> id + "," + id.substring(4) + "," + node.issueSecret(id)).collect(Collectors.joining("\n")) + "\n");
      SimSettings settings = SimSettings.parse(new String[] {"--http", "http://localhost:" + node.httpPort(),
          "--mqtt", "tcp://localhost:" + node.node().gateway().mqttPort(), "--credentials", csv.toString(), "--interval", "300ms",
          "--duration", "2m", "--accept", "1", "--silent", "0", "--reply-delay", "100ms-300ms", "--seed", "7"},
          Map.of("LAMPLIGHT_ADMIN_PASSWORD", TestNode.ADMIN_PASSWORD));

      try (Simulator simulator = Simulator.start(settings, System.out)) {
        await().until(() -> simulator.stats().connected() == DEVICES.size());
        await().until(() -> DEVICES.stream().allMatch(id -> position(node, id.substring(4)) != null));

        JsonObject at = position(node, "aux-0301");
        var created = node.post("/api/incidents", new JsonObject().put("type", "fire").put("severity", 1)
            .put("lat", at.getDouble("lat")).put("lon", at.getDouble("lon")).put("description", "simulator test"));
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        String id = created.bodyAsJsonObject().getString("id");

        // accepted, then enroute and on scene follow within seconds: any of them means the offer was taken
        await().until(() -> List.of("assigned", "on_scene").contains(incident(node, id).getString("status")));
        assertThat(incident(node, id).getJsonArray("timeline").stream().map(e -> ((JsonObject) e).getString("event")))
            .contains("offer_sent", "accepted");
        assertThat(simulator.stats().offers()).isPositive();
        assertThat(simulator.stats().accepts()).isPositive();
        assertThat(simulator.stats().pings()).isGreaterThanOrEqualTo(DEVICES.size());
        node.post("/api/incidents/" + id + "/cancel", new JsonObject());
      }
    }
  }

  private static JsonObject position(TestNode node, String unitId) {
    return node.get("/api/units/" + unitId).bodyAsJsonObject().getJsonObject("position");
  }

  private static JsonObject incident(TestNode node, String id) {
    return node.get("/api/incidents/" + id).bodyAsJsonObject();
  }
}
