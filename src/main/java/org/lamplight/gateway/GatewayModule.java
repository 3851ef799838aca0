package org.lamplight.gateway;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.lamplight.auth.AuthModule;
import org.lamplight.config.Config;
import org.lamplight.config.Keys;
import org.lamplight.gateway.mqtt.DeviceConnection;
import org.lamplight.gateway.mqtt.MqttGatewayVerticle;
import org.lamplight.gateway.osmand.OsmAndVerticle;
import org.lamplight.gateway.web.FieldPhotos;
import org.lamplight.gateway.web.WebDeviceConnection;
import org.lamplight.gateway.web.WebDeviceGateway;
import org.lamplight.platform.Deployer;
import org.lamplight.platform.Module;
import org.lamplight.platform.Platform;
import org.lamplight.store.OrderRepository;
import org.lamplight.store.PhotoRepository;
import org.lamplight.tracking.TrackingModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device gateways: the MQTT endpoint (one verticle per event loop), the Traccar Client /
 * OsmAnd HTTP endpoint, the field app's WebSocket transport (mounted on the HTTP port by the
 * console), device presence, and the outbox through which orders reach devices.
 */
public final class GatewayModule implements Module {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayModule.class);

  private final Platform platform;
  private final TrackingModule tracking;
  private final AuthModule auth;
  private final SessionRegistry<DeviceConnection> sessions = new SessionRegistry<>();
  private final SessionRegistry<WebDeviceConnection> webSessions = new SessionRegistry<>();
  private final Presence presence;
  private final OrderRepository orders;
  private final OrderOutbox outbox;
  private final DeviceMessages messages;
  private final FieldPhotos photos;
  private final WebDeviceGateway web;
  private final List<MqttGatewayVerticle> mqtt = new ArrayList<>();
  private OsmAndVerticle osmand;

  /**
   * @param connectedAnywhere given whether a device is connected to this node, whether it is
   *     connected to any node (a cluster knows the others)
   */
  public GatewayModule(Platform platform, TrackingModule tracking, AuthModule auth,
                       UnaryOperator<Predicate<String>> connectedAnywhere) {
    Config config = platform.config();
    this.platform = platform;
    this.tracking = tracking;
    this.auth = auth;
    platform.registry().gauge("lamplight.mqtt.connections", sessions, SessionRegistry::size);
    platform.registry().gauge("lamplight.field.connections", webSessions, SessionRegistry::size);
    this.presence = new Presence(platform.vertx(), tracking.units(), config.get(Keys.PRESENCE_GRACE),
        connectedAnywhere.apply(id -> sessions.isConnected(id) || webSessions.isConnected(id)));
    this.orders = new OrderRepository(platform.pool(), config.get(Keys.MQTT_ORDER_QUEUE));
    this.outbox = new OrderOutbox(orders, platform.vertx().eventBus());
    PhotoRepository photoStore = new PhotoRepository(platform.pool());
    this.messages = new DeviceMessages(tracking.pipeline(), presence, platform.vertx().eventBus(),
        photoStore::attachToIncident, config.get(Keys.MQTT_MAX_PAYLOAD));
    this.photos = new FieldPhotos(photoStore, tracking.units(), config.get(Keys.FIELD_PHOTO_MAX),
        config.get(Keys.FIELD_PHOTOS_PER_DAY), config.get(Keys.FIELD_PHOTO_RETENTION));
    this.web = new WebDeviceGateway(config, auth.deviceTokens(), webSessions, messages, presence, orders,
        tracking.units(), photos, platform.nodeId());
  }

  @Override
  public Future<Void> deploy(Deployer deployer) {
    Config config = platform.config();
    int instances = config.get(Keys.MQTT_INSTANCES) > 0 ? config.get(Keys.MQTT_INSTANCES)
        : Runtime.getRuntime().availableProcessors();
    return deployer.deploy(() -> {
          MqttGatewayVerticle g = new MqttGatewayVerticle(config, auth.deviceAuthenticator(), sessions,
              tracking.pipeline(), messages, presence, orders, platform.nodeId(), platform.registry());
          mqtt.add(g);
          return g;
        }, instances)
        .onSuccess(v -> {
          platform.health().up("mqtt", new JsonObject().put("port", mqttPort()).put("instances", instances));
          LOG.info("MQTT device endpoint on port {}", mqttPort());
        })
        .compose(v -> deployer.deploy(() -> osmand = new OsmAndVerticle(config, auth.deviceAuthenticator(),
            tracking.pipeline(), presence, platform.registry()), 1))
        .onSuccess(v -> {
          platform.health().up("osmand", new JsonObject().put("port", osmandPort()));
          LOG.info("Traccar Client / OsmAnd endpoint on port {}", osmandPort());
        })
        .compose(v -> deployer.deploy(() -> web, 1));
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

  public Presence presence() {
    return presence;
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
