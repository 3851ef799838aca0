package org.lamplight.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lamplight.Await.await;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lamplight.TestDatabase;
import org.lamplight.TestDevice;
import org.lamplight.TestNode;
import org.lamplight.config.Keys;

/**
 * A device's login (its credential, its persistent session, its pending orders) does not queue
 * behind the node's own database work: with every connection of the runtime pool held by incident
 * writes waiting on a lock, as after a restart with many incidents to resume, a device still
 * connects at once.
 */
class DeviceLoginUnderLoadIT {

  @Test
  void aDeviceConnectsWhileEveryRuntimeConnectionIsBusy() throws Exception {
    try (TestNode node = TestNode.start(Map.of(Keys.PG_POOL_SIZE, 2, Keys.PG_DEADLINE, "20s",
        Keys.DISPATCH_ROAD_ENABLED, false))) {
      String secret = node.issueSecret("dev-aux-0151");
      HttpClient http = HttpClient.newHttpClient();
      List<CompletableFuture<HttpResponse<String>>> writes = new ArrayList<>();
      try (Connection lock = TestDatabase.connect("postgres")) {
        lock.setAutoCommit(false);
        lock.createStatement().execute("lock table incidents in access exclusive mode");
        for (int i = 0; i < 4; i++) {
          JsonObject incident = new JsonObject().put("type", "traffic").put("severity", 1).put("lat", 33.7 + i * 0.01)
              .put("lon", 114.5).put("description", "held by the lock");
          writes.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + node.httpPort() + "/api/incidents"))
              .header("Authorization", "Bearer " + node.token()).header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(incident.encode())).build(), HttpResponse.BodyHandlers.ofString()));
        }
        await().until(() -> waitingOnTheLock() >= 2); // both runtime connections

        TestDevice device = TestDevice.connect(node.node().gateway().mqttPort(), "dev-aux-0151", secret);
        assertThat(device.connected()).isTrue();
        device.close();
        lock.rollback();
      }
      for (CompletableFuture<HttpResponse<String>> write : writes) {
        HttpResponse<String> created = write.get(30, TimeUnit.SECONDS);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      }
    }
  }

  private static int waitingOnTheLock() throws Exception {
    try (Connection c = TestDatabase.connect("postgres"); ResultSet rs = c.createStatement().executeQuery(
        "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like '%incidents%'")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
