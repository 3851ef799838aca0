package org.lamplight.gateway.mqtt;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttEndpoint;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lamplight.domain.tracking.OrderChannel;
import org.lamplight.gateway.DeviceSession;
import org.lamplight.store.OrderRepository.Delivery;

/**
 * One device's MQTT connection: its subscriptions and the orders in flight (sent, not yet
 * PUBACKed). Touched only on the connection's own event loop ({@link #context()}).
 */
public final class DeviceConnection implements DeviceSession {

  /**
   * The most filters one connection holds: OwnTracks needs one cmd filter and Lamplight its orders
   * topic, so this leaves room for a renamed phone while keeping the stored session small.
   */
  private static final int MAX_SUBSCRIPTIONS = 8;

  private static final String OWNTRACKS_REPORT_LOCATION = new JsonObject().put("_type", "cmd")
      .put("action", "reportLocation").encode();

  private final String connectionId;
  private final String deviceId;
  private final String unitId;
  private final MqttEndpoint endpoint;
  private final Context context;
  private final Object owner;
  private final Set<String> subscriptions = new LinkedHashSet<>();
  private final Map<Integer, String> inFlight = new HashMap<>();
  private final Set<String> sent = new HashSet<>();
  private String ownTracksDevice;
  private boolean disconnected;
  /** At most one save of the session in flight; a change meanwhile is saved once it ends. */
  private boolean sessionSaving;
  private boolean sessionChangedWhileSaving;
  /** A failing store is logged once per connection, not once per message of a flood. */
  private boolean storeFailureLogged;
  /** The topic of the last publish, parsed: a device sends to the same one, fix after fix. */
  private String lastTopicName;
  private DeviceTopic lastTopic;

  DeviceConnection(String connectionId, String deviceId, String unitId, MqttEndpoint endpoint, Context context, Object owner) {
    this.connectionId = connectionId;
    this.deviceId = deviceId;
    this.unitId = unitId;
    this.endpoint = endpoint;
    this.context = context;
    this.owner = owner;
  }

  String connectionId() {
    return connectionId;
  }

  @Override
  public String deviceId() {
    return deviceId;
  }

  @Override
  public String unitId() {
    return unitId;
  }

  @Override
  public DeviceTopic topic(String name) {
    if (!name.equals(lastTopicName)) {
      lastTopic = DeviceTopic.parse(name);
      lastTopicName = name;
    }
    return lastTopic;
  }

  /** MQTT carries every device topic, Lamplight's and OwnTracks'. */
  @Override
  public boolean carries(DeviceTopic.Kind kind) {
    return true;
  }

  MqttEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public Context context() {
    return context;
  }

  /** A newer connection of the same device won: MQTT 5 clients are told why (0x8E). */
  void closeReplaced() {
    if (endpoint.protocolVersion() == ReasonCodes.MQTT_5 && endpoint.isConnected()) {
      endpoint.disconnect(MqttDisconnectReasonCode.SESSION_TAKEN_OVER, new MqttProperties());
    }
    endpoint.close();
  }

  /**
   * The device may no longer connect as it did (its secret was revoked or replaced, it was retired
   * or handed to someone else): MQTT 5 clients are told (0x87); it goes offline at once.
   */
  @Override
  public void closeRefused(String reason) {
    disconnected = true;
    if (endpoint.protocolVersion() == ReasonCodes.MQTT_5 && endpoint.isConnected()) {
      MqttProperties props = new MqttProperties();
      props.add(new MqttProperties.StringProperty(MqttProperties.MqttPropertyType.REASON_STRING.value(), reason));
      endpoint.disconnect(MqttDisconnectReasonCode.NOT_AUTHORIZED, props);
    }
    endpoint.close();
  }

  @Override
  public boolean ownedBy(Object verticle) {
    return owner == verticle;
  }

  boolean persistent() {
    return !endpoint.isCleanSession();
  }

  void markDisconnected() {
    disconnected = true;
  }

  boolean disconnectedCleanly() {
    return disconnected;
  }

