package org.lamplight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lamplight.Await.await;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lamplight.config.Keys;

/**
 * A node on its own embedded PostgreSQL (not the shared test server: this test kills it) whose
 * postmaster dies under it: /health says so while it is restarted, and the node serves again
 * without a restart of its own.
 */
class DatabaseRestartIT {

  private static JsonObject database(TestNode node) {
    return node.get("/health", null).bodyAsJsonObject().getJsonObject("components").getJsonObject("database");
  }

  @Test
  void aKilledEmbeddedPostgresIsRestartedAndTheNodeServesAgain() throws Exception {
    try (TestNode node = TestNode.start(Map.of(Keys.PG_URL, ""))) {
      Path pg = Path.of(node.node().config().get(Keys.DATA_DIR)).resolve("pg");
      assertThat(node.get("/health", null).statusCode()).isEqualTo(200);
      node.token(); // logged in before: the login itself needs the database

      long postmaster = Long.parseLong(Files.readAllLines(pg.resolve("postmaster.pid")).get(0).trim());
      assertThat(new ProcessBuilder("kill", "-9", Long.toString(postmaster)).start().waitFor()).isZero();

      await().until(() -> node.get("/health", null).statusCode() == 503
          && database(node).getString("reason", "").startsWith("restarting (attempt "));
      assertThat(database(node).getString("status")).isEqualTo("down");

      await().atMost(Duration.ofSeconds(90)).until(() -> node.get("/health", null).statusCode() == 200);
      assertThat(database(node).getString("status")).isEqualTo("up");
      long restarted = Long.parseLong(Files.readAllLines(pg.resolve("postmaster.pid")).get(0).trim());
      assertThat(restarted).isNotEqualTo(postmaster);

      var created = node.post("/api/incidents", new JsonObject().put("type", "fire").put("severity", 1).put("lat", 33.8)
          .put("lon", 114.5));
      assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    }
  }
}
