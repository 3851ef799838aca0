package org.lamplight.patrol;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.lamplight.alert.Alerts;
import org.lamplight.domain.ledger.LedgerKind;
import org.lamplight.gateway.DeviceBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger's I/O: takes the entries this node's devices send (answering the gateway once each
 * is stored, so the device is acknowledged only then) and now and then raises the alerts of
 * hazards past their rectification deadline.
 */
final class LedgerVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(LedgerVerticle.class);

  private final Alerts alerts;
  private final LedgerService ledger;
  private final long checkMs;
  private MessageConsumer<JsonObject> entries;
  private boolean checking;

  LedgerVerticle(LedgerService ledger, Alerts alerts, long checkMs) {
    this.alerts = alerts;
    this.ledger = ledger;
    this.checkMs = checkMs;
  }

  @Override
  public Future<?> start() {
    vertx.setPeriodic(checkMs, id -> checkOverdue());
    entries = vertx.eventBus().localConsumer(DeviceBus.LEDGER, this::onEntry);
    return entries.completion();
  }

  @Override
  public Future<?> stop() {
    return entries.unregister();
  }

  private void onEntry(Message<JsonObject> msg) {
    String unitId = msg.body().getString("unitId");
    JsonObject e = msg.body().getJsonObject("message");
    long now = System.currentTimeMillis();
    NewLedgerEntry entry = new NewLedgerEntry(LedgerKind.fromWire(e.getString("kind")), unitId, e.getString("village"),
        e.getDouble("lat", Double.NaN), e.getDouble("lon", Double.NaN), e.getLong("ts", now), e.getInteger("count", 1),
        e.getString("note", ""), "device", e.getString("clientId"), e.getString("photoId"), unitId);
    ledger.record(entry, now, station -> true)
        .onSuccess(stored -> msg.reply(new JsonObject().put("id", stored.entry().id()).put("duplicate", stored.duplicate())))
        .onFailure(err -> DeviceBus.fail(msg, err));
  }

  private void checkOverdue() {
    if (checking) {
      return;
    }
    checking = true;
    ledger.overdueAlerts(System.currentTimeMillis())
        .onSuccess(due -> due.forEach(a -> alerts.raise(a)
            .onFailure(e -> LOG.warn("an overdue hazard alert not raised: {}", e.getMessage()))))
        .onFailure(e -> LOG.warn("overdue hazards not checked: {}", e.getMessage()))
        .onComplete(ar -> checking = false);
  }
}
