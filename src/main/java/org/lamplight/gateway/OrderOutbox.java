package org.lamplight.gateway;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import org.lamplight.domain.dispatch.Order;
import org.lamplight.store.OrderRepository;
import org.lamplight.store.OrderRepository.Delivery;

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

  /** The order as it will be stored and delivered to the device. */
  public static Delivery delivery(String deviceId, String deliveryId, Order order) {
    return new Delivery(deliveryId, deviceId, OrderEncoder.encode(order));
  }

  /** Completes once the order is durable; delivery then follows asynchronously. */
  public Future<Void> send(String deviceId, String deliveryId, Order order) {
    List<Delivery> one = List.of(delivery(deviceId, deliveryId, order));
    return orders.store(one).onSuccess(v -> deliver(one));
  }

  /** Stores deliveries on the caller's transaction; call {@link #deliver} once it has committed. */
  public Future<Void> store(SqlConnection conn, List<Delivery> deliveries) {
    return orders.store(conn, deliveries);
  }

  /** Hands stored deliveries to the nodes that hold their devices. */
  public void deliver(List<Delivery> deliveries) {
    for (Delivery d : deliveries) {
      bus.publish(DeviceBus.ORDERS, new JsonObject().put("deviceId", d.deviceId()).put("deliveryId", d.deliveryId())
          .put("payload", d.payload()));
    }
  }
}
