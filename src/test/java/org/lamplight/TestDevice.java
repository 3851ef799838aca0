package org.lamplight;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.MqttTopic;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A patrol device played by Eclipse Paho: it reports positions, receives orders and answers them. */
public final class TestDevice implements AutoCloseable {

  private final String deviceId;
  private final String secret;
  private final BlockingQueue<JsonObject> orders = new LinkedBlockingQueue<>();
  private MqttClient client;
  /** Killed and not reconnected since: there is nothing left to close. */
  private boolean gone;

  private TestDevice(String deviceId, String secret) {
    this.deviceId = deviceId;
    this.secret = secret;
  }

  /** Issues a secret, connects with a persistent session and subscribes to the device's orders. */
  public static TestDevice connect(TestNode node, String deviceId) throws MqttException {
    TestDevice d = new TestDevice(deviceId, node.issueSecret(deviceId));
    d.reconnect(node);
    return d;
  }

  /** Connects to an MQTT port with a secret issued elsewhere (e.g. by a node in another process). */
  public static TestDevice connect(int mqttPort, String deviceId, String secret) throws MqttException {
    TestDevice d = new TestDevice(deviceId, secret);
    d.reconnect(mqttPort);
    return d;
  }

  public void reconnect(TestNode node) throws MqttException {
    reconnect(node.node().gateway().mqttPort());
  }

  public void reconnect(int mqttPort) throws MqttException {
    gone = false;
    client = new MqttClient("tcp://localhost:" + mqttPort, deviceId, new MemoryPersistence());
    client.setCallback(new MqttCallback() {
      @Override
      public void connectionLost(Throwable cause) {
      }

      @Override
      public void messageArrived(String topic, MqttMessage message) {
        orders.add(new JsonObject(new String(message.getPayload(), StandardCharsets.UTF_8)));
      }

      @Override
      public void deliveryComplete(IMqttDeliveryToken token) {
      }
    });
    MqttConnectOptions options = new MqttConnectOptions();
    options.setUserName(deviceId);
    options.setPassword(secret.toCharArray());
    options.setCleanSession(false);
    options.setAutomaticReconnect(false);
    // tests send bursts of fixes without waiting for each PUBACK; Paho refuses more than this in flight
    options.setMaxInflight(1_000);
    client.connect(options);
    client.subscribe("lamplight/devices/" + deviceId + "/orders", 1);
  }

  /** Whether the MQTT connection is up (the server may have closed it). */
  public boolean connected() {
    return client.isConnected();
  }

  public String unitId() {
    return deviceId.substring("dev-".length());
  }

  public void at(double lat, double lon) throws MqttException {
    at(lat, lon, System.currentTimeMillis());
  }

  /** A fix time-stamped {@code ts} (epoch ms), e.g. one kept by a phone that was out of coverage. */
  public void at(double lat, double lon, long ts) throws MqttException {
    String fix = new JsonObject().put("lat", lat).put("lon", lon).put("ts", ts).encode();
    client.publish("lamplight/devices/" + deviceId + "/position", fix.getBytes(StandardCharsets.UTF_8), 1, false);
  }

  /** The next order with the given action, skipping others; fails after the deadline. */
  public JsonObject nextOrder(String action) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    while (true) {
      JsonObject o = orders.poll(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
      if (o == null) {
        throw new AssertionError(deviceId + " received no '" + action + "' order in time");
      }
      if (action.equals(o.getString("action"))) {
        return o;
      }
    }
  }

  /** Orders received so far and not yet taken. */
  public BlockingQueue<JsonObject> orders() {
    return orders;
  }

  public void reply(JsonObject order, String action) throws MqttException {
    event(new JsonObject().put("orderId", order.getString("orderId")).put("action", action));
  }

  /** Raises an SOS, as a patrol device's alarm button does. */
  public void sos() throws MqttException {
    client.publish("lamplight/devices/" + deviceId + "/status", "{\"duty\":\"on\",\"state\":\"sos\"}"
        .getBytes(StandardCharsets.UTF_8), 1, false);
  }

  /** Reports going on or off duty, as the app's duty switch does. */
  public void duty(boolean on) throws MqttException {
    client.publish("lamplight/devices/" + deviceId + "/status", ("{\"duty\":\"" + (on ? "on" : "off") + "\"}")
        .getBytes(StandardCharsets.UTF_8), 1, false);
  }

  /**
   * Publishes the events one after another without waiting for each PUBACK, as a device does that
   * sends what it queued while out of coverage, then waits until every one is acknowledged.
   */
  public void eventsAtOnce(List<JsonObject> events) throws MqttException {
    MqttTopic topic = client.getTopic("lamplight/devices/" + deviceId + "/events");
    List<MqttDeliveryToken> sent = new ArrayList<>();
    for (JsonObject event : events) {
      MqttMessage message = new MqttMessage(event.encode().getBytes(StandardCharsets.UTF_8));
      message.setQos(1);
      sent.add(topic.publish(message));
    }
    for (MqttDeliveryToken token : sent) {
      token.waitForCompletion(20_000);
    }
  }

  public void event(JsonObject event) throws MqttException {
    client.publish("lamplight/devices/" + deviceId + "/events", event.encode().getBytes(StandardCharsets.UTF_8), 1, false);
  }

  /** Drops the connection without DISCONNECT, as a phone losing power would. */
  public void kill() throws MqttException {
    client.disconnectForcibly(0, 0, false);
    client.close();
    gone = true;
  }

  @Override
  public void close() throws MqttException {
    if (gone) {
      return;
    }
    if (client.isConnected()) {
      client.disconnect();
    }
    client.close();
  }
}
