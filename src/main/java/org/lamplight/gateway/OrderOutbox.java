package org.lamplight.gateway;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import org.lamplight.gateway.mqtt.DeviceTopic;
import org.lamplight.store.OrderRepository;
import org.lamplight.store.OrderRepository.NewOrder;

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

  /** The order as it will be stored and sent. */
  public static NewOrder order(String deviceId, String orderId, JsonObject order) {
    return new NewOrder(orderId, deviceId, DeviceTopic.ordersTopic(deviceId), order.encode());
  }

  /** Completes once the order is durable; delivery then follows asynchronously. */
  public Future<Void> send(String deviceId, String orderId, JsonObject order) {
    List<NewOrder> one = List.of(order(deviceId, orderId, order));
    return orders.store(one).onSuccess(v -> deliver(one));
  }

  /** Stores orders on the caller's transaction; call {@link #deliver} once it has committed. */
  public Future<Void> store(SqlConnection conn, List<NewOrder> stored) {
    return orders.store(conn, stored);
  }

  /** Hands stored orders to the nodes that hold their devices. */
  public void deliver(List<NewOrder> stored) {
    for (NewOrder o : stored) {
      bus.publish(DeviceBus.ORDERS, new JsonObject().put("deviceId", o.deviceId()).put("orderId", o.orderId())
          .put("topic", o.topic()).put("payload", o.payload()));
    }
  }
}
