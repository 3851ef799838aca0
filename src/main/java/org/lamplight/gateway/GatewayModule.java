package org.lamplight.gateway;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.lamplight.alert.Alerts;
import org.lamplight.auth.AuthModule;
import org.lamplight.config.Config;
import org.lamplight.config.Keys;
import org.lamplight.domain.org.CurrentCounty;
import org.lamplight.domain.tracking.DeviceRateLimiter;
import org.lamplight.gateway.mqtt.DeviceConnection;
import org.lamplight.gateway.mqtt.MqttGatewayVerticle;
import org.lamplight.gateway.osmand.OsmAndVerticle;
import org.lamplight.gateway.web.FieldPhotos;
import org.lamplight.gateway.web.WebDeviceConnection;
import org.lamplight.gateway.web.WebDeviceGateway;
import org.lamplight.platform.Deployer;
import org.lamplight.platform.Module;
import org.lamplight.platform.Platform;
import org.lamplight.platform.RetentionVerticle;
import org.lamplight.store.OrderRepository;
import org.lamplight.store.PhotoRepository;
import org.lamplight.tracking.TrackingModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device gateways: the MQTT endpoint (one verticle per event loop), the Traccar Client /
 * OsmAnd HTTP endpoint, the field app's WebSocket transport (mounted on the HTTP port by the
 * console), device presence, and the outbox through which orders reach devices (and the
 * deletion of orders long acknowledged or dropped).
 */
