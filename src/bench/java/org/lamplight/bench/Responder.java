package org.lamplight.bench;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.lamplight.domain.geo.GeoPoint;
import org.lamplight.sim.Credentials;

/**
 * A device that stands at a known place and takes every offer: it notes when each offer arrived
 * (nano clock, taken before anything else is done with the message), accepts it, notes cancels,
 * and reports its position again when asked to locate itself.
 */
final class Responder implements AutoCloseable {

  final GeoPoint at;
  private final String deviceId;
  private final Mqtt3AsyncClient client;
  private final Map<String, CompletableFuture<Long>> offers = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Long>> cancels = new ConcurrentHashMap<>();

  Responder(Credentials credentials, GeoPoint at, int mqttPort) throws Exception {
    this.at = at;
    this.deviceId = credentials.deviceId();
    client = MqttClient.builder().useMqttVersion3().identifier(deviceId).serverHost("127.0.0.1").serverPort(mqttPort)
        .buildAsync();
    client.publishes(MqttGlobalPublishFilter.ALL, this::received);
    client.connectWith().cleanSession(true).simpleAuth().username(deviceId)
        .password(credentials.secret().getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send().get(30, TimeUnit.SECONDS);
    client.subscribeWith().topicFilter(topic("orders")).qos(MqttQos.AT_LEAST_ONCE).send().get(30, TimeUnit.SECONDS);
    publishPosition().get(30, TimeUnit.SECONDS);
  }

  private CompletableFuture<?> publishPosition() {
    return publish("position", new JsonObject().put("lat", at.lat()).put("lon", at.lon()).put("ts", System.currentTimeMillis()));
  }

  /** When (nano clock) the offer for {@code incidentId} arrived; completes when it does. */
  CompletableFuture<Long> offer(String incidentId) {
    return offers.computeIfAbsent(incidentId, k -> new CompletableFuture<>());
  }

  CompletableFuture<Long> cancel(String incidentId) {
    return cancels.computeIfAbsent(incidentId, k -> new CompletableFuture<>());
  }

  private void received(Mqtt3Publish publish) {
    long now = System.nanoTime();
    JsonObject order = new JsonObject(new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8));
    String incidentId = order.getString("incidentId");
    switch (order.getString("action", "")) {
      case "offer" -> {
        offer(incidentId).complete(now);
        publish("events", new JsonObject().put("orderId", order.getString("orderId")).put("action", "accept"));
      }
      case "cancel" -> cancel(incidentId).complete(now);
      case "locate" -> publishPosition();
      default -> {
        // updates are not part of the measurement
      }
    }
  }

  private CompletableFuture<?> publish(String channel, JsonObject payload) {
    return client.publishWith().topic(topic(channel)).qos(MqttQos.AT_LEAST_ONCE)
        .payload(payload.encode().getBytes(StandardCharsets.UTF_8)).send();
  }

  private String topic(String channel) {
    return "lamplight/devices/" + deviceId + "/" + channel;
  }

  @Override
  public void close() throws Exception {
    client.disconnect().get(10, TimeUnit.SECONDS);
  }
}
