package org.lamplight.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lamplight.Await.await;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.NodeProcess;
import org.lamplight.TestDatabase;
import org.lamplight.TestDevice;
import org.lamplight.TestSecrets;
import org.lamplight.county.TestBundles;

/**
 * Two cluster nodes in their own JVMs on a database of their own, without the demo county: what
 * one node is told (an import, a new device, a revoked secret) is in force on the other at once.
 */
class AdminClusterIT {

  static final Duration SLOW = Duration.ofSeconds(120);
  static List<NodeProcess> nodes;

  @BeforeAll
  static void start() throws Exception {
    nodes = NodeProcess.startCluster(2, Map.of("LAMPLIGHT_PG_URL", TestDatabase.url("admin_cluster_it"),
            "LAMPLIGHT_DEMO_DATA", "false", "LAMPLIGHT_DISPATCH_ROAD_ENABLED", "false"),
        List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    for (NodeProcess n : nodes) {
      await().atMost(SLOW).until(n::ready);
    }
    for (NodeProcess n : nodes) {
      await().atMost(SLOW).until(() -> n.members().size() == 2);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (nodes != null) {
      nodes.forEach(NodeProcess::terminate);
      for (NodeProcess n : nodes) {
        n.close();
      }
    }
  }

  @Test
  void aDeviceCreatedOnOneNodeConnectsToTheOtherAtOnceAndIsDisconnectedThereWhenRevoked() throws Exception {
    NodeProcess one = nodes.get(0);
    NodeProcess two = nodes.get(1);
    HttpResponse<String> imported = one.postBytes("/api/admin/import", TestBundles.zip(TestBundles.small()));
    assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
    NodeProcess.json(imported).getJsonArray("secrets").forEach(s -> TestSecrets.register("an imported device secret",
        ((JsonObject) s).getString("secret")));
    await().until(() -> two.getJson("/api/org").getJsonArray("stations").size() == 2);

    HttpResponse<String> created = one.post("/api/admin/devices", new JsonObject().put("deviceId", "phone-601")
        .put("personId", "aux-2"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String secret = TestSecrets.register("the device secret of phone-601",
        NodeProcess.json(created).getJsonObject("secret").getString("secret"));

    TestDevice d = TestDevice.connect(two.mqttPort(), "phone-601", secret);
    d.at(34.431, 113.081);
    await().until(() -> one.getJson("/api/units/aux-2").getBoolean("online"));

    HttpResponse<String> moved = one.send("PUT", "/api/admin/people/aux-2", new JsonObject().put("name", "刘洋")
        .put("kind", "auxiliary").put("phone", "13900000002").put("post", "W1"));
    assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
    // announced over the event bus as the answer goes out: the other node holds it a moment later
    await().until(() -> "W1".equals(two.getJson("/api/units/aux-2").getString("workstationId")));

    assertThat(one.delete("/api/devices/phone-601/secret").statusCode()).isEqualTo(200);
    await().until(() -> !d.connected());
  }
}
