package org.lamplight.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lamplight.Await.await;
import static org.lamplight.gateway.GatewayFixtures.LAT;
import static org.lamplight.gateway.GatewayFixtures.LON;
import static org.lamplight.gateway.GatewayFixtures.counter;
import static org.lamplight.gateway.GatewayFixtures.hasPositionAt;
import static org.lamplight.gateway.GatewayFixtures.paho;
import static org.lamplight.gateway.GatewayFixtures.position;
import static org.lamplight.gateway.GatewayFixtures.trackSize;
import static org.lamplight.gateway.GatewayFixtures.unit;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5UnsubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.unsubscribe.unsuback.Mqtt5UnsubAckReasonCode;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lamplight.domain.dispatch.Caller;
import org.lamplight.domain.dispatch.IncidentType;
import org.lamplight.domain.dispatch.Order;
import org.lamplight.domain.dispatch.OrderAction;
import org.lamplight.TestDatabase;
import org.lamplight.TestNode;
import org.lamplight.config.Keys;

/** The MQTT endpoint driven by clients written by others: Eclipse Paho (3.1.1), HiveMQ (5), mosquitto_pub. */
class MqttGatewayIT {

  static TestNode node;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(Map.of(Keys.PRESENCE_GRACE, "300ms", Keys.MQTT_MAX_PAYLOAD, 1024,
        Keys.INGEST_DEVICE_RATE, 1.0, Keys.INGEST_DEVICE_BURST, 20,
        // a message every 100 s once the burst is spent: a test that spends it sees it stay spent
        Keys.INGEST_DEVICE_MESSAGE_RATE, 0.01));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @BeforeEach
  void clean() {
    TestDatabase.resetRuntimeTables();
  }

