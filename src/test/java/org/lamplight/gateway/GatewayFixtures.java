package org.lamplight.gateway;

import io.vertx.core.json.JsonObject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.lamplight.TestNode;

/** Devices and probes shared by the gateway tests. */
public final class GatewayFixtures {

  /** A spot inside the demo county. */
  public static final double LAT = 33.80;
  public static final double LON = 114.52;

  private GatewayFixtures() {
  }

  public static MqttClient paho(TestNode node, String deviceId, String secret, boolean cleanSession) throws MqttException {
    MqttClient client = new MqttClient("tcp://localhost:" + node.node().gateway().mqttPort(), deviceId, new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setUserName(deviceId);
    options.setPassword(secret.toCharArray());
    options.setCleanSession(cleanSession);
    options.setAutomaticReconnect(false);
    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    client.connect(options);
    return client;
  }

  public static String position(double lat, double lon, long ts) {
    return new JsonObject().put("lat", lat).put("lon", lon).put("ts", ts).put("acc", 8).put("spd", 1.5).put("batt", 77)
        .encode();
  }

  public static JsonObject unit(TestNode node, String unitId) {
    return node.get("/api/units/" + unitId).bodyAsJsonObject();
  }

  public static boolean hasPositionAt(TestNode node, String unitId, long ts) {
    JsonObject p = unit(node, unitId).getJsonObject("position");
    return p != null && p.getLong("ts") == ts;
  }

  public static int trackSize(TestNode node, String unitId) {
    return node.get("/api/units/" + unitId + "/track").bodyAsJsonObject().getJsonArray("points").size();
  }

  /** The value of a Prometheus counter with one label, 0 when absent. */
  public static double counter(TestNode node, String name, String label, String value) {
    String text = node.get("/metrics", null).bodyAsString();
    Matcher m = Pattern.compile("^" + Pattern.quote(name) + "\\{[^}]*" + label + "=\"" + Pattern.quote(value)
        + "\"[^}]*} ([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