  /** Holds the filter unless that would exceed {@link #MAX_SUBSCRIPTIONS}; true when it is held. */
  boolean subscribed(String filter) {
    if (subscriptions.size() >= MAX_SUBSCRIPTIONS && !subscriptions.contains(filter)) {
      return false;
    }
    subscriptions.add(filter);
    return true;
  }

  void unsubscribed(String filter) {
    subscriptions.remove(filter);
  }

  /** True when the caller saves the session now; false when a save is in flight, which then saves it again. */
  boolean sessionSaveStarts() {
    if (sessionSaving) {
      sessionChangedWhileSaving = true;
      return false;
    }
    sessionSaving = true;
    return true;
  }

  /** The save in flight ended; true when the subscriptions changed meanwhile and must be saved again. */
  boolean sessionSaveEnded() {
    sessionSaving = false;
    boolean again = sessionChangedWhileSaving;
    sessionChangedWhileSaving = false;
    return again;
  }

  /** True the first time a store call of this connection fails: that one is worth a WARN, the rest are not. */
  boolean firstStoreFailure() {
    boolean first = !storeFailureLogged;
    storeFailureLogged = true;
    return first;
  }

  List<String> subscriptions() {
    return List.copyOf(subscriptions);
  }

  /** A session stored before the cap may hold more: the first filters are kept. */
  void restoreSubscriptions(List<String> filters) {
    filters.forEach(this::subscribed);
  }

  /** The OwnTracks device name seen in its topics, needed to address its cmd topic. */
  @Override
  public void ownTracksDevice(String name) {
    ownTracksDevice = name;
  }

  /** What the connection can be told: its subscriptions show whether it reads orders (OwnTracks only locate requests). */
  OrderChannel channel() {
    if (subscriptions.contains(DeviceTopic.ordersTopic(deviceId))) {
      return OrderChannel.ORDERS;
    }
    return ownTracksCmdFilter() != null ? OrderChannel.LOCATE : OrderChannel.NONE;
  }

  boolean wantsOrders() {
    return subscriptions.contains(DeviceTopic.ordersTopic(deviceId)) || ownTracksCmdFilter() != null;
  }

  /**
   * Publishes an order at QoS 1 unless this connection already sent it. Lamplight devices get
   * the order itself; an OwnTracks phone understands only {@code reportLocation}, which is what
   * a {@code locate} order becomes; other orders are not for OwnTracks and stay pending.
   */
  void deliver(Delivery order) {
    if (sent.contains(order.deliveryId())) {
      return;
    }
    String topic;
    Buffer payload;
    String ordersTopic = DeviceTopic.ordersTopic(deviceId);
    if (subscriptions.contains(ordersTopic)) {
      topic = ordersTopic;
      payload = Buffer.buffer(order.payload());
    } else if (ownTracksCmdFilter() != null && ownTracksDevice != null && isLocate(order.payload())) {
      topic = DeviceTopic.ownTracksCmdTopic(deviceId, ownTracksDevice);
      payload = Buffer.buffer(OWNTRACKS_REPORT_LOCATION);
    } else {
      return;
    }
    sent.add(order.deliveryId());
    endpoint.publish(topic, payload, MqttQoS.AT_LEAST_ONCE, false, false)
        .onSuccess(packetId -> inFlight.put(packetId, order.deliveryId()))
        // still pending in the store: the next connection of the device gets it again
        .onFailure(e -> sent.remove(order.deliveryId()));
  }

  /** The delivery a PUBACK acknowledges, or null for an unknown packet id. */
  String acknowledged(int packetId) {
    String deliveryId = inFlight.remove(packetId);
    // acknowledged deliveries are no longer pending in the store, so none comes back: forget it
    sent.remove(deliveryId);
    return deliveryId;
  }

  private String ownTracksCmdFilter() {
    for (String s : subscriptions) {
      if (s.startsWith("owntracks/") && s.endsWith("/cmd")) {
        return s;
      }
    }
    return null;
  }

  private static boolean isLocate(String payload) {
    try {
      return "locate".equals(new JsonObject(payload).getString("action"));
    } catch (RuntimeException e) {
      return false;
    }
  }
}