  private static Mqtt5BlockingClient hivemq(String deviceId, String secret) {
    Mqtt5BlockingClient client = Mqtt5Client.builder().identifier(deviceId).serverHost("localhost")
        .serverPort(node.node().gateway().mqttPort()).buildBlocking();
    client.connectWith().simpleAuth().username(deviceId).password(secret.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
        .send();
    return client;
  }

  /** The PUBACK reason code of a QoS 1 publish (the blocking client throws on error codes). */
  private static Mqtt5PubAckReasonCode publish5(Mqtt5BlockingClient client, String topic, String payload) {
    try {
      Mqtt5PublishResult result = client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
          .payload(payload.getBytes(StandardCharsets.UTF_8)).send();
      return ((Mqtt5PublishResult.Mqtt5Qos1Result) result).getPubAck().getReasonCode();
    } catch (Mqtt5PubAckException e) {
      return e.getMqttMessage().getReasonCode();
    }
  }

  @Test
  void pahoPositionsShowUpLiveAndInHistory() throws Exception {
    String secret = node.issueSecret("dev-aux-0011");
    MqttClient client = paho(node, "dev-aux-0011", secret, true);
    long ts = System.currentTimeMillis();
    client.publish("lamplight/devices/dev-aux-0011/position", position(LAT, LON, ts).getBytes(), 1, false);
    await().until(() -> hasPositionAt(node, "aux-0011", ts));
    JsonObject u = unit(node, "aux-0011");
    assertThat(u.getBoolean("online")).isTrue();
    assertThat(u.getJsonObject("position").getDouble("lat")).isEqualTo(LAT);
    assertThat(u.getJsonObject("position").getDouble("batt")).isEqualTo(77.0);
    await().until(() -> trackSize(node, "aux-0011") == 1);
    client.disconnect();
    client.close();
  }

  @Test
  void hiveMqMqtt5PositionsAreAcknowledgedAndStored() {
    String secret = node.issueSecret("dev-aux-0012");
    Mqtt5BlockingClient client = hivemq("dev-aux-0012", secret);
    long ts = System.currentTimeMillis();
    assertThat(publish5(client, "lamplight/devices/dev-aux-0012/position", position(LAT, LON + 0.01, ts)))
        .isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
    await().until(() -> hasPositionAt(node, "aux-0012", ts));
    await().until(() -> trackSize(node, "aux-0012") == 1);
    client.disconnect();
  }

  @Test
  void mosquittoPubPositionsShowUp() throws Exception {
    String secret = node.issueSecret("dev-aux-0013");
    long ts = System.currentTimeMillis();
    Process p = new ProcessBuilder("mosquitto_pub", "-h", "localhost", "-p", String.valueOf(node.node().gateway().mqttPort()),
        "-i", "dev-aux-0013", "-u", "dev-aux-0013", "-P", secret, "-q", "1", "-V", "mqttv311",
        "-t", "lamplight/devices/dev-aux-0013/position", "-m", position(LAT, LON, ts)).redirectErrorStream(true).start();
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
    await().until(() -> hasPositionAt(node, "aux-0013", ts));
  }

  @Test
  void ownTracksLocationsAsTheAppSendsThemMoveTheUnitAndItsWillTakesItOffline() throws Exception {
    String secret = node.issueSecret("dev-aux-0014");
    long tst = System.currentTimeMillis() / 1000;
    // What OwnTracks 2.x publishes in MQTT mode (acc/alt/vel/cog omitted when zero).
    String location = "{\"_type\":\"location\",\"acc\":12,\"alt\":48,\"batt\":64,\"bs\":1,\"conn\":\"m\",\"created_at\":"
        + tst + ",\"lat\":" + LAT + ",\"lon\":" + LON + ",\"m\":1,\"t\":\"u\",\"tid\":\"A1\",\"tst\":" + tst + ",\"vac\":3,"
        + "\"vel\":18}";
    Mqtt5BlockingClient client = hivemq("dev-aux-0014", secret);
    publish5(client, "owntracks/dev-aux-0014/phone", location);
    await().until(() -> hasPositionAt(node, "aux-0014", tst * 1000));
    assertThat(unit(node, "aux-0014").getJsonObject("position").getDouble("spd")).isEqualTo(5.0);
    publish5(client, "owntracks/dev-aux-0014/phone", "{\"_type\":\"lwt\",\"tst\":" + tst + "}");
    await().until(() -> !unit(node, "aux-0014").getBoolean("online"));
    client.disconnect();
  }

  @Test
  void aWrongPasswordIsRefusedWithTheRightCodeForEachVersion() throws Exception {
    node.issueSecret("dev-aux-0015");
    assertThatThrownBy(() -> paho(node, "dev-aux-0015", "wrong", true))
        .isInstanceOf(MqttSecurityException.class)
        .satisfies(e -> assertThat(((MqttException) e).getReasonCode()).isEqualTo(MqttException.REASON_CODE_FAILED_AUTHENTICATION));
    assertThatThrownBy(() -> hivemq("dev-aux-0015", "wrong"))
        .isInstanceOf(Mqtt5ConnAckException.class)
        .satisfies(e -> assertThat(((Mqtt5ConnAckException) e).getMqttMessage().getReasonCode())
            .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD));
  }

