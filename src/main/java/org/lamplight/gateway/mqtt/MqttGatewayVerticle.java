package org.lamplight.gateway.mqtt;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.IntegerProperty;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import io.vertx.mqtt.MqttTopicSubscription;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.MqttSubscribeMessage;
import io.vertx.mqtt.messages.MqttUnsubscribeMessage;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.lamplight.auth.AuthThrottle;
import org.lamplight.auth.DeviceAuthenticator;
import org.lamplight.config.Config;
import org.lamplight.config.ConfigException;
import org.lamplight.config.Keys;
import org.lamplight.domain.tracking.DeviceIds;
import org.lamplight.domain.tracking.OrderChannel;
import org.lamplight.domain.tracking.RejectReason;
import org.lamplight.domain.tracking.RejectedFixException;
import org.lamplight.edge.ConnectionLimits;
import org.lamplight.edge.ConnectionLimits.Admission;
import org.lamplight.edge.ListenerMetrics;
import org.lamplight.edge.Tls;
import org.lamplight.gateway.DeviceBus;
import org.lamplight.gateway.DeviceMessages;
import org.lamplight.gateway.Presence;
import org.lamplight.gateway.SessionRegistry;
import org.lamplight.gateway.TrackedDevices;
import org.lamplight.logging.LogText;
import org.lamplight.store.OrderRepository;
import org.lamplight.store.OrderRepository.Delivery;
import org.lamplight.tracking.PositionPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT boundary: authenticates devices, routes their publishes (positions, OwnTracks,
 * status, events) into Lamplight, lets them subscribe to their own orders only, and delivers
 * orders at QoS 1 with redelivery across reconnects. One instance per event loop; they share
 * the {@link SessionRegistry}.
 */