public final class GatewayModule implements Module {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayModule.class);
  /** Finished orders deleted per statement, so that a long backlog never holds many locks at once. */
  private static final int ORDER_DELETE_BATCH = 1_000;

  private final Platform platform;
  private final TrackingModule tracking;
  private final AuthModule auth;
  private final TrackedDevices tracked;
  private final SessionRegistry<DeviceConnection> sessions = new SessionRegistry<>();
  private final SessionRegistry<WebDeviceConnection> webSessions = new SessionRegistry<>();
  private final Presence presence;
  private final DeviceAlarms alarms;
  private final OrderRepository orders;
  private final OrderOutbox outbox;
  private final DeviceMessages messages;
  private final FieldPhotos photos;
  private final WebDeviceGateway web;
  private final List<MqttGatewayVerticle> mqtt = new ArrayList<>();
  private OsmAndVerticle osmand;

  /**
   * @param county a device retired or handed to someone else is disconnected when it changes
   * @param catchUp loads the stored county if it is newer than the one held (a device created a
   *     moment ago, perhaps through another node, connects)
   * @param connectedAnywhere given whether a device is connected to this node, whether it is
   *     connected to any node (a cluster knows the others)
   * @param alerts where devices' alarms go
   */
  public GatewayModule(Platform platform, TrackingModule tracking, AuthModule auth, CurrentCounty county,
                       Supplier<Future<Void>> catchUp, UnaryOperator<Predicate<String>> connectedAnywhere,
                       Alerts alerts) {
    Config config = platform.config();
    this.platform = platform;
    this.tracking = tracking;
    this.auth = auth;
    this.tracked = new TrackedDevices(tracking.pipeline(), catchUp);
    county.onChange(c -> {
      BiPredicate<String, String> notAnyMore = (device, unit) -> c.device(device)
          .filter(d -> d.personId().equals(unit)).isEmpty();
      String reason = "the device was retired or handed to someone else";
      sessions.closeWhere(notAnyMore, reason);
      webSessions.closeWhere(notAnyMore, reason);
    });
    platform.registry().gauge("lamplight.mqtt.connections", sessions, SessionRegistry::size);
    platform.registry().gauge("lamplight.field.connections", webSessions, SessionRegistry::size);
    this.presence = new Presence(platform.vertx(), tracking.units(), config.get(Keys.PRESENCE_GRACE),
        connectedAnywhere.apply(id -> sessions.isConnected(id) || webSessions.isConnected(id)));
    this.alarms = new DeviceAlarms(alerts, tracking.units());
    this.orders = new OrderRepository(platform.devicePool(), config.get(Keys.MQTT_ORDER_QUEUE));
    this.outbox = new OrderOutbox(orders, platform.vertx().eventBus());
    PhotoRepository photoStore = new PhotoRepository(platform.pool());
    this.messages = new DeviceMessages(tracking.pipeline(), presence, alarms, platform.vertx().eventBus(),
        photoStore::attachToIncident, new DeviceRateLimiter(config.get(Keys.INGEST_DEVICE_MESSAGE_RATE),
        config.get(Keys.INGEST_DEVICE_MESSAGE_BURST)), config.get(Keys.MQTT_MAX_PAYLOAD));
    this.photos = new FieldPhotos(photoStore, tracking.units(), config.get(Keys.FIELD_PHOTO_MAX),
        config.get(Keys.FIELD_PHOTOS_PER_DAY), config.get(Keys.FIELD_PHOTO_RETENTION));
    this.web = new WebDeviceGateway(config, auth.deviceTokens(), tracked, webSessions, messages, presence, orders,
        tracking.units(), photos, platform.nodeId());
  }

  @Override
  public Future<Void> deploy(Deployer deployer) {
    Config config = platform.config();
    // on the runtime pool: the devices' own is kept for what they wait on
    OrderRepository housekeeping = new OrderRepository(platform.pool(), config.get(Keys.MQTT_ORDER_QUEUE));
    int instances = config.get(Keys.MQTT_INSTANCES) > 0 ? config.get(Keys.MQTT_INSTANCES)
        : Runtime.getRuntime().availableProcessors();
    return deployer.deploy(() -> {
          MqttGatewayVerticle g = new MqttGatewayVerticle(config, auth.deviceAuthenticator(), auth.deviceThrottle(),
              tracked, sessions, tracking.pipeline(), messages, presence, orders, platform.nodeId(), platform.registry());
          mqtt.add(g);
          return g;
        }, instances)
        .onSuccess(v -> {
          platform.health().up("mqtt", new JsonObject().put("port", mqttPort()).put("instances", instances));
          LOG.info("MQTT device endpoint on port {}", mqttPort());
        })
        .compose(v -> deployer.deploy(() -> osmand = new OsmAndVerticle(config, auth.deviceAuthenticator(),
            auth.deviceThrottle(), tracked, tracking.pipeline(), presence, platform.registry()), 1))
        .onSuccess(v -> {
          platform.health().up("osmand", osmandTlsPort() < 0 ? new JsonObject().put("port", osmandPort())
              : new JsonObject().put("port", osmandPort()).put("tlsPort", osmandTlsPort()));
          LOG.info("Traccar Client / OsmAnd endpoint on port {}{}", osmandPort(),
              osmandTlsPort() < 0 ? "" : ", HTTPS on port " + osmandTlsPort());
        })
        .compose(v -> deployer.deploy(() -> web, 1))
        .compose(v -> deployer.deploy(() -> new RetentionVerticle("finished order(s)", config.get(Keys.ORDERS_RETENTION),
            before -> housekeeping.deleteFinished(before, ORDER_DELETE_BATCH)), 1));
  }

  public int mqttPort() {
    return mqtt.get(0).actualPort();
  }

  /** -1 when no TLS certificate is configured. */
  public int mqttTlsPort() {
    return mqtt.get(0).actualTlsPort();
  }

  public int osmandPort() {
    return osmand.actualPort();
  }

  /** -1 when no certificate is configured. */
  public int osmandTlsPort() {
    return osmand.actualTlsPort();
  }

  public Presence presence() {
    return presence;
  }

  /** How a device transport raises its devices' alarms. */
  public DeviceAlarms alarms() {
    return alarms;
  }

  public OrderOutbox outbox() {
    return outbox;
  }

  /** The field app's WebSocket transport, which the HTTP port hands its upgrade requests. */
  public WebDeviceGateway web() {
    return web;
  }

  /** The field app's photos. */
  public FieldPhotos photos() {
    return photos;
  }
}