  @Test
  void anUnknownDeviceIsNotAuthorised() {
    assertThatThrownBy(() -> paho(node, "dev-nobody", "x", true))
        .isInstanceOf(MqttSecurityException.class)
        .satisfies(e -> assertThat(((MqttException) e).getReasonCode()).isEqualTo(MqttException.REASON_CODE_NOT_AUTHORIZED));
    assertThatThrownBy(() -> hivemq("dev-nobody", "x"))
        .isInstanceOf(Mqtt5ConnAckException.class)
        .satisfies(e -> assertThat(((Mqtt5ConnAckException) e).getMqttMessage().getReasonCode())
            .isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED));
  }

  @Test
  void aDeviceMayNotPublishOrSubscribeForAnother() throws Exception {
    String secret = node.issueSecret("dev-aux-0016");
    Mqtt5BlockingClient client = hivemq("dev-aux-0016", secret);
    long ts = System.currentTimeMillis();
    double refusedBefore = counter(node, "lamplight_device_messages_rejected_total", "reason", "topic_not_allowed");
    assertThat(publish5(client, "lamplight/devices/dev-aux-0017/position", position(LAT, LON, ts)))
        .isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
    assertThatThrownBy(() -> client.subscribeWith().topicFilter("lamplight/devices/dev-aux-0017/orders")
        .qos(MqttQos.AT_LEAST_ONCE).send())
        .isInstanceOf(Mqtt5SubAckException.class)
        .satisfies(e -> assertThat(((Mqtt5SubAckException) e).getMqttMessage().getReasonCodes())
            .containsExactly(Mqtt5SubAckReasonCode.NOT_AUTHORIZED));
    assertThatThrownBy(() -> client.subscribeWith().topicFilter("#").qos(MqttQos.AT_LEAST_ONCE).send())
        .isInstanceOf(Mqtt5SubAckException.class);
    client.disconnect();

    MqttClient v3 = paho(node, "dev-aux-0016", secret, true);
    int[] granted = v3.subscribeWithResponse(new String[] {"lamplight/devices/dev-aux-0017/orders"}, new int[] {1})
        .getGrantedQos();
    assertThat(granted).containsExactly(128);
    v3.disconnect();

    assertThat(unit(node, "aux-0017").getValue("position")).isNull();
    assertThat(trackSize(node, "aux-0017")).isZero();
    assertThat(counter(node, "lamplight_device_messages_rejected_total", "reason", "topic_not_allowed"))
        .isGreaterThanOrEqualTo(refusedBefore + 3);
  }

  @Test
  void badPayloadsAreRefusedAndCountedWhileTheConnectionAndOthersKeepWorking() throws Exception {
    String secret = node.issueSecret("dev-aux-0018");
    String other = node.issueSecret("dev-aux-0019");
    Mqtt5BlockingClient client = hivemq("dev-aux-0018", secret);
    MqttClient bystander = paho(node, "dev-aux-0019", other, true);
    String topic = "lamplight/devices/dev-aux-0018/position";
    long now = System.currentTimeMillis();
    double malformed = counter(node, "lamplight_device_messages_rejected_total", "reason", "malformed_json");
    double wrongType = counter(node, "lamplight_device_messages_rejected_total", "reason", "wrong_type");
    double latRange = counter(node, "lamplight_device_messages_rejected_total", "reason", "lat_out_of_range");
    double tooLarge = counter(node, "lamplight_device_messages_rejected_total", "reason", "payload_too_large");

    assertThat(publish5(client, topic, "{\"lat\": 33.8, \"lon\":")).isEqualTo(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID);
    assertThat(publish5(client, topic, "{\"lat\":\"north\",\"lon\":114.5,\"ts\":" + now + "}"))
        .isEqualTo(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID);
    // discarded by the checks: acknowledged, since resending would not help, with the reason in the Reason String
    Mqtt5PublishResult discarded = client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
        .payload(position(95, LON, now).getBytes(StandardCharsets.UTF_8)).send();
    var pubAck = ((Mqtt5PublishResult.Mqtt5Qos1Result) discarded).getPubAck();
    assertThat(pubAck.getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
    assertThat(pubAck.getReasonString()).hasValueSatisfying(r -> assertThat(r.toString()).startsWith("lat_out_of_range"));
    assertThat(publish5(client, topic, "{\"lat\":33.8,\"lon\":114.5,\"ts\":" + now + ",\"pad\":\"" + "x".repeat(2000) + "\"}"))
        .isEqualTo(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID);

    // the same connection still serves, and so does another device's
    long ts = now + 1;
    assertThat(publish5(client, topic, position(LAT, LON, ts))).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
    bystander.publish("lamplight/devices/dev-aux-0019/position", position(LAT, LON, ts).getBytes(), 1, false);
    await().until(() -> hasPositionAt(node, "aux-0018", ts) && hasPositionAt(node, "aux-0019", ts));
    await().until(() -> trackSize(node, "aux-0018") == 1);

    assertThat(counter(node, "lamplight_device_messages_rejected_total", "reason", "malformed_json")).isEqualTo(malformed + 1);
    assertThat(counter(node, "lamplight_device_messages_rejected_total", "reason", "wrong_type")).isEqualTo(wrongType + 1);
    assertThat(counter(node, "lamplight_device_messages_rejected_total", "reason", "lat_out_of_range")).isEqualTo(latRange + 1);
    assertThat(counter(node, "lamplight_device_messages_rejected_total", "reason", "payload_too_large")).isEqualTo(tooLarge + 1);
    client.disconnect();
    bystander.disconnect();
  }

  @Test
  void anOutOfRangeMeasurementIsLeftOutCountedAndTheFixStillReachesHistory() {
    String secret = node.issueSecret("dev-aux-0023");
    Mqtt5BlockingClient client = hivemq("dev-aux-0023", secret);
    double batt = counter(node, "lamplight_fixes_measurements_dropped_total", "reason", "battery_out_of_range");
    double alt = counter(node, "lamplight_fixes_measurements_dropped_total", "reason", "altitude_out_of_range");
    long ts = System.currentTimeMillis();
    String fix = "{\"lat\":" + LAT + ",\"lon\":" + LON + ",\"ts\":" + ts + ",\"acc\":6,\"alt\":-1e300,\"batt\":1e308}";
    assertThat(publish5(client, "lamplight/devices/dev-aux-0023/position", fix)).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
    await().until(() -> trackSize(node, "aux-0023") == 1);
    JsonObject stored = node.get("/api/units/aux-0023/track").bodyAsJsonObject().getJsonArray("points").getJsonObject(0);
    assertThat(stored.getDouble("acc")).isEqualTo(6.0);
    assertThat(stored.containsKey("alt")).isFalse();
    assertThat(stored.containsKey("batt")).isFalse();
    assertThat(unit(node, "aux-0023").getJsonObject("position").containsKey("batt")).isFalse();
    assertThat(counter(node, "lamplight_fixes_measurements_dropped_total", "reason", "battery_out_of_range")).isEqualTo(batt + 1);
    assertThat(counter(node, "lamplight_fixes_measurements_dropped_total", "reason", "altitude_out_of_range")).isEqualTo(alt + 1);
    client.disconnect();
  }

  @Test
  void aDeviceOverItsRateGetsQuotaExceededWhileAnotherDeviceIsServed() throws Exception {
    String secret = node.issueSecret("dev-aux-0024");
    String other = node.issueSecret("dev-aux-0025");
    Mqtt5BlockingClient client = hivemq("dev-aux-0024", secret);
    MqttClient bystander = paho(node, "dev-aux-0025", other, true);
    double limited = counter(node, "lamplight_device_messages_rejected_total", "reason", "rate_limited");
    long ts = System.currentTimeMillis() - 60_000;
    List<Mqtt5PubAckReasonCode> codes = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      codes.add(publish5(client, "lamplight/devices/dev-aux-0024/position", position(LAT, LON, ts + i)));
    }
    // a burst of 20 at 1/s: however slowly this loop runs, 40 fixes cannot all pass in under 20 s
    assertThat(codes).contains(Mqtt5PubAckReasonCode.QUOTA_EXCEEDED);
    assertThat(codes.subList(0, 20)).containsOnly(Mqtt5PubAckReasonCode.SUCCESS);
    long refused = codes.stream().filter(c -> c == Mqtt5PubAckReasonCode.QUOTA_EXCEEDED).count();
    long now = System.currentTimeMillis();
    bystander.publish("lamplight/devices/dev-aux-0025/position", position(LAT, LON, now).getBytes(), 1, false);
    await().until(() -> hasPositionAt(node, "aux-0025", now));
    assertThat(counter(node, "lamplight_device_messages_rejected_total", "reason", "rate_limited")).isEqualTo(limited + refused);
    client.disconnect();
    bystander.disconnect();
  }

  @Test
  void aDeviceThatSubscribesToItsOrdersCanBeOfferedIncidentsAndOneThatUnsubscribesCannot() throws Exception {
    String secret = node.issueSecret("dev-aux-0024");
    MqttClient client = paho(node, "dev-aux-0024", secret, true);
    await().until(() -> unit(node, "aux-0024").getBoolean("online"));
    assertThat(unit(node, "aux-0024").getString("channel")).as("connected, reading nothing").isEqualTo("none");
    client.subscribe("lamplight/devices/dev-aux-0024/orders", 1);
    await().until(() -> "orders".equals(unit(node, "aux-0024").getString("channel")));
    client.unsubscribe("lamplight/devices/dev-aux-0024/orders");
    await().until(() -> "none".equals(unit(node, "aux-0024").getString("channel")));
    client.disconnect();
    await().until(() -> !unit(node, "aux-0024").getBoolean("online"));
    assertThat(unit(node, "aux-0024").getString("channel")).isEqualTo("none");
  }

  @Test
  void aPersistentSessionGetsTheOrdersSentWhileItWasOffline() throws Exception {
    String secret = node.issueSecret("dev-aux-0020");
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    MqttClient client = paho(node, "dev-aux-0020", secret, false);
    client.subscribe("lamplight/devices/dev-aux-0020/orders", 1);
    client.disconnect();
    client.close();

    for (String orderId : List.of("order-1", "order-2")) {
      node.node().gateway().outbox().send("dev-aux-0020", orderId, new Order(orderId, "incident-1", "20260101-0001", OrderAction.LOCATE,
              IncidentType.FIRE, 1, 33.8, 114.5, "", 0, null, Caller.NONE))
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    MqttClient again = new MqttClient("tcp://localhost:" + node.node().gateway().mqttPort(), "dev-aux-0020",
        new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
    again.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
      @Override
      public void connectionLost(Throwable cause) {
      }

      @Override
      public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
        received.add(new String(message.getPayload(), StandardCharsets.UTF_8));
      }

      @Override
      public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
      }
    });
    var options = new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
    options.setUserName("dev-aux-0020");
    options.setPassword(secret.toCharArray());
    options.setCleanSession(false);
    again.connect(options);
    String first = received.poll(20, TimeUnit.SECONDS);
    String second = received.poll(20, TimeUnit.SECONDS);
    assertThat(List.of(new JsonObject(first).getString("orderId"), new JsonObject(second).getString("orderId")))
        .containsExactly("order-1", "order-2");
    again.disconnect();
  }

  @Test
  void aDeviceThatHoldsEightSubscriptionsIsToldItsQuotaIsExceededForANewOneAndKeepsTheOthers() {
    String secret = node.issueSecret("dev-aux-0027");
    Mqtt5BlockingClient client = hivemq("dev-aux-0027", secret);
    double refused = counter(node, "lamplight_device_messages_rejected_total", "reason", "too_many_subscriptions");
    client.subscribeWith().topicFilter("lamplight/devices/dev-aux-0027/orders").qos(MqttQos.AT_LEAST_ONCE).send();
    for (int i = 1; i < 8; i++) {
      client.subscribeWith().topicFilter("owntracks/dev-aux-0027/phone" + i + "/cmd").qos(MqttQos.AT_LEAST_ONCE).send();
    }
    assertThatThrownBy(() -> client.subscribeWith().topicFilter("owntracks/dev-aux-0027/phone8/cmd")
        .qos(MqttQos.AT_LEAST_ONCE).send())
        .isInstanceOf(Mqtt5SubAckException.class)
        .satisfies(e -> assertThat(((Mqtt5SubAckException) e).getMqttMessage().getReasonCodes())
            .containsExactly(Mqtt5SubAckReasonCode.QUOTA_EXCEEDED));
    // a filter it already holds is granted again
    assertThat(client.subscribeWith().topicFilter("owntracks/dev-aux-0027/phone1/cmd").qos(MqttQos.AT_LEAST_ONCE).send()
        .getReasonCodes()).containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
    await().until(() -> "orders".equals(unit(node, "aux-0027").getString("channel")));
    assertThat(counter(node, "lamplight_device_messages_rejected_total", "reason", "too_many_subscriptions"))
        .isEqualTo(refused + 1);
    client.disconnect();
  }

  @Test
  void aPersistentSessionIsRestoredAndStoredWithAtMostEightSubscriptions() throws Exception {
    String secret = node.issueSecret("dev-aux-0028");
    String[] stored = new String[20];
    for (int i = 0; i < stored.length; i++) {
      stored[i] = "owntracks/dev-aux-0028/phone" + i + "/cmd";
    }
    try (Connection c = TestDatabase.connect("postgres");
         PreparedStatement st = c.prepareStatement("insert into device_sessions (device_id, subscriptions) values (?, ?)")) {
      st.setString(1, "dev-aux-0028");
      st.setArray(2, c.createArrayOf("text", stored));
      st.executeUpdate();
    }
    MqttClient client = paho(node, "dev-aux-0028", secret, false);
    int[] granted = client.subscribeWithResponse(new String[] {"lamplight/devices/dev-aux-0028/orders",
        "owntracks/dev-aux-0028/phone0/cmd"}, new int[] {1, 1}).getGrantedQos();
    assertThat(granted).containsExactly(128, 1);
    await().until(() -> storedSubscriptions("dev-aux-0028") == 8);
    client.disconnect();
    client.close();
  }

  private static int storedSubscriptions(String deviceId) throws SQLException {
    try (Connection c = TestDatabase.connect("postgres");
         PreparedStatement st = c.prepareStatement("select cardinality(subscriptions) from device_sessions where device_id = ?")) {
      st.setString(1, deviceId);
      ResultSet rs = st.executeQuery();
      return rs.next() ? rs.getInt(1) : -1;
    }
  }

  @Test
  void aKilledClientIsMarkedOfflineAfterTheGracePeriodAndBackOnlineOnReconnect() throws Exception {
    String secret = node.issueSecret("dev-aux-0021");
    MqttClient client = paho(node, "dev-aux-0021", secret, true);
    await().until(() -> unit(node, "aux-0021").getBoolean("online"));
    client.disconnectForcibly(0, 0, false); // the socket drops; no DISCONNECT packet
    await().until(() -> !unit(node, "aux-0021").getBoolean("online"));
    MqttClient back = paho(node, "dev-aux-0021", secret, true);
    await().until(() -> unit(node, "aux-0021").getBoolean("online"));
    back.disconnect();
  }

  @Test
  void aSecondConnectionOfTheSameDeviceTakesOver() throws Exception {
    String secret = node.issueSecret("dev-aux-0022");
    MqttClient first = paho(node, "dev-aux-0022", secret, true);
    MqttClient second = paho(node, "dev-aux-0022", secret, true);
    await().until(() -> !first.isConnected());
    assertThat(second.isConnected()).isTrue();
    assertThat(unit(node, "aux-0022").getBoolean("online")).isTrue();
    second.disconnect();
  }

  @Test
  void aConnectionThatClosesWhileItsConnectIsCheckedIsNotLeftOnline() throws Exception {
    String secret = node.issueSecret("dev-aux-0026");
    double abandoned = counter(node, "lamplight_connections_abandoned_total", "listener", "mqtt");
    // the network drops right after CONNECT: the socket is gone before the secret is checked
    try (Socket socket = new Socket("127.0.0.1", node.node().gateway().mqttPort())) {
      socket.getOutputStream().write(connect311("dev-aux-0026", secret));
    }
    await().until(() -> counter(node, "lamplight_connections_abandoned_total", "listener", "mqtt") == abandoned + 1);
    assertThat(unit(node, "aux-0026").getBoolean("online")).isFalse();
    MqttClient client = paho(node, "dev-aux-0026", secret, true);
    await().until(() -> unit(node, "aux-0026").getBoolean("online"));
    client.disconnect();
    await().until(() -> !unit(node, "aux-0026").getBoolean("online"));
  }

  @Test
  void aDeviceFloodingStatusIsRefusedPastItsBurstWhileItsPositionsStillCount() {
    String secret = node.issueSecret("dev-aux-0029");
    Mqtt5BlockingClient client = hivemq("dev-aux-0029", secret);
    int taken = 0;
    Mqtt5PubAckReasonCode code = Mqtt5PubAckReasonCode.SUCCESS;
    for (int i = 0; i < 200 && code == Mqtt5PubAckReasonCode.SUCCESS; i++) {
      code = publish5(client, "lamplight/devices/dev-aux-0029/status", "{\"duty\":\"on\"}");
      taken += code == Mqtt5PubAckReasonCode.SUCCESS ? 1 : 0;
    }
    assertThat(code).isEqualTo(Mqtt5PubAckReasonCode.QUOTA_EXCEEDED);
    assertThat(taken).isGreaterThanOrEqualTo(Keys.INGEST_DEVICE_MESSAGE_BURST.defaultValue());
    long ts = System.currentTimeMillis();
    assertThat(publish5(client, "lamplight/devices/dev-aux-0029/position", position(LAT, LON, ts)))
        .isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
    await().until(() -> hasPositionAt(node, "aux-0029", ts));
    client.disconnect();
  }

  @Test
  void aDeviceRepeatingSubscribeIsRefusedPastItsBurstSavesItsSessionOnceAndOthersStillLogIn() throws Exception {
    String secret = node.issueSecret("dev-aux-0030");
    String other = node.issueSecret("dev-aux-0031");
    int burst = Keys.INGEST_DEVICE_MESSAGE_BURST.defaultValue();
    int flood = 5 * burst;
    double rateLimited = counter(node, "lamplight_device_messages_rejected_total", "reason", "rate_limited");
    try (Connection c = TestDatabase.connect("postgres"); Statement st = c.createStatement()) {
      st.execute("create table session_saves (device_id text)");
      st.execute("create function count_session_save() returns trigger language plpgsql as"
          + " $$ begin insert into session_saves values (new.device_id); return new; end $$");
      st.execute("create trigger count_session_save after insert or update on device_sessions"
          + " for each row execute function count_session_save()");
    }
    try (Socket socket = new Socket("127.0.0.1", node.node().gateway().mqttPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(connect311("dev-aux-0030", secret, false));
      DataInputStream in = new DataInputStream(socket.getInputStream());
      assertThat(in.readNBytes(4)[3]).as("CONNACK return code").isZero();
      ByteArrayOutputStream subscribes = new ByteArrayOutputStream();
      for (int i = 1; i <= flood; i++) {
        subscribes.writeBytes(subscribe311(i, "lamplight/devices/dev-aux-0030/orders"));
      }
      socket.getOutputStream().write(subscribes.toByteArray());
      int granted = 0;
      int refused = 0;
      for (int i = 0; i < flood; i++) {
        byte[] suback = in.readNBytes(5); // 0x90, length 3, packet id, one return code
        assertThat(suback[0]).isEqualTo((byte) 0x90);
        if (suback[4] == (byte) 0x80) {
          refused++;
        } else {
          granted++;
        }
      }
      assertThat(granted).isBetween(1, burst + 1);
      assertThat(refused).isEqualTo(flood - granted);
      assertThat(counter(node, "lamplight_device_messages_rejected_total", "reason", "rate_limited"))
          .isGreaterThanOrEqualTo(rateLimited + refused);
      // the subscriptions changed once, so the session was saved once
      await().until(() -> storedSubscriptions("dev-aux-0030") == 1);
      assertThat(sessionSaves("dev-aux-0030")).isEqualTo(1);

      MqttClient bystander = paho(node, "dev-aux-0031", other, true);
      assertThat(bystander.isConnected()).isTrue();
      bystander.disconnect();
    } finally {
      try (Connection c = TestDatabase.connect("postgres"); Statement st = c.createStatement()) {
        st.execute("drop trigger count_session_save on device_sessions");
        st.execute("drop function count_session_save()");
        st.execute("drop table session_saves");
      }
    }
  }

  private static int sessionSaves(String deviceId) throws SQLException {
    try (Connection c = TestDatabase.connect("postgres");
         PreparedStatement st = c.prepareStatement("select count(*) from session_saves where device_id = ?")) {
      st.setString(1, deviceId);
      ResultSet rs = st.executeQuery();
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void anMqtt5DeviceOverItsRateIsToldSoInTheSubackAndUnsuback() {
    String secret = node.issueSecret("dev-aux-0032");
    Mqtt5BlockingClient client = hivemq("dev-aux-0032", secret);
    String orders = "lamplight/devices/dev-aux-0032/orders";
    Mqtt5SubAckReasonCode last = Mqtt5SubAckReasonCode.GRANTED_QOS_1;
    for (int i = 0; i < 200 && last == Mqtt5SubAckReasonCode.GRANTED_QOS_1; i++) {
      try {
        last = client.subscribeWith().topicFilter(orders).qos(MqttQos.AT_LEAST_ONCE).send().getReasonCodes().get(0);
      } catch (Mqtt5SubAckException e) {
        last = e.getMqttMessage().getReasonCodes().get(0);
      }
    }
    assertThat(last).isEqualTo(Mqtt5SubAckReasonCode.QUOTA_EXCEEDED);
    assertThatThrownBy(() -> client.unsubscribeWith().topicFilter(orders).send())
        .isInstanceOf(Mqtt5UnsubAckException.class)
        .satisfies(e -> assertThat(((Mqtt5UnsubAckException) e).getMqttMessage().getReasonCodes())
            .containsExactly(Mqtt5UnsubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR));
    // still subscribed: the refused UNSUBSCRIBE changed nothing
    assertThat(unit(node, "aux-0032").getString("channel")).isEqualTo("orders");
    client.disconnect();
  }

  /** An MQTT 3.1.1 CONNECT with a clean session, the device id as client id and user name, and a 60 s keep-alive. */
  private static byte[] connect311(String deviceId, String secret) {
    return connect311(deviceId, secret, true);
  }

  private static byte[] connect311(String deviceId, String secret, boolean cleanSession) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    utf8(body, "MQTT");
    body.writeBytes(new byte[] {4, (byte) (cleanSession ? 0xC2 : 0xC0), 0, 60});
    utf8(body, deviceId);
    utf8(body, deviceId);
    utf8(body, secret);
    return packet(0x10, body);
  }

  /** An MQTT 3.1.1 SUBSCRIBE of one filter at QoS 1. */
  private static byte[] subscribe311(int packetId, String filter) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(packetId >> 8);
    body.write(packetId & 0xFF);
    utf8(body, filter);
    body.write(1);
    return packet(0x82, body);
  }

  private static byte[] packet(int type, ByteArrayOutputStream body) {
    ByteArrayOutputStream packet = new ByteArrayOutputStream();
    packet.write(type);
    int remaining = body.size();
    do {
      int digit = remaining % 128;
      remaining /= 128;
      packet.write(remaining > 0 ? digit | 0x80 : digit);
    } while (remaining > 0);
    packet.writeBytes(body.toByteArray());
    return packet.toByteArray();
  }

  private static void utf8(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.write(b.length >> 8);
    out.write(b.length & 0xFF);
    out.writeBytes(b);
  }
}
