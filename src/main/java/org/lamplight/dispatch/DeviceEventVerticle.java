package org.lamplight.dispatch;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import org.lamplight.domain.Refusal;
import org.lamplight.domain.dispatch.DispatchEvent;
import org.lamplight.domain.dispatch.DispatchException;
import org.lamplight.domain.dispatch.IncidentType;
import org.lamplight.domain.dispatch.ReplyAction;
import org.lamplight.gateway.DeviceBus;
import org.lamplight.gateway.mqtt.DeviceEventDecoder;
import org.lamplight.store.IncidentRepository;
import org.lamplight.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the incident reports and order replies of this node's devices ({@link DeviceBus#EVENTS},
 * already validated by the gateway) and answers once dispatch has stored what they change, so a
 * device is acknowledged only for what is durable. A report opens its incident on this node; a
 * reply goes, through the node's {@link DispatchService}, to whichever node drives the incident
 * that gave the order, found in the database (so any node can route it).
 */
final class DeviceEventVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(DeviceEventVerticle.class);

  private final DispatchService dispatch;
  private final IncidentRepository incidents;
  private MessageConsumer<JsonObject> consumer;
  private final Turns byDevice = new Turns();

  DeviceEventVerticle(DispatchService dispatch, IncidentRepository incidents) {
    this.dispatch = dispatch;
    this.incidents = incidents;
  }

  @Override
  public Future<?> start() {
    consumer = vertx.eventBus().localConsumer(DeviceBus.EVENTS, this::onEvent);
    return consumer.completion();
  }

  @Override
  public Future<?> stop() {
    return consumer.unregister();
  }

  /**
   * One device's events are applied in the order it sent them (an accept before the enroute that
   * follows it, however soon), each once the one before is answered; devices do not wait for each other.
   */
  private void onEvent(Message<JsonObject> msg) {
    byDevice.next(msg.body().getString("deviceId"), () -> apply(msg));
  }

  private Future<?> apply(Message<JsonObject> msg) {
    String unitId = msg.body().getString("unitId");
    JsonObject event = msg.body().getJsonObject("message");
    boolean isReport = DeviceEventDecoder.isReport(event);
    Future<?> applied = isReport ? report(unitId, event) : reply(unitId, event);
    return applied.onSuccess(v -> msg.reply(null)).onFailure(e -> {
      String what = isReport ? "report" : "reply";
      if (e instanceof Refusal) {
        LOG.info("{} of {} refused: {}", what, unitId, e.getMessage());
      } else if (!(e instanceof StoreException || e instanceof ReplyException)) {
        LOG.error("{} of {} failed", what, unitId, e); // the gateway logs an outage
      }
      DeviceBus.fail(msg, e);
    });
  }

  /** The gateway names the incident; a report sent again names the same one, already stored. */
  private Future<?> report(String unitId, JsonObject event) {
    return dispatch.submit(new DispatchEvent.DeviceReport(event.getString("incidentId"), unitId,
            IncidentType.fromWire(event.getString("incident")), event.getInteger("severity"), event.getDouble("lat"),
            event.getDouble("lon"), event.getString("description", "")), null)
        .recover(e -> e instanceof DispatchException d && d.code() == DispatchException.Code.DUPLICATE_INCIDENT
            ? Future.succeededFuture() : Future.failedFuture(e));
  }

  private Future<?> reply(String unitId, JsonObject event) {
    String orderId = event.getString("orderId");
    return incidents.incidentOfOrder(orderId).compose(incidentId -> incidentId
        .<Future<?>>map(id -> dispatch.submit(new DispatchEvent.OrderReply(id, orderId, unitId,
            ReplyAction.fromWire(event.getString("action")), event.getString("reason")), null))
        .orElseGet(() -> Future.failedFuture(new DispatchException(DispatchException.Code.UNKNOWN_ORDER,
            "no open incident has order " + orderId))));
  }
}
