package org.lamplight.gateway.web;

import io.vertx.core.Context;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import org.lamplight.domain.tracking.RejectReason;
import org.lamplight.gateway.DeviceBus;
import org.lamplight.gateway.DeviceSession;
import org.lamplight.gateway.mqtt.DeviceTopic;
import org.lamplight.store.OrderRepository.Delivery;

/**
 * One field app's WebSocket: the orders sent on it and not yet received, and what waits to be
 * written while the app reads slowly. What waits is bounded in bytes; an app that falls further
 * behind is disconnected (it reconnects, gets its pending orders again and resends what was not
 * acknowledged). Touched only on the connection's own event loop ({@link #context()}).
 */
public final class WebDeviceConnection implements DeviceSession {

  /** Close codes the app acts on: log in again, or reconnect. */
  public static final short CLOSE_CREDENTIALS = 4401;
  public static final short CLOSE_REPLACED = 4409;
  public static final short CLOSE_TOO_SLOW = 4408;

  private final String connectionId;
  private final String deviceId;
  private final String unitId;
  private final String token;
  private final ServerWebSocket ws;
  private final Context context;
  private final Object owner;
  private final int maxQueuedBytes;
  private final Set<String> sent = new HashSet<>();
  private final ArrayDeque<String> queue = new ArrayDeque<>();
  private long queuedBytes;
  private boolean ended;
  private short endedWith;

  WebDeviceConnection(String connectionId, String deviceId, String unitId, String token, ServerWebSocket ws,
                      Context context, Object owner, int maxQueuedBytes) {
    this.connectionId = connectionId;
    this.deviceId = deviceId;
    this.unitId = unitId;
    this.token = token;
    this.ws = ws;
    this.context = context;
    this.owner = owner;
    this.maxQueuedBytes = maxQueuedBytes;
    ws.drainHandler(v -> drain());
  }

  @Override
  public String deviceId() {
    return deviceId;
  }

  @Override
  public String unitId() {
    return unitId;
  }

  /** The app speaks Lamplight's own topics; OwnTracks is an MQTT app's. */
  @Override
  public boolean carries(DeviceTopic.Kind kind) {
    return kind == DeviceTopic.Kind.POSITION || kind == DeviceTopic.Kind.STATUS || kind == DeviceTopic.Kind.EVENTS;
  }

  String connectionId() {
    return connectionId;
  }

  /** The token the connection was opened with, checked again when the device's secret changes. */
  String token() {
    return token;
  }

  @Override
  public Context context() {
    return context;
  }

  @Override
  public boolean ownedBy(Object gateway) {
    return owner == gateway;
  }

  /** The app is told to log in again, which tells it whether the device may still. */
  @Override
  public void closeRefused(String reason) {
    end(CLOSE_CREDENTIALS, reason);
  }

  boolean isOpen() {
    return !ended && !ws.isClosed();
  }

  /** Sends an order delivery unless this connection already sent it and the app has not received it yet. */
  void deliver(Delivery order) {
    if (!sent.add(order.deliveryId())) {
      return;
    }
    send(new JsonObject().put("type", "order").put("deliveryId", order.deliveryId())
        .put("order", new JsonObject(order.payload())));
  }

  /** The app received the delivery; it is acknowledged in the store by the caller. */
  void received(String deliveryId) {
    sent.remove(deliveryId);
  }

  void acknowledge(String id) {
    send(new JsonObject().put("ack", id).put("ok", true));
  }

  void refuse(String id, RejectReason reason, String message) {
    send(refusal(id, reason, message));
  }

  /** Refused by the part of Lamplight that takes it (dispatch, the ledger): with dispatch's code and parameters. */
  void refuse(String id, DeviceBus.Refused refused) {
    JsonObject ack = refusal(id, RejectReason.INVALID_VALUE, refused.message());
    if (refused.code() != null) {
      ack.put("code", refused.code()).put("params", refused.params());
    }
    send(ack);
  }

  private static JsonObject refusal(String id, RejectReason reason, String message) {
    return new JsonObject().put("ack", id).put("ok", false).put("error", reason.code()).put("message", message);
  }

  void send(JsonObject message) {
    if (!isOpen()) {
      return;
    }
    String text = message.encode();
    if (queue.isEmpty() && !ws.writeQueueFull()) {
      ws.writeTextMessage(text);
      return;
    }
    queue.add(text);
    queuedBytes += text.length();
    if (queuedBytes > maxQueuedBytes) {
      end(CLOSE_TOO_SLOW, "too slow: reconnect for what is pending");
    }
  }

  /** Closes with a code the app acts on; nothing more is sent on it. */
  void end(short code, String reason) {
    if (ended) {
      return;
    }
    ended = true;
    endedWith = code;
    queue.clear();
    queuedBytes = 0;
    ws.close(code, reason);
  }

  /** Whether the app closed the socket on purpose (logged out), rather than losing it. */
  boolean closedByApp() {
    Short code = ws.closeStatusCode();
    return !ended && code != null && code == 1000;
  }

  /** Whether the server ended the connection because its credentials no longer hold. */
  boolean endedForCredentials() {
    return ended && endedWith == CLOSE_CREDENTIALS;
  }

  private void drain() {
    while (isOpen() && !queue.isEmpty() && !ws.writeQueueFull()) {
      String text = queue.poll();
      queuedBytes -= text.length();
      ws.writeTextMessage(text);
    }
  }
}
