package org.lamplight.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lamplight.Await.await;
import static org.lamplight.gateway.GatewayFixtures.LAT;
import static org.lamplight.gateway.GatewayFixtures.LON;
import static org.lamplight.gateway.GatewayFixtures.hasPositionAt;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.TestNode;
import org.lamplight.config.Keys;

/**
 * Idle-socket floods against the listeners, with small limits and short timeouts: what is over a
 * limit is closed at once and counted, silent sockets are closed after the timeout, and every
 * listener keeps serving meanwhile. (A full-size flood belongs to the benchmarks.)
 */
class ListenerFloodIT {

  static TestNode node;
  final List<Socket> sockets = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(Map.of(
        Keys.OSMAND_MAX_CONNECTIONS_PER_ADDRESS, 100, Keys.OSMAND_MAX_CONNECTIONS, 150, Keys.OSMAND_HEADER_TIMEOUT, "8s",
        Keys.HTTP_HEADER_TIMEOUT, "1s", Keys.MQTT_MAX_CONNECTIONS_PER_ADDRESS, 3, Keys.MQTT_CONNECT_TIMEOUT, "1s"));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @AfterEach
  void closeSockets() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
  }

  private List<Socket> open(int count, String from, int port) throws IOException {
    List<Socket> opened = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Socket s = new Socket();
      s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
      s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      s.setSoTimeout(1);
      opened.add(s);
      sockets.add(s);
    }
    return opened;
  }

  /** Sockets the server has closed (a read sees the end of the stream). */
  private static long closed(List<Socket> flood) {
    return flood.stream().filter(ListenerFloodIT::closedByServer).count();
  }

  private static boolean closedByServer(Socket s) {
    try {
      return s.getInputStream().read() < 0;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  /** A Prometheus value whose labels include all of {@code labels} ("k=\"v\"" pairs), 0 when absent. */
  private static double metric(String name, String... labels) {
    String text = node.get("/metrics", null).bodyAsString();
    Matcher m = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)} ([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(text);
    while (m.find()) {
      String found = m.group(1);
      if (List.of(labels).stream().allMatch(found::contains)) {
        return Double.parseDouble(m.group(2));
      }
    }
    return 0;
  }

  private static MqttClient mqtt(String deviceId, String secret) throws MqttException {
    MqttClient client = new MqttClient("tcp://127.0.0.1:" + node.node().gateway().mqttPort(), deviceId, new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setUserName(deviceId);
    options.setPassword(secret.toCharArray());
    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    client.connect(options);
    return client;
  }

  @Test
  void anIdleFloodOnTheOsmAndPortIsCappedAndTimedOutWhileEveryListenerServes() throws Exception {
    String osmand = "listener=\"osmand\"";
    double byAddress = metric("lamplight_connections_refused_total", osmand, "reason=\"address_limit\"");
    double byListener = metric("lamplight_connections_refused_total", osmand, "reason=\"listener_limit\"");
    double timedOut = metric("lamplight_connections_timed_out_total", osmand);
    int port = node.node().gateway().osmandPort();
    String deviceSecret = node.issueSecret("dev-aux-0041");
    String mqttSecret = node.issueSecret("dev-aux-0042");

    List<Socket> flood = open(300, "127.0.0.1", port);
    await().until(() -> closed(flood) >= 200);
    assertThat(metric("lamplight_connections_refused_total", osmand, "reason=\"address_limit\"")).isEqualTo(byAddress + 200);

    // while the flood holds: health, a report from a fresh Traccar Client, an MQTT CONNECT
    assertThat(node.get("/health", null).statusCode()).isEqualTo(200);
    Vertx vertx = Vertx.vertx();
    WebClient phone = WebClient.create(vertx, new WebClientOptions().setLocalAddress("127.0.0.2").setKeepAlive(false));
    long ts = System.currentTimeMillis();
    int status = phone.get(port, "127.0.0.1", "/").addQueryParam("key", deviceSecret).addQueryParam("id", "dev-aux-0041")
        .addQueryParam("timestamp", String.valueOf(ts)).addQueryParam("lat", String.valueOf(LAT))
        .addQueryParam("lon", String.valueOf(LON)).send().toCompletionStage().toCompletableFuture()
        .get(20, TimeUnit.SECONDS).statusCode();
    assertThat(status).isEqualTo(200);
    await().until(() -> hasPositionAt(node, "aux-0041", ts));
    MqttClient device = mqtt("dev-aux-0042", mqttSecret);
    assertThat(device.isConnected()).isTrue();
    device.disconnect();
    device.close();
    phone.close();
    vertx.close();
    assertThat(metric("lamplight_connections_open", osmand)).as("the flood still holds").isEqualTo(100);

    // another address may add its share only up to the listener's limit
    List<Socket> second = open(100, "127.0.0.3", port);
    await().until(() -> closed(second) >= 50);
    assertThat(metric("lamplight_connections_refused_total", osmand, "reason=\"listener_limit\"")).isEqualTo(byListener + 50);
    assertThat(metric("lamplight_connections_open", osmand)).isEqualTo(150);

    // silent sockets are closed after the header timeout, and counted
    await().until(() -> closed(flood) == 300 && closed(second) == 100);
    assertThat(metric("lamplight_connections_timed_out_total", osmand)).isEqualTo(timedOut + 150);
    await().until(() -> metric("lamplight_connections_open", osmand) == 0);
  }

  @Test
  void aSilentSocketOnTheHttpPortIsClosedAfterTheHeaderTimeout() throws Exception {
    double timedOut = metric("lamplight_connections_timed_out_total", "listener=\"http\"");
    List<Socket> silent = open(5, "127.0.0.1", node.httpPort());
    await().until(() -> closed(silent) == 5);
    assertThat(metric("lamplight_connections_timed_out_total", "listener=\"http\"")).isEqualTo(timedOut + 5);
  }

  @Test
  void mqttRefusesConnectsBeyondTheAddressLimitAndClosesSocketsThatNeverConnect() throws Exception {
    List<Socket> silent = open(3, "127.0.0.1", node.node().gateway().mqttPort());
    await().until(() -> closed(silent) == 3);

    List<MqttClient> held = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String id = "dev-aux-005" + i;
      held.add(mqtt(id, node.issueSecret(id)));
    }
    String extra = node.issueSecret("dev-aux-0053");
    double refused = metric("lamplight_connections_refused_total", "listener=\"mqtt\"", "reason=\"address_limit\"");
    assertThatThrownBy(() -> mqtt("dev-aux-0053", extra)).isInstanceOf(MqttException.class)
        .satisfies(e -> assertThat(((MqttException) e).getReasonCode()).isEqualTo(MqttException.REASON_CODE_BROKER_UNAVAILABLE));
    assertThat(metric("lamplight_connections_refused_total", "listener=\"mqtt\"", "reason=\"address_limit\""))
        .isEqualTo(refused + 1);

    // a closed connection, and a refused login, give their place back
    held.remove(0).disconnect();
    assertThatThrownBy(() -> mqtt("dev-aux-0053", "wrong")).isInstanceOf(MqttException.class);
    await().until(() -> metric("lamplight_connections_open", "listener=\"mqtt\"") == 2);
    MqttClient again = mqtt("dev-aux-0053", extra);
    assertThat(again.isConnected()).isTrue();
    again.disconnect();
    for (MqttClient c : held) {
      c.disconnect();
    }
  }
}
