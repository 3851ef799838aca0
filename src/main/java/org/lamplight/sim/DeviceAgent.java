package org.lamplight.sim;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Connects one {@link SimDevice} to Lamplight over MQTT 3.1.1 with its real credentials and a
 * persistent session. The HiveMQ client's shared event loops do the I/O; every touch of the device
 * model happens on the simulator's single scheduler thread, so the model needs no locking.
 */
final class DeviceAgent {

  private static final int KEEP_ALIVE_S = 60;

  private final Credentials credentials;
  private final SimDevice device;
  private final ScheduledExecutorService sim;
  private final SimStats stats;
  private final Mqtt3AsyncClient client;
  private final String topicPrefix;
  private final AtomicBoolean online = new AtomicBoolean();
  private volatile boolean stopping;
  private ScheduledFuture<?> pings;
  private ScheduledFuture<?> wake;
  private long wakeAtMs = Long.MAX_VALUE;

  DeviceAgent(Credentials credentials, SimDevice device, String host, int port, ScheduledExecutorService sim,
              SimStats stats) {
    this.credentials = credentials;
    this.device = device;
    this.sim = sim;
    this.stats = stats;
    this.topicPrefix = "lamplight/devices/" + credentials.deviceId() + "/";
    this.client = MqttClient.builder().useMqttVersion3().identifier(credentials.deviceId())
        .serverHost(host).serverPort(port)
        .addConnectedListener(ctx -> connected())
        .addDisconnectedListener(this::disconnected)
        .buildAsync();
    // Registered before connecting: a persistent session may deliver queued orders before SUBACK.
    client.publishes(MqttGlobalPublishFilter.ALL, this::received);
  }

  /** Connects once; losing the connection later reconnects by itself until {@link #stop()}. */
  CompletableFuture<?> connect() {
    return client.connectWith().cleanSession(false).keepAlive(KEEP_ALIVE_S)
        .simpleAuth().username(credentials.deviceId()).password(credentials.secret().getBytes(StandardCharsets.UTF_8))
        .applySimpleAuth().send();
  }

  /** Starts pinging every {@code intervalMs}, first after {@code offsetMs} so devices do not ping in step. */
  void startPinging(long offsetMs, long intervalMs) {
    pings = sim.scheduleAtFixedRate(this::ping, offsetMs, intervalMs, TimeUnit.MILLISECONDS);
  }

  CompletableFuture<Void> stop() {
    stopping = true;
    if (pings != null) {
      pings.cancel(false);
    }
    return client.getState().isConnected() ? client.disconnect() : CompletableFuture.completedFuture(null);
  }

  private void connected() {
    if (online.compareAndSet(false, true)) {
      stats.connected.incrementAndGet();
    }
    client.subscribeWith().topicFilter(topicPrefix + "orders").qos(MqttQos.AT_LEAST_ONCE).send()
        .whenComplete((ack, e) -> countError(e));
    sim.execute(() -> {
      publish("status", device.status());
      ping();
    });
  }

  private void disconnected(MqttClientDisconnectedContext ctx) {
    if (online.compareAndSet(true, false)) {
      stats.connected.decrementAndGet();
    }
    if (stopping || ctx.getSource() == MqttDisconnectSource.USER) {
      return;
    }
    if (ctx.getCause() instanceof Mqtt3ConnAckException refused) {
      stats.refused.increment();
      System.err.println(credentials.deviceId() + ": connection refused (" + refused.getMqttMessage().getReturnCode()
          + "), giving up on this device");
      return;
    }
    ctx.getReconnector().reconnect(true).delay(1000 + ThreadLocalRandom.current().nextInt(4000), TimeUnit.MILLISECONDS);
  }

  private void received(Mqtt3Publish publish) {
    if (!publish.getTopic().toString().equals(topicPrefix + "orders")) {
      return;
    }
    JsonObject order;
    try {
      order = new JsonObject(new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      stats.errors.increment();
      return;
    }
    sim.execute(() -> {
      switch (order.getString("action", "")) {
        case "offer" -> stats.offers.increment();
        case "cancel" -> stats.cancels.increment();
        default -> {
          // counted only as what the device does about it
        }
      }
      if (device.onOrder(order, System.currentTimeMillis())) {
        ping();
      }
      flush();
    });
  }

  private void ping() {
    if (online.get()) {
      publish("position", device.position(System.currentTimeMillis()));
      stats.pings.increment();
    }
    flush();
  }

  /** Sends what the device has to say by now, and wakes up when it next has something. */
  private void flush() {
    long now = System.currentTimeMillis();
    for (SimDevice.Outgoing o : device.poll(now)) {
      publish(o.channel(), o.payload());
      if ("ledger".equals(o.payload().getString("type"))) {
        stats.ledgerEntries.increment();
      } else if (o.channel().equals("events")) {
        stats.replied(o.payload().getString("action"));
      } else {
        stats.dutyChanges.increment();
      }
    }
    long next = device.nextDueMs();
    if (next != wakeAtMs && !stopping) {
      if (wake != null) {
        wake.cancel(false);
      }
      wakeAtMs = next;
      wake = next == Long.MAX_VALUE ? null : sim.schedule(() -> {
        wakeAtMs = Long.MAX_VALUE;
        flush();
      }, Math.max(0, next - now), TimeUnit.MILLISECONDS);
    }
  }

  /** Positions go at QoS 0 (the next ping replaces a lost one), everything else at QoS 1. */
  private void publish(String channel, JsonObject payload) {
    client.publishWith().topic(topicPrefix + channel)
        .qos(channel.equals("position") ? MqttQos.AT_MOST_ONCE : MqttQos.AT_LEAST_ONCE)
        .payload(payload.encode().getBytes(StandardCharsets.UTF_8)).send()
        .whenComplete((r, e) -> countError(e));
  }

  private void countError(Throwable e) {
    if (e != null && !stopping) {
      stats.errors.increment();
    }
  }
}
