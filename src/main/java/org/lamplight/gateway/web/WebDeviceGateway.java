package org.lamplight.gateway.web;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.lamplight.auth.DeviceTokens;
import org.lamplight.auth.DeviceTokens.DeviceIdentity;
import org.lamplight.config.Config;
import org.lamplight.config.Keys;
import org.lamplight.domain.tracking.LiveUnits;
import org.lamplight.domain.tracking.OrderChannel;
import org.lamplight.domain.tracking.RejectReason;
import org.lamplight.domain.tracking.RejectedFixException;
import org.lamplight.domain.tracking.UnitView;
import org.lamplight.gateway.DeviceBus;
import org.lamplight.gateway.DeviceMessages;
import org.lamplight.gateway.Presence;
import org.lamplight.gateway.SessionRegistry;
import org.lamplight.gateway.TrackedDevices;
import org.lamplight.store.OrderRepository;
import org.lamplight.store.OrderRepository.Delivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The field app's transport: Lamplight's device protocol over a WebSocket on the HTTP port, so it
 * passes the same HTTPS and reverse proxy as the console. The console's router hands it the
 * upgrade request ({@link #upgrade}); the device token is checked before the upgrade, and the
 * device must still be the unit's it logged in as (the county may have changed since). From then
 * on the app is a device like an MQTT one: its publishes take the same path
 * ({@link DeviceMessages}), each acknowledged by id (a report, a reply or a ledger entry once stored); it is closed
 * when its secret is issued anew or revoked, or the device retired or handed to someone else
 * ({@link DeviceBus#CLOSE}, {@link SessionRegistry#closeWhere}); orders reach it with their delivery id and stay
 * pending until it says it received them, so they are sent again when it reconnects; its presence
 * and order channel are reported as an MQTT device's are, with the grace period on a drop.
 */
public final class WebDeviceGateway extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(WebDeviceGateway.class);
  /** Backstop for secret changes this node did not hear of ({@link DeviceBus#CLOSE} ends sessions at once). */
  private static final long CREDENTIAL_RECHECK_MS = 5 * 60_000;
  /** Room for the envelope around a payload of the MQTT size. */
  private static final int ENVELOPE_BYTES = 1024;

  private final Config config;
  private final DeviceTokens tokens;
  private final TrackedDevices tracked;
  private final SessionRegistry<WebDeviceConnection> registry;
  private final DeviceMessages messages;
  private final Presence presence;
  private final OrderRepository orders;
  private final LiveUnits units;
  private final FieldPhotos photos;
  private final String nodeId;
  private final AppMessageDecoder decoder;
  private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
  private final AtomicLong connections = new AtomicLong();

  public WebDeviceGateway(Config config, DeviceTokens tokens, TrackedDevices tracked,
                          SessionRegistry<WebDeviceConnection> registry, DeviceMessages messages, Presence presence, OrderRepository orders, LiveUnits units,
                          FieldPhotos photos, String nodeId) {
    this.config = config;
    this.tokens = tokens;
    this.tracked = tracked;
    this.registry = registry;
    this.messages = messages;
    this.presence = presence;
    this.orders = orders;
    this.units = units;
    this.photos = photos;
    this.nodeId = nodeId;
    this.decoder = new AppMessageDecoder(config.get(Keys.MQTT_MAX_PAYLOAD) + ENVELOPE_BYTES);
  }

  @Override
  public Future<?> start() {
    consumers.add(vertx.eventBus().consumer(DeviceBus.ORDERS, msg -> deliverLive(msg.body())));
    consumers.add(vertx.eventBus().consumer(DeviceBus.CONNECTED, msg -> closeReplaced(msg.body())));
    consumers.add(vertx.eventBus().consumer(DeviceBus.CLOSE, msg -> registry.close(msg.body().getString("deviceId"),
        this, msg.body().getString("reason"))));
    vertx.setPeriodic(CREDENTIAL_RECHECK_MS, id -> registry.forEach(this::recheck));
    vertx.setPeriodic(FieldPhotos.SWEEP_MS, id -> photos.deleteExpired(System.currentTimeMillis()));
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    List<Future<?>> closing = new ArrayList<>();
    consumers.forEach(c -> closing.add(c.unregister()));
    return Future.join(closing);
  }

  /**
   * {@code GET /device/ws?token=...} (or {@code Authorization: Bearer}): checks the device token,
   * then upgrades. Fails with {@link DeviceTokens.Refused} before any upgrade when the token does
   * not speak for a device of the county, or the device is no longer the unit's it logged in as.
   */
  public Future<Void> upgrade(HttpServerRequest request) {
    String token = request.getParam("token");
    String header = request.getHeader("Authorization");
    if ((token == null || token.isBlank()) && header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      token = header.substring(7).trim();
    }
    String presented = token;
    request.pause();
    return tokens.verify(presented)
        .compose(identity -> tracked.unitOf(identity.deviceId()).compose(unit -> identity.unitId().equals(unit)
            ? Future.succeededFuture(identity)
            : Future.failedFuture(new DeviceTokens.Refused(unit == null
                ? "device " + identity.deviceId() + " is not the county's"
                : "device " + identity.deviceId() + " was handed to someone else; log in again"))))
        .onComplete(ar -> request.resume())
        .compose(identity -> request.toWebSocket()
            .onSuccess(ws -> open(ws, identity, presented))
            // the handshake failed (the app went meanwhile); the server already answered it
            .onFailure(e -> LOG.debug("field app handshake of {} failed: {}", identity.deviceId(), e.toString()))
            .<Void>mapEmpty()
            .otherwiseEmpty());
  }

  private void open(ServerWebSocket ws, DeviceIdentity identity, String token) {
    String deviceId = identity.deviceId();
    WebDeviceConnection conn = new WebDeviceConnection(nodeId + "-web-" + connections.incrementAndGet(), deviceId, identity.unitId(),
        token, ws, vertx.getOrCreateContext(), this, config.get(Keys.FIELD_SOCKET_QUEUE));
    WebDeviceConnection previous = registry.register(conn);
    if (previous != null) {
      previous.context().runOnContext(v -> previous.end(WebDeviceConnection.CLOSE_REPLACED, "replaced by a newer connection"));
    }
    vertx.eventBus().publish(DeviceBus.CONNECTED, new JsonObject().put("deviceId", deviceId)
        .put("connectionId", conn.connectionId()).put("nodeId", nodeId));
    ws.textMessageHandler(text -> onMessage(conn, text));
    ws.binaryMessageHandler(data -> refuse(conn, null, RejectReason.UNSUPPORTED_MESSAGE, "send text frames of JSON"));
    ws.exceptionHandler(e -> LOG.debug("field app connection of {}: {}", deviceId, e.toString()));
    ws.closeHandler(v -> onClose(conn));
    presence.online(deviceId);
    presence.channel(deviceId, OrderChannel.ORDERS);
    conn.send(hello(identity));
    deliverPending(conn);
  }

  /** Who the app is logged in as and what the server knows of the unit, so it can start from there. */
  private JsonObject hello(DeviceIdentity identity) {
    JsonObject hello = new JsonObject().put("type", "hello").put("deviceId", identity.deviceId())
        .put("unitId", identity.unitId()).put("serverTime", System.currentTimeMillis())
        .put("dutyPhone", config.get(Keys.FIELD_DUTY_PHONE));
    units.unit(identity.unitId()).ifPresent((UnitView u) -> hello.put("name", u.person().name())
        .put("onDuty", u.onDuty()).put("dispatchState", u.dispatchState()).put("incidentId", u.incidentId()));
    return hello;
  }

  private void onMessage(WebDeviceConnection conn, String text) {
    AppMessage message;
    try {
      message = decoder.decode(Buffer.buffer(text));
    } catch (RefusedAppMessage e) {
      refuse(conn, e.id(), e.reason(), e.getMessage());
      return;
    }
    if (message instanceof AppMessage.Publish p) {
      publish(conn, p);
    } else if (message instanceof AppMessage.Received r) {
      received(conn, r);
    } else {
      conn.acknowledge(message.id());
    }
  }

  private void publish(WebDeviceConnection conn, AppMessage.Publish p) {
    try {
      messages.route(conn, p.topic(), p.payload()).onComplete(ar -> acknowledgeOnceStored(conn, p, ar.cause()));
    } catch (RejectedFixException e) {
      LOG.debug("refused message {} of {} on {}: {}", p.id(), conn.deviceId(), p.topic(), e.reason().code());
      conn.refuse(p.id(), e.reason(), e.getMessage());
    } catch (RuntimeException e) {
      // a bug must cost one message, not the connection
      LOG.error("unexpected failure handling message {} of {} on {}", p.id(), conn.deviceId(), p.topic(), e);
      refuse(conn, p.id(), RejectReason.UNSUPPORTED_MESSAGE, "internal error");
    }
  }

  /** A refusal {@link DeviceMessages#route} did not count: of the envelope, or after routing. */
  private void refuse(WebDeviceConnection conn, String id, RejectReason reason, String why) {
    messages.rejected(reason);
    conn.refuse(id, reason, why);
  }

  /**
   * A report, reply or ledger entry is acknowledged once stored; refused, it is refused for good; not
   * stored for want of the database, it is refused as unavailable and the app sends it again.
   */
  private void acknowledgeOnceStored(WebDeviceConnection conn, AppMessage.Publish p, Throwable failure) {
    if (failure == null) {
      conn.acknowledge(p.id());
    } else if (failure instanceof ReplyException reply && reply.failureCode() == DeviceBus.REFUSED) {
      DeviceBus.Refused refused = DeviceBus.Refused.of(reply);
      LOG.debug("refused message {} of {}: {}", p.id(), conn.deviceId(), refused.message());
      messages.rejected(RejectReason.INVALID_VALUE);
      conn.refuse(p.id(), refused);
    } else {
      LOG.warn("message {} of {} not stored: {}", p.id(), conn.deviceId(), failure.getMessage());
      conn.refuse(p.id(), RejectReason.UNAVAILABLE, "cannot store it now; send it again");
    }
  }

  /**
   * Like a PUBACK: the delivery is no longer pending once the store says so, and only then is it
   * acknowledged. Each costs a device-pool query, so it takes from the device's message bucket;
   * one over it stays pending and is delivered again on the next connection.
   */
  private void received(WebDeviceConnection conn, AppMessage.Received r) {
    if (!messages.withinMessageRate(conn, System.currentTimeMillis())) {
      conn.refuse(r.id(), RejectReason.RATE_LIMITED, DeviceMessages.RATE_LIMITED_WHY);
      return;
    }
    conn.received(r.deliveryId());
    orders.acknowledged(conn.deviceId(), r.deliveryId())
        .onSuccess(v -> conn.acknowledge(r.id()))
        .onFailure(e -> conn.refuse(r.id(), RejectReason.UNAVAILABLE, "cannot record it now; send it again"));
  }

  private void deliverPending(WebDeviceConnection conn) {
    orders.pending(conn.deviceId()).onComplete(ar -> {
      if (ar.failed()) {
        LOG.warn("cannot load pending orders of {}: {}", conn.deviceId(), ar.cause().getMessage());
      } else {
        ar.result().forEach(conn::deliver);
      }
    });
  }

  private void deliverLive(JsonObject msg) {
    WebDeviceConnection conn = registry.get(msg.getString("deviceId"));
    if (conn == null || !conn.ownedBy(this)) {
      return;
    }
    Delivery order = new Delivery(msg.getString("deliveryId"), msg.getString("deviceId"), msg.getString("payload"));
    conn.context().runOnContext(v -> conn.deliver(order));
  }

  /** Another node (or transport) accepted a newer connection of this device: close ours. */
  private void closeReplaced(JsonObject msg) {
    WebDeviceConnection conn = registry.get(msg.getString("deviceId"));
    if (conn != null && conn.ownedBy(this) && !conn.connectionId().equals(msg.getString("connectionId"))) {
      registry.unregister(conn);
      conn.context().runOnContext(v -> conn.end(WebDeviceConnection.CLOSE_REPLACED, "replaced by a newer connection"));
    }
  }

  /** Ends the connection when its token no longer speaks for the device (secret issued anew or revoked). */
  private void recheck(WebDeviceConnection conn) {
    if (conn == null || !conn.ownedBy(this)) {
      return;
    }
    tokens.verify(conn.token()).onComplete(ar -> {
      if (ar.failed() && ar.cause() instanceof DeviceTokens.Refused refused) {
        LOG.info("ending the field app session of {}: {}", conn.deviceId(), refused.getMessage());
        conn.context().runOnContext(v -> conn.end(WebDeviceConnection.CLOSE_CREDENTIALS, "log in again"));
      }
    });
  }

  private void onClose(WebDeviceConnection conn) {
    if (!registry.unregister(conn)) {
      return; // replaced by a newer connection: presence stays online
    }
    if (conn.closedByApp() || conn.endedForCredentials()) {
      presence.offline(conn.deviceId());
    } else {
      presence.dropped(conn.deviceId());
    }
  }
}
