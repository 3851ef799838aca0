package org.lamplight.gateway;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import org.lamplight.gateway.mqtt.DeviceTopic;
import org.lamplight.store.OrderRepository;

/**
 * How the rest of Lamplight sends an order to a device: stored first (so it survives the
 * device being offline, or its node dying), then handed to whichever node holds the device.
 */
public final class OrderOutbox {

  private final OrderRepository orders;
  private final EventBus bus;

  public OrderOutbox(OrderRepository orders, EventBus bus) {
    this.orders = orders;
    this.bus = bus;
  }

  /** Completes once the order is durable; delivery then follows asynchronously. */
  public Future<Void> send(String deviceId, String orderId, JsonObject order) {
    String topic = DeviceTopic.ordersTopic(deviceId);
    String payload = order.encode();
    return orders.store(orderId, deviceId, topic, payload)
        .onSuccess(v -> bus.publish(DeviceBus.ORDERS, new JsonObject().put("deviceId", deviceId).put("orderId", orderId)
            .put("topic", topic).put("payload", payload)));
  }
}