public final class MqttGatewayVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(MqttGatewayVerticle.class);
  /** Frames beyond this close the connection; payloads over mqtt.max-payload are refused politely. */
  private static final int MAX_FRAME = 256 * 1024;
  private static final AtomicLong CONNECTIONS = new AtomicLong();
  /** Longest a throttled device waits for its refusal, so it cannot reconnect in a tight loop. */
  private static final long THROTTLED_REFUSAL_DELAY_MS = 5_000;
  private static final String LISTENER = "mqtt";

  private final Config config;
  private final DeviceAuthenticator authenticator;
  private final TrackedDevices tracked;
  private final AuthThrottle throttle;
  private final SessionRegistry<DeviceConnection> registry;
  private final PositionPipeline pipeline;
  private final DeviceMessages messages;
  private final Presence presence;
  private final OrderRepository orders;
  private final String nodeId;
  private final MeterRegistry meters;
  /** Shared by every instance (through the Vert.x local map), since they serve one port. */
  private ConnectionLimits limits;
  private ListenerMetrics listenerMetrics;
  private Counter abandonedConnects;
  private MqttServer plainServer;
  private MqttServer tlsServer;
  private MessageConsumer<JsonObject> orderConsumer;
  private MessageConsumer<JsonObject> connectedConsumer;
  private MessageConsumer<JsonObject> closeConsumer;

  public MqttGatewayVerticle(Config config, DeviceAuthenticator authenticator, AuthThrottle throttle,
                             TrackedDevices tracked, SessionRegistry<DeviceConnection> registry,
                             PositionPipeline pipeline, DeviceMessages messages, Presence presence,
                             OrderRepository orders, String nodeId, MeterRegistry meters) {
    this.config = config;
    this.authenticator = authenticator;
    this.throttle = throttle;
    this.tracked = tracked;
    this.registry = registry;
    this.pipeline = pipeline;
    this.messages = messages;
    this.presence = presence;
    this.orders = orders;
    this.nodeId = nodeId;
    this.meters = meters;
  }

  @Override
  public Future<?> start() {
    LocalMap<String, ConnectionLimits> shared = vertx.sharedData().getLocalMap(ConnectionLimits.class.getName());
    ConnectionLimits fresh = new ConnectionLimits(config.get(Keys.MQTT_MAX_CONNECTIONS),
        config.get(Keys.MQTT_MAX_CONNECTIONS_PER_ADDRESS));
    ConnectionLimits prior = shared.putIfAbsent("mqtt", fresh);
    limits = prior == null ? fresh : prior;
    listenerMetrics = new ListenerMetrics(meters, "mqtt", limits);
    abandonedConnects = Counter.builder("lamplight.connections.abandoned").tag("listener", LISTENER)
        .description("Connections closed before their CONNECT was answered").register(meters);
    orderConsumer = vertx.eventBus().consumer(DeviceBus.ORDERS, msg -> deliverLive(msg.body()));
    connectedConsumer = vertx.eventBus().consumer(DeviceBus.CONNECTED, msg -> closeReplaced(msg.body()));
    closeConsumer = vertx.eventBus().consumer(DeviceBus.CLOSE, msg -> registry.close(msg.body().getString("deviceId"),
        this, msg.body().getString("reason")));
    List<Future<?>> listening = new ArrayList<>();
    listening.add(listen(new MqttServerOptions(), Keys.MQTT_PORT).onSuccess(s -> plainServer = s));
    Tls.of(config).ifPresent(certificate -> listening.add(listen(new MqttServerOptions().setSsl(true)
        .setKeyCertOptions(certificate), Keys.MQTT_TLS_PORT).onSuccess(s -> tlsServer = s)));
    return Future.all(listening);
  }

  private Future<MqttServer> listen(MqttServerOptions options, org.lamplight.config.Key<Integer> portKey) {
    int port = config.get(portKey);
    // a socket that sends no CONNECT is closed by vertx-mqtt; after CONNECT the keep-alive rules
    options.setMaxMessageSize(MAX_FRAME)
        .setTimeoutOnConnect((int) Math.max(1, config.get(Keys.MQTT_CONNECT_TIMEOUT) / 1000));
    return MqttServer.create(vertx, options)
        .endpointHandler(this::onConnect)
        .exceptionHandler(e -> LOG.debug("MQTT connection error: {}", e.toString()))
        .listen(port, config.get(Keys.MQTT_HOST))
        .recover(e -> Future.failedFuture(ConfigException.portUnavailable(portKey, port, e)));
  }

  /** The port the plain listener got (useful with port 0). */
  public int actualPort() {
    return plainServer.actualPort();
  }

  /** The port of the TLS listener, or -1 when none is configured. */
  public int actualTlsPort() {
    return tlsServer == null ? -1 : tlsServer.actualPort();
  }

  /**
   * Connections are counted from CONNECT on: vertx-mqtt shows none before, and one that never
   * sends CONNECT is closed after {@code mqtt.connect-timeout}.
   */
  private void onConnect(MqttEndpoint endpoint) {
    String deviceId = endpoint.auth() == null ? null : endpoint.auth().getUsername();
    String secret = endpoint.auth() == null ? null : endpoint.auth().getPassword();
    int version = endpoint.protocolVersion();
    String address = endpoint.remoteAddress().hostAddress();
    Admission admission = limits.admit(address);
    if (admission != Admission.ADMITTED) {
      listenerMetrics.refused(admission);
      endpoint.reject(ReasonCodes.connackOverLimit(version));
      return;
    }
    Slot slot = new Slot(address);
    endpoint.closeHandler(v -> slot.release());
    // a user name that is no device id is refused as a bad secret, unqueried, and counted against the address only
    String identity = DeviceIds.isValid(deviceId) ? deviceId : null;
    long wait = throttle.waitMs(identity, address, LISTENER);
    if (wait > 0) {
      LOG.debug("refused {} unchecked: it waits out its back-off", LogText.safe(deviceId));
      vertx.setTimer(Math.min(wait, THROTTLED_REFUSAL_DELAY_MS), t -> {
        if (!slot.abandoned()) {
          endpoint.reject(ReasonCodes.connackThrottled(version));
        }
      });
      return;
    }
    authenticator.authenticate(deviceId, secret).onComplete(ar -> {
      if (slot.abandoned()) {
        return;
      }
      if (ar.failed()) {
        LOG.warn("cannot check credentials of {}: {}", deviceId, ar.cause().getMessage());
        endpoint.reject(ReasonCodes.connackUnavailable(version));
        return;
      }
      if (ar.result() != DeviceAuthenticator.Result.OK) {
        pipeline.rejected(RejectReason.BAD_CREDENTIALS);
        throttle.failed(identity, address, LISTENER);
        LOG.debug("refused {} ({})", LogText.safe(deviceId), ar.result());
        endpoint.reject(ReasonCodes.connack(ar.result(), version));
        return;
      }
      throttle.succeeded(deviceId);
      tracked.unitOf(deviceId).onComplete(unit -> {
        if (slot.abandoned()) {
          return;
        }
        if (unit.failed()) {
          endpoint.reject(ReasonCodes.connackUnavailable(version));
        } else if (unit.result() == null) {
          endpoint.reject(ReasonCodes.connack(DeviceAuthenticator.Result.UNKNOWN_DEVICE, version));
        } else {
          accept(endpoint, deviceId, unit.result(), slot);
        }
      });
    });
  }

  /**
   * A connection's place under the listener's limits, taken at CONNECT and given back once when
   * the socket closes, which may be while its CONNECT is still being checked.
   */
  private final class Slot {

    private final String address;
    private boolean closed;

    Slot(String address) {
      this.address = address;
    }

    void release() {
      if (!closed) {
        closed = true;
        limits.release(address);
      }
    }

    /**
     * True, and counted, when the socket closed before its CONNECT was answered: nothing may be
     * registered or shown online for it, since no close will come to undo that.
     */
    boolean abandoned() {
      if (closed) {
        abandonedConnects.increment();
      }
      return closed;
    }
  }

  private void accept(MqttEndpoint endpoint, String deviceId, String unitId, Slot slot) {
    DeviceConnection conn = new DeviceConnection(nodeId + "-" + CONNECTIONS.incrementAndGet(), deviceId, unitId, endpoint,
        vertx.getOrCreateContext(), this);
    Future<List<String>> session = conn.persistent()
        ? orders.session(deviceId)
        : orders.discardSession(deviceId).map(v -> (List<String>) null);
    session.onComplete(ar -> {
      if (slot.abandoned()) {
        return;
      }
      if (ar.failed()) {
        endpoint.reject(ReasonCodes.connackUnavailable(endpoint.protocolVersion()));
        return;
      }
      List<String> restored = ar.result();
      if (restored != null) {
        conn.restoreSubscriptions(restored);
        if (!restored.equals(conn.subscriptions())) {
          saveSession(conn); // stored before the cap: keep only what the connection holds
        }
      }
      DeviceConnection previous = registry.register(conn);
      if (previous != null) {
        previous.context().runOnContext(v -> previous.closeReplaced());
      }
      vertx.eventBus().publish(DeviceBus.CONNECTED, new JsonObject().put("deviceId", deviceId)
          .put("connectionId", conn.connectionId()).put("nodeId", nodeId));
      installHandlers(conn, slot);
      endpoint.publishAutoAck(false);
      endpoint.accept(restored != null, connackProperties(endpoint));
      presence.online(deviceId);
      presence.channel(deviceId, conn.channel());
      if (conn.wantsOrders()) {
        deliverPending(conn);
      }
    });
  }

  /** MQTT 5: tell a client that asked for no keep-alive (or too long a one) what we enforce. */
  private MqttProperties connackProperties(MqttEndpoint endpoint) {
    MqttProperties props = new MqttProperties();
    int maxSeconds = (int) (config.get(Keys.MQTT_KEEPALIVE_MAX) / 1000);
    int asked = endpoint.keepAliveTimeSeconds();
    if (endpoint.protocolVersion() == ReasonCodes.MQTT_5 && (asked == 0 || asked > maxSeconds)) {
      props.add(new IntegerProperty(MqttPropertyType.SERVER_KEEP_ALIVE.value(), maxSeconds));
    }
    return props;
  }

  private void installHandlers(DeviceConnection conn, Slot slot) {
    MqttEndpoint endpoint = conn.endpoint();
    endpoint.publishHandler(msg -> onPublish(conn, msg));
    endpoint.publishReleaseHandler(endpoint::publishComplete);
    endpoint.subscribeHandler(msg -> onSubscribe(conn, msg));
    endpoint.unsubscribeHandler(msg -> onUnsubscribe(conn, msg));
    endpoint.publishAcknowledgeHandler(packetId -> {
      String deliveryId = conn.acknowledged(packetId);
      if (deliveryId != null) {
        orders.acknowledged(conn.deviceId(), deliveryId)
            .onFailure(e -> storeFailed(conn, "cannot record PUBACK of delivery " + deliveryId, e));
      }
    });
    endpoint.disconnectHandler(v -> conn.markDisconnected());
    endpoint.exceptionHandler(e -> LOG.debug("connection of {}: {}", conn.deviceId(), e.toString()));
    endpoint.closeHandler(v -> {
      slot.release();
      onClose(conn);
    });
    enforceIdleLimit(conn);
  }

  /**
   * Keep-alive is enforced by the endpoint when the device asks for one; a device that asks
   * for none (or MQTT 3.1.1 beyond the maximum) is still closed when idle for 1.5 x the maximum.
   */
  private void enforceIdleLimit(DeviceConnection conn) {
    long maxMs = config.get(Keys.MQTT_KEEPALIVE_MAX);
    int asked = conn.endpoint().keepAliveTimeSeconds();
    if (asked > 0 && asked * 1000L <= maxMs) {
      return;
    }
    long[] lastActivity = {System.currentTimeMillis()};
    conn.endpoint().pingHandler(v -> lastActivity[0] = System.currentTimeMillis());
    conn.endpoint().publishHandler(msg -> {
      lastActivity[0] = System.currentTimeMillis();
      onPublish(conn, msg);
    });
    long limit = maxMs * 3 / 2;
    vertx.setPeriodic(Math.max(1000, maxMs / 2), id -> {
      if (!conn.endpoint().isConnected()) {
        vertx.cancelTimer(id);
      } else if (System.currentTimeMillis() - lastActivity[0] > limit) {
        LOG.debug("closing idle connection of {}", conn.deviceId());
        conn.endpoint().close();
        vertx.cancelTimer(id);
      }
    });
  }

  private void onPublish(DeviceConnection conn, MqttPublishMessage msg) {
    RejectReason refused = null;
    String why = null;
    try {
      Future<Void> stored = messages.route(conn, msg.topicName(), msg.payload());
      if (!stored.isComplete()) {
        stored.onComplete(ar -> acknowledgeOnceStored(conn, msg, ar.cause()));
        return;
      }
    } catch (RejectedFixException e) {
      refused = e.reason();
      why = e.getMessage();
    } catch (RuntimeException e) {
      // A bug must cost one message, not the connection or the node.
      LOG.error("unexpected failure handling a publish of {} on {}", conn.deviceId(), msg.topicName(), e);
      refused = RejectReason.UNSUPPORTED_MESSAGE;
      pipeline.rejected(refused);
      why = "internal error";
    }
    if (refused != null) {
      LOG.debug("refused publish of {} on {}: {} ({})", conn.deviceId(), msg.topicName(), refused.code(), why);
    }
    acknowledge(conn.endpoint(), msg, refused, why);
  }

  private void acknowledge(MqttEndpoint endpoint, MqttPublishMessage msg, RejectReason refused, String why) {
    boolean v5 = endpoint.protocolVersion() == ReasonCodes.MQTT_5;
    MqttPubAckReasonCode code = ReasonCodes.puback(refused);
    if (msg.qosLevel() == MqttQoS.AT_LEAST_ONCE) {
      if (v5) {
        endpoint.publishAcknowledge(msg.messageId(), code, ReasonCodes.reasonString(refused == null ? null : refused.code() + ": " + why));
      } else {
        endpoint.publishAcknowledge(msg.messageId());
      }
    } else if (msg.qosLevel() == MqttQoS.EXACTLY_ONCE) {
      endpoint.publishReceived(msg.messageId());
    }
  }

  /**
   * A message that is acknowledged only once stored (a report, a reply, a ledger entry): refused, it is
   * acknowledged like any refused publish; not stored for want of the database, it is not
   * acknowledged and the connection is closed, so the device sends it again once reconnected.
   */
  private void acknowledgeOnceStored(DeviceConnection conn, MqttPublishMessage msg, Throwable failure) {
    if (failure == null) {
      acknowledge(conn.endpoint(), msg, null, null);
    } else if (failure instanceof ReplyException reply && reply.failureCode() == DeviceBus.REFUSED) {
      pipeline.rejected(RejectReason.INVALID_VALUE);
      String why = DeviceBus.Refused.of(reply).message();
      LOG.debug("refused message of {} on {}: {}", conn.deviceId(), msg.topicName(), why);
      acknowledge(conn.endpoint(), msg, RejectReason.INVALID_VALUE, why);
    } else {
      LOG.warn("message of {} on {} not stored, closing its connection so that it is sent again: {}", conn.deviceId(),
          msg.topicName(), failure.getMessage());
      conn.endpoint().close();
    }
  }

  /**
   * Each SUBSCRIBE takes from the device's message bucket: over it, every filter is refused. The
   * session is saved only when the subscriptions changed, and pending orders are loaded only when
   * the connection became able to take them, so a device repeating a SUBSCRIBE costs no query.
   */
  private void onSubscribe(DeviceConnection conn, MqttSubscribeMessage msg) {
    MqttEndpoint endpoint = conn.endpoint();
    boolean v5 = endpoint.protocolVersion() == ReasonCodes.MQTT_5;
    boolean withinRate = messages.withinMessageRate(conn, System.currentTimeMillis());
    List<String> before = conn.subscriptions();
    OrderChannel channelBefore = conn.channel();
    List<io.vertx.mqtt.messages.codes.MqttSubAckReasonCode> codes = new ArrayList<>();
    List<MqttQoS> v3codes = new ArrayList<>();
    for (MqttTopicSubscription sub : msg.topicSubscriptions()) {
      RejectReason refused = null;
      if (!withinRate) {
        refused = RejectReason.RATE_LIMITED;
      } else if (!DeviceTopic.isSubscriptionAllowed(conn.deviceId(), sub.topicName())) {
        refused = RejectReason.TOPIC_NOT_ALLOWED;
      } else if (!conn.subscribed(sub.topicName())) {
        refused = RejectReason.TOO_MANY_SUBSCRIPTIONS;
      }
      if (refused != null && refused != RejectReason.RATE_LIMITED) {
        pipeline.rejected(refused);
        LOG.debug("refused subscription of {} to {}: {}", conn.deviceId(), LogText.safe(sub.topicName()), refused.code());
      }
      codes.add(ReasonCodes.suback(refused, sub.qualityOfService()));
      v3codes.add(ReasonCodes.subackV3(refused, sub.qualityOfService()));
    }
    if (v5) {
      endpoint.subscribeAcknowledge(msg.messageId(), codes, withinRate ? new MqttProperties()
          : ReasonCodes.reasonString(RejectReason.RATE_LIMITED.code() + ": " + DeviceMessages.RATE_LIMITED_WHY));
    } else {
      endpoint.subscribeAcknowledge(msg.messageId(), v3codes);
    }
    subscriptionsChanged(conn, before, channelBefore);
  }

  /**
   * Each UNSUBSCRIBE takes from the device's message bucket too. Over it, MQTT 5 is told in the
   * UNSUBACK; MQTT 3.1.1 cannot be, and acknowledging would let the device believe it no longer
   * gets orders, so its connection is closed.
   */
  private void onUnsubscribe(DeviceConnection conn, MqttUnsubscribeMessage msg) {
    MqttEndpoint endpoint = conn.endpoint();
    boolean v5 = endpoint.protocolVersion() == ReasonCodes.MQTT_5;
    if (!messages.withinMessageRate(conn, System.currentTimeMillis())) {
      if (v5) {
        endpoint.unsubscribeAcknowledge(msg.messageId(),
            Collections.nCopies(msg.topics().size(), ReasonCodes.unsuback(RejectReason.RATE_LIMITED)),
            ReasonCodes.reasonString(RejectReason.RATE_LIMITED.code() + ": " + DeviceMessages.RATE_LIMITED_WHY));
      } else {
        LOG.debug("closing the connection of {}: UNSUBSCRIBE over its rate", conn.deviceId());
        endpoint.close();
      }
      return;
    }
    List<String> before = conn.subscriptions();
    OrderChannel channelBefore = conn.channel();
    msg.topics().forEach(conn::unsubscribed);
    if (v5) {
      endpoint.unsubscribeAcknowledge(msg.messageId(),
          Collections.nCopies(msg.topics().size(), ReasonCodes.unsuback(null)), new MqttProperties());
    } else {
      endpoint.unsubscribeAcknowledge(msg.messageId());
    }
    subscriptionsChanged(conn, before, channelBefore);
  }

  /** Stores and announces what a SUBSCRIBE or UNSUBSCRIBE changed; nothing when it changed nothing. */
  private void subscriptionsChanged(DeviceConnection conn, List<String> before, OrderChannel channelBefore) {
    if (before.equals(conn.subscriptions())) {
      return;
    }
    saveSession(conn);
    OrderChannel channel = conn.channel();
    if (channel != channelBefore) {
      presence.channel(conn.deviceId(), channel);
      if (conn.wantsOrders()) {
        deliverPending(conn);
      }
    }
  }

  /** At most one save in flight per connection: subscriptions changed meanwhile are saved when it ends. */
  private void saveSession(DeviceConnection conn) {
    if (!conn.persistent() || !conn.sessionSaveStarts()) {
      return;
    }
    orders.saveSession(conn.deviceId(), conn.subscriptions(), sessionExpiry(conn.endpoint())).onComplete(ar -> {
      if (ar.failed()) {
        storeFailed(conn, "cannot save the session", ar.cause());
      }
      if (conn.sessionSaveEnded()) {
        saveSession(conn);
      }
    });
  }

  /** A WARN for the first failure of a connection's store calls, DEBUG for the rest, so a flood does not flood the log. */
  private static void storeFailed(DeviceConnection conn, String what, Throwable cause) {
    if (conn.firstStoreFailure()) {
      LOG.warn("{} of {}: {} (further failures of this connection at DEBUG)", what, conn.deviceId(), cause.getMessage());
    } else {
      LOG.debug("{} of {}: {}", what, conn.deviceId(), cause.getMessage());
    }
  }

  /** MQTT 5 session expiry interval in seconds; 3.1.1 persistent sessions do not expire. */
  private static Long sessionExpiry(MqttEndpoint endpoint) {
    if (endpoint.protocolVersion() != ReasonCodes.MQTT_5) {
      return null;
    }
    MqttProperties.MqttProperty<?> p = endpoint.connectProperties()
        .getProperty(MqttPropertyType.SESSION_EXPIRY_INTERVAL.value());
    if (p == null) {
      return 0L;
    }
    long seconds = Integer.toUnsignedLong((Integer) p.value());
    return seconds == 0xFFFFFFFFL ? null : seconds;
  }

  private void deliverPending(DeviceConnection conn) {
    orders.pending(conn.deviceId()).onComplete(ar -> {
      if (ar.failed()) {
        storeFailed(conn, "cannot load pending orders", ar.cause());
        return;
      }
      if (conn.endpoint().isConnected()) {
        ar.result().forEach(conn::deliver);
      }
    });
  }

  private void deliverLive(JsonObject msg) {
    DeviceConnection conn = registry.get(msg.getString("deviceId"));
    if (conn == null || !conn.ownedBy(this)) {
      return;
    }
    Delivery order = new Delivery(msg.getString("deliveryId"), msg.getString("deviceId"), msg.getString("payload"));
    conn.context().runOnContext(v -> {
      if (conn.endpoint().isConnected() && conn.wantsOrders()) {
        conn.deliver(order);
      }
    });
  }

  /** Another node (or instance) accepted a newer connection of this device: close ours. */
  private void closeReplaced(JsonObject msg) {
    DeviceConnection conn = registry.get(msg.getString("deviceId"));
    if (conn != null && conn.ownedBy(this) && !conn.connectionId().equals(msg.getString("connectionId"))) {
      registry.unregister(conn);
      conn.context().runOnContext(v -> conn.closeReplaced());
    }
  }

  private void onClose(DeviceConnection conn) {
    boolean wasCurrent = registry.unregister(conn);
    if (!wasCurrent) {
      return; // replaced by a newer connection: presence stays online
    }
    if (conn.disconnectedCleanly()) {
      presence.offline(conn.deviceId());
      return;
    }
    var will = conn.endpoint().will();
    if (will != null && will.isWillFlag() && will.getWillTopic() != null) {
      try {
        messages.route(conn, will.getWillTopic(), will.getWillMessage());
      } catch (RuntimeException e) {
        LOG.debug("ignored will of {}: {}", conn.deviceId(), e.getMessage());
      }
    }
    presence.dropped(conn.deviceId());
  }

  @Override
  public Future<?> stop() {
    List<Future<?>> closing = new ArrayList<>();
    for (MqttServer s : new MqttServer[] {plainServer, tlsServer}) {
      if (s != null) {
        closing.add(s.close());
      }
    }
    closing.add(orderConsumer.unregister());
    closing.add(connectedConsumer.unregister());
    closing.add(closeConsumer.unregister());
    return Future.join(closing);
  }
}
