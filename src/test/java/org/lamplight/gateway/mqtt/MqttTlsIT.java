package org.lamplight.gateway.mqtt;

import static org.lamplight.Await.await;
import static org.lamplight.gateway.GatewayFixtures.LAT;
import static org.lamplight.gateway.GatewayFixtures.LON;
import static org.lamplight.gateway.GatewayFixtures.hasPositionAt;
import static org.lamplight.gateway.GatewayFixtures.position;

import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.lamplight.TestCertificates;
import org.lamplight.TestNode;
import org.lamplight.config.Keys;

/** The TLS listener with a certificate made for the test by openssl, and Paho trusting only that certificate. */
class MqttTlsIT {

  @Test
  void aDeviceReportsOverTls() throws Exception {
    TestCertificates tls = TestCertificates.selfSigned();
    try (TestNode node = TestNode.start(Map.of(Keys.TLS_CERT, tls.cert().toString(), Keys.TLS_KEY, tls.key().toString(),
        Keys.MQTT_TLS_PORT, 0, Keys.HTTP_TLS_PORT, 0, Keys.OSMAND_TLS_PORT, 0))) {
      String secret = node.issueSecret("dev-aux-0041");
      MqttClient client = new MqttClient("ssl://localhost:" + node.node().gateway().mqttTlsPort(), "dev-aux-0041", new MemoryPersistence());
      MqttConnectOptions options = new MqttConnectOptions();
      options.setUserName("dev-aux-0041");
      options.setPassword(secret.toCharArray());
      options.setSocketFactory(tls.trustingIt().getSocketFactory());
      client.connect(options);
      long ts = System.currentTimeMillis();
      client.publish("lamplight/devices/dev-aux-0041/position", position(LAT, LON, ts).getBytes(), 1, false);
      await().until(() -> hasPositionAt(node, "aux-0041", ts));
      client.disconnect();
      client.close();
    }
  }
}
