package org.lamplight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lamplight.Await.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lamplight.config.Keys;

/**
 * A node on its own embedded PostgreSQL (not the shared test server: this test freezes it) whose
 * every process is stopped with SIGSTOP, as a hung machine or a stalled disk would leave it. Every
 * request is answered within {@code pg.deadline} (503) while it is frozen, not after the freeze;
 * once it thaws the node serves, and a report retried with its Idempotency-Key is stored once.
 */
class DatabaseFreezeIT {

  private static HttpResponse<Buffer> report(TestNode node, String key) {
    return node.post("/api/incidents", new JsonObject().put("type", "other").put("severity", 1).put("lat", 33.8)
        .put("lon", 114.5).put("description", "reported during a freeze"), node.token(), Map.of("Idempotency-Key", key));
  }

  private static void assertUnavailable(HttpResponse<Buffer> r) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(503);
    assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("database_unavailable");
  }

  @Test
  void aFrozenDatabaseCostsEachRequestItsDeadlineAndTheNodeServesOnceItThaws() throws Exception {
    try (TestNode node = TestNode.start(Map.of(Keys.PG_URL, "", Keys.PG_DEADLINE, "3s"))) {
      Path pg = Path.of(node.node().config().get(Keys.DATA_DIR)).resolve("pg");
      node.token(); // logged in before: the login itself needs the database
      assertThat(node.get("/api/incidents").statusCode()).isEqualTo(200);

      try (FrozenDatabase frozen = FrozenDatabase.freeze(pg)) {
        // each of these would wait for the thaw (and the test client give up) without a deadline
        assertUnavailable(node.get("/api/incidents"));
        assertUnavailable(node.get("/api/incidents/" + UUID.randomUUID()));
        assertUnavailable(report(node, "freeze-report"));
        assertUnavailable(node.post("/api/login", new JsonObject().put("username", "admin")
            .put("password", TestNode.ADMIN_PASSWORD), null));
        assertThat(node.get("/health", null).statusCode()).isEqualTo(503);
      }

      await().until(() -> node.get("/api/incidents").statusCode() == 200);
      var first = report(node, "freeze-report");
      assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(201);
      var again = report(node, "freeze-report");
      assertThat(again.statusCode()).isEqualTo(201);
      assertThat(again.bodyAsString()).isEqualTo(first.bodyAsString());
      assertThat(node.get("/api/incidents?status=all").bodyAsJsonArray().stream()
          .filter(i -> "reported during a freeze".equals(((JsonObject) i).getString("description")))).hasSize(1);
      assertThat(node.get("/health", null).statusCode()).isEqualTo(200);
    }
  }
}
