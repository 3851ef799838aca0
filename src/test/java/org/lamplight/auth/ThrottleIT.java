package org.lamplight.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lamplight.Await.await;

import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.TestNode;
import org.lamplight.TestSecrets;
import org.lamplight.config.Keys;

/**
 * Guessing passwords and device secrets: after three failures (here) an account or device waits,
 * doubling with each further failure, for logins (429 with Retry-After), MQTT (CONNACK not
 * authorised, or quota exceeded in MQTT 5, sent late) and OsmAnd (429); the right credentials work
 * again once the wait is over; every failure and every refusal is counted in /metrics.
 */
class ThrottleIT {

  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  static TestNode node;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(Map.of(Keys.AUTH_THROTTLE_FAILURES, 3, Keys.AUTH_THROTTLE_ADDRESS_FAILURES, 1000,
        Keys.AUTH_THROTTLE_FIRST_LOCK, "1s", Keys.AUTH_THROTTLE_MAX_LOCK, "4s"));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static HttpResponse<Buffer> login(TestNode on, String username, String password, String forwardedFor) {
    return on.post("/api/login", new JsonObject().put("username", username).put("password", password), null,
        forwardedFor == null ? Map.of() : Map.of("X-Forwarded-For", forwardedFor));
  }

  private static void assertWaits(HttpResponse<Buffer> r) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(429);
    assertThat(Long.parseLong(r.getHeader("Retry-After"))).isBetween(1L, 4L);
    assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("too_many_attempts");
    assertThat(r.bodyAsJsonObject().getString("message")).isNotBlank();
  }

  @Test
  void anAccountWhosePasswordIsGuessedWaitsAndItsRightPasswordWorksAfterwards() {
    String password = TestSecrets.register("a throttle test password", "ann-s-right-password");
    node.post("/api/accounts", new JsonObject().put("username", "throttled-ann").put("password", password)
        .put("role", "viewer"));
    for (int i = 0; i < 3; i++) {
      assertThat(login(node, "throttled-ann", "guess-" + i, null).statusCode()).isEqualTo(401);
    }
    assertWaits(login(node, "throttled-ann", password, null));
    assertWaits(login(node, "throttled-ann", "another-guess", "198.51.100.7"));
    assertThat(login(node, "admin", TestNode.ADMIN_PASSWORD, null).statusCode()).as("other accounts").isEqualTo(200);
    await().until(() -> login(node, "throttled-ann", password, null).statusCode() == 200);
    assertThat(node.metric("lamplight_auth_failures_total{client=\"account\",listener=\"http\"")).isGreaterThanOrEqualTo(3);
    assertThat(node.metric("lamplight_auth_throttled_total{client=\"account\",listener=\"http\"")).isGreaterThanOrEqualTo(2);
  }

  @Test
  void aDeviceGuessingItsSecretOverMqttIsRefusedUncheckedThenConnectsWithTheRightOne() throws Exception {
    String secret = node.issueSecret("dev-aux-0131");
    for (int i = 0; i < 3; i++) {
      assertThat(connect311("dev-aux-0131", "wrong-" + i)).isEqualTo(MqttException.REASON_CODE_FAILED_AUTHENTICATION);
    }
    assertThat(connect311("dev-aux-0131", secret)).isEqualTo(MqttException.REASON_CODE_NOT_AUTHORIZED);
    await().until(() -> connect311("dev-aux-0131", secret) == 0);

    String other = node.issueSecret("dev-aux-0132");
    for (int i = 0; i < 3; i++) {
      assertThat(connect5("dev-aux-0132", "wrong-" + i)).isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
    }
    assertThat(connect5("dev-aux-0132", other)).isEqualTo(Mqtt5ConnAckReasonCode.QUOTA_EXCEEDED);
    await().until(() -> connect5("dev-aux-0132", other) == Mqtt5ConnAckReasonCode.SUCCESS);
    assertThat(node.metric("lamplight_auth_failures_total{client=\"device\",listener=\"mqtt\"")).isGreaterThanOrEqualTo(6);
    assertThat(node.metric("lamplight_auth_throttled_total{client=\"device\",listener=\"mqtt\"")).isGreaterThanOrEqualTo(2);
  }

  @Test
  void aUserNameThatIsNoDeviceIdIsABadCredentialCountedAgainstTheAddressOnly() throws Exception {
    String secret = node.issueSecret("dev-aux-0134");
    double failures = node.metric("lamplight_auth_failures_total{client=\"device\",listener=\"mqtt\"");
    // a NUL is valid UTF-8 to the MQTT decoder but PostgreSQL cannot take it as text
    for (int i = 0; i < 5; i++) {
      assertThat(rawConnack311("dev-aux-0134\u0000", "x")).as("CONNACK return code").isEqualTo(4);
    }
    assertThat(rawConnack311("dev aux 0134", "x")).isEqualTo(4);
    assertThat(node.metric("lamplight_auth_failures_total{client=\"device\",listener=\"mqtt\""))
        .isGreaterThanOrEqualTo(failures + 6);
    // more than the three failures of an id, yet the device whose id the junk resembles is not made to wait
    assertThat(rawConnack311("dev-aux-0134", secret)).isZero();
  }

  /** The return code of the CONNACK to a raw MQTT 3.1.1 CONNECT, for user names a client library would not send. */
  private static int rawConnack311(String username, String password) throws Exception {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    utf8(body, "MQTT");
    body.writeBytes(new byte[] {4, (byte) 0xC2, 0, 60});
    utf8(body, "throttle-probe");
    utf8(body, username);
    utf8(body, password);
    try (Socket socket = new Socket("127.0.0.1", node.node().gateway().mqttPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(0x10);
      socket.getOutputStream().write(body.size()); // under 128 bytes: one length byte
      socket.getOutputStream().write(body.toByteArray());
      byte[] connack = socket.getInputStream().readNBytes(4);
      assertThat(connack).hasSize(4);
      return connack[3];
    }
  }

  private static void utf8(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.write(b.length >> 8);
    out.write(b.length & 0xFF);
    out.writeBytes(b);
  }

  @Test
  void aDeviceGuessingItsKeyOverOsmAndGets429ThenReportsWithTheRightOne() throws Exception {
    String secret = node.issueSecret("dev-aux-0133");
    for (int i = 0; i < 3; i++) {
      assertThat(osmand("dev-aux-0133", "wrong-" + i).statusCode()).isEqualTo(401);
    }
    var waiting = osmand("dev-aux-0133", secret);
    assertThat(waiting.statusCode()).isEqualTo(429);
    assertThat(Long.parseLong(waiting.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 4L);
    assertThat(new JsonObject(waiting.body()).getString("error")).isEqualTo("too_many_attempts");
    await().until(() -> osmand("dev-aux-0133", secret).statusCode() == 200);
    assertThat(node.metric("lamplight_auth_failures_total{client=\"device\",listener=\"osmand\"")).isGreaterThanOrEqualTo(3);
    assertThat(node.metric("lamplight_auth_throttled_total{client=\"device\",listener=\"osmand\"")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void anAddressTryingManyAccountsWaitsAndBehindATrustedProxyTheClientsAddressCounts() throws Exception {
    try (TestNode proxied = TestNode.start(Map.of(Keys.AUTH_THROTTLE_FAILURES, 1000, Keys.AUTH_THROTTLE_ADDRESS_FAILURES, 4,
        Keys.AUTH_THROTTLE_FIRST_LOCK, "1s", Keys.AUTH_THROTTLE_MAX_LOCK, "4s", Keys.PROXY_TRUSTED, "127.0.0.1"))) {
      for (int i = 0; i < 4; i++) {
        assertThat(login(proxied, "nobody-" + i, "guess", "203.0.113.9").statusCode()).isEqualTo(401);
      }
      assertWaits(login(proxied, "nobody-new", "guess", "203.0.113.9"));
      // a client cannot pick its address: only what the trusted proxy appended counts
      assertWaits(login(proxied, "nobody-new", "guess", "192.0.2.1, 203.0.113.9"));
      assertThat(login(proxied, "nobody-new", "guess", "203.0.113.10").statusCode()).isEqualTo(401);
      assertThat(login(proxied, "admin", TestNode.ADMIN_PASSWORD, null).statusCode()).isEqualTo(200);
    }
    // without a trusted proxy the header is nobody's word: the peer's address counts
    HttpResponse<Buffer> plain = login(node, "nobody", "guess", "203.0.113.9");
    assertThat(plain.statusCode()).isEqualTo(401);
  }

  /** The CONNACK code of a Paho (MQTT 3.1.1) connection, 0 when accepted (it is then closed). */
  private static int connect311(String deviceId, String secret) {
    try {
      MqttClient client = new MqttClient("tcp://localhost:" + node.node().gateway().mqttPort(), deviceId,
          new MemoryPersistence());
      MqttConnectOptions options = new MqttConnectOptions();
      options.setUserName(deviceId);
      options.setPassword(secret.toCharArray());
      options.setConnectionTimeout(20);
      // by default Paho tries 3.1 after a refused 3.1.1: two attempts for one
      options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
      try {
        client.connect(options);
        client.disconnect();
        return 0;
      } catch (MqttException e) {
        return e.getReasonCode();
      } finally {
        client.close();
      }
    } catch (MqttException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Mqtt5ConnAckReasonCode connect5(String deviceId, String secret) {
    var client = Mqtt5Client.builder().identifier(deviceId).serverHost("localhost")
        .serverPort(node.node().gateway().mqttPort()).buildBlocking();
    try {
      client.connectWith().simpleAuth().username(deviceId).password(secret.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
          .send();
      client.disconnect();
      return Mqtt5ConnAckReasonCode.SUCCESS;
    } catch (Mqtt5ConnAckException e) {
      return e.getMqttMessage().getReasonCode();
    }
  }

  private static java.net.http.HttpResponse<String> osmand(String deviceId, String key) throws Exception {
    String query = "?id=" + deviceId + "&key=" + URLEncoder.encode(key, StandardCharsets.UTF_8) + "&lat=33.8&lon=114.5&timestamp="
        + System.currentTimeMillis() / 1000;
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + node.node().gateway().osmandPort() + "/" + query))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
  }
}
