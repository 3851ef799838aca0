package org.lamplight.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lamplight.Await.await;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.TestDevice;
import org.lamplight.TestNode;
import org.lamplight.TestTraccarClient;

/**
 * "Locate now" from the console: a device that reads its orders is sent a {@code locate} outside
 * any incident; a unit reporting only through Traccar Client cannot be asked, and the refusal says so.
 */
class LocateUnitIT {

  private static TestNode node;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void aDeviceThatReadsItsOrdersIsAskedForAPositionNow() throws Exception {
    try (TestDevice device = TestDevice.connect(node, "dev-aux-0021")) {
      device.at(33.6, 114.4);
      await().until(() -> node.get("/api/units/aux-0021").bodyAsJsonObject().getBoolean("online"));

      var r = node.post("/api/units/aux-0021/locate", new JsonObject());

      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(202);
      String orderId = r.bodyAsJsonObject().getString("orderId");
      JsonObject order = device.nextOrder("locate");
      assertThat(order.getString("orderId")).isEqualTo(orderId);
      assertThat(order.getString("incidentId")).as("about no incident").isNull();
    }
  }

  @Test
  void aUnitOnTraccarClientCannotBeAskedAndTheRefusalSaysWhy() throws Exception {
    TestTraccarClient.of(node, "dev-aux-0022").at(33.6, 114.4);
    await().until(() -> node.get("/api/units/aux-0022").bodyAsJsonObject().getBoolean("online"));

    var r = node.post("/api/units/aux-0022/locate", new JsonObject());

    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(r.bodyAsJsonObject().getString("message")).contains("Traccar Client");
  }

  @Test
  void anUnknownUnitIsNotFound() {
    assertThat(node.post("/api/units/aux-9999/locate", new JsonObject()).statusCode()).isEqualTo(404);
  }
}
