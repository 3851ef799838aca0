package org.lamplight.gateway.web;

import io.vertx.core.buffer.Buffer;

/**
 * A message from the field app over its WebSocket. Each carries the id the app gave it, which the
 * server's acknowledgement quotes ({@code {"ack": id, "ok": ...}}).
 */
public sealed interface AppMessage {

  String id();

  /** A publish, with the topic and payload of Lamplight MQTT. */
  record Publish(String id, String topic, Buffer payload) implements AppMessage {
  }

  /** The app received an order delivery (MQTT's PUBACK): it is no longer pending. */
  record Received(String id, String deliveryId) implements AppMessage {
  }

  /** Keeps the connection alive through proxies and the idle timeout. */
  record Ping(String id) implements AppMessage {
  }
}
