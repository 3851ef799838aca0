package org.lamplight.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lamplight.Await.await;
import static org.lamplight.gateway.GatewayFixtures.LAT;
import static org.lamplight.gateway.GatewayFixtures.LON;
import static org.lamplight.gateway.GatewayFixtures.counter;
import static org.lamplight.gateway.GatewayFixtures.paho;
import static org.lamplight.gateway.GatewayFixtures.position;
import static org.lamplight.gateway.GatewayFixtures.trackSize;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.TestDatabase;
import org.lamplight.TestNode;

/** One device publishing as fast as it can beside fifty ordinary ones, with the default limits. */
class IngestFloodIT {

  static final int FLOOD = 20_000;
  static final int NORMAL_DEVICES = 50;
  static final int FIXES_EACH = 3;

  static TestNode node;

  @BeforeAll
  static void start() throws Exception {
    TestDatabase.resetRuntimeTables();
    node = TestNode.start();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void aFloodingDeviceIsHeldToItsRateAndEveryOtherDevicesFixesReachHistory() throws Exception {
    double limitedBefore = counter(node, "lamplight_device_messages_rejected_total", "reason", "rate_limited");
    MqttClient flooder = paho(node, "dev-aux-0100", node.issueSecret("dev-aux-0100"), true);
    List<MqttClient> normal = new ArrayList<>();
    for (int d = 1; d <= NORMAL_DEVICES; d++) {
      String id = String.format("dev-aux-%04d", 100 + d);
      normal.add(paho(node, id, node.issueSecret(id), true));
    }
    long start = System.currentTimeMillis() - 60_000;
    CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> {
      try {
        for (int i = 0; i < FLOOD; i++) {
          flooder.publish("lamplight/devices/dev-aux-0100/position", position(LAT, LON, start + i).getBytes(), 0, false);
        }
      } catch (MqttException e) {
        throw new IllegalStateException(e);
      }
    });
    for (int i = 0; i < FIXES_EACH; i++) {
      for (int d = 1; d <= NORMAL_DEVICES; d++) {
        String id = String.format("dev-aux-%04d", 100 + d);
        normal.get(d - 1).publish("lamplight/devices/" + id + "/position",
            position(LAT, LON + d * 0.001, start + 30_000 + i * 1000).getBytes(), 1, false);
      }
    }
    flood.get();

    for (int d = 1; d <= NORMAL_DEVICES; d++) {
      String unit = String.format("aux-%04d", 100 + d);
      await().until(() -> trackSize(node, unit) == FIXES_EACH);
    }
    // every flood fix is either in history or counted as refused
    await().until(() -> trackSize(node, "aux-0100")
        + counter(node, "lamplight_device_messages_rejected_total", "reason", "rate_limited") - limitedBefore == FLOOD);
    // the default burst (300) plus 5 a second while the flood lasted, far below what was sent
    assertThat(trackSize(node, "aux-0100")).isBetween(300, 2_000);
    flooder.disconnect();
    for (MqttClient c : normal) {
      c.disconnect();
    }
  }
}
