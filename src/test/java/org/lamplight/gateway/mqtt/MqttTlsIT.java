package org.lamplight.gateway.mqtt;

import static org.lamplight.Await.await;
import static org.lamplight.gateway.GatewayFixtures.LAT;
import static org.lamplight.gateway.GatewayFixtures.LON;
import static org.lamplight.gateway.GatewayFixtures.hasPositionAt;
import static org.lamplight.gateway.GatewayFixtures.position;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.lamplight.TestNode;
import org.lamplight.config.Keys;

/** The TLS listener with a certificate made for the test by openssl, and Paho trusting only that certificate. */
class MqttTlsIT {

  @Test
  void aDeviceReportsOverTls() throws Exception {
    Path dir = Files.createTempDirectory("lamplight-tls");
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
        "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost", "-keyout", key.toString(), "-out",
        cert.toString()).redirectErrorStream(true).start();
    openssl.getInputStream().readAllBytes();
    if (openssl.waitFor() != 0) {
      throw new IllegalStateException("openssl failed");
    }
    try (TestNode node = TestNode.start(Map.of(Keys.MQTT_TLS_CERT, cert.toString(), Keys.MQTT_TLS_KEY, key.toString(),
        Keys.MQTT_TLS_PORT, 0))) {
      String secret = node.issueSecret("dev-aux-0041");
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      try (var in = Files.newInputStream(cert)) {
        trust.setCertificateEntry("lamplight", (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);

      MqttClient client = new MqttClient("ssl://localhost:" + node.node().gateway().mqttTlsPort(), "dev-aux-0041", new MemoryPersistence());
      MqttConnectOptions options = new MqttConnectOptions();
      options.setUserName("dev-aux-0041");
      options.setPassword(secret.toCharArray());
      options.setSocketFactory(ssl.getSocketFactory());
      client.connect(options);
      long ts = System.currentTimeMillis();
      client.publish("lamplight/devices/dev-aux-0041/position", position(LAT, LON, ts).getBytes(), 1, false);
      await().until(() -> hasPositionAt(node, "aux-0041", ts));
      client.disconnect();
      client.close();
    }
  }
}
