package org.lamplight.dispatch;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.lamplight.alert.Alerts;
import org.lamplight.domain.alert.AlertLevel;
import org.lamplight.domain.alert.NewAlert;
import org.lamplight.domain.dispatch.AlertKind;
import org.lamplight.domain.dispatch.AssignmentStatus;
import org.lamplight.domain.dispatch.Caller;
import org.lamplight.domain.dispatch.Decision;
import org.lamplight.domain.dispatch.DispatchEngine;
import org.lamplight.domain.dispatch.DispatchEvent;
import org.lamplight.domain.dispatch.DispatchException;
import org.lamplight.domain.dispatch.Effect;
import org.lamplight.domain.dispatch.Incident;
import org.lamplight.domain.dispatch.IncidentEvent;
import org.lamplight.domain.dispatch.MassDisconnect;
import org.lamplight.domain.dispatch.NotifyTarget;
import org.lamplight.domain.dispatch.Order;
import org.lamplight.domain.dispatch.OrderAction;
import org.lamplight.domain.dispatch.Recovery;
import org.lamplight.domain.dispatch.UnitClaims;
import org.lamplight.domain.tracking.LiveUnits;
import org.lamplight.domain.tracking.OrderChannel;
import org.lamplight.domain.tracking.UnitView;
import org.lamplight.gateway.DeviceBus;
import org.lamplight.gateway.OrderOutbox;
import org.lamplight.store.IncidentRepository;
import org.lamplight.store.IncidentRepository.AuditEntry;
import org.lamplight.store.IncidentJson;
import org.lamplight.store.OrderRepository.Delivery;
import org.lamplight.store.IncidentRepository.Outcome;
import org.lamplight.store.StoreException;
import org.lamplight.store.UnconfirmedWrite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the dispatch state machine: one event at a time per incident, every decision made
 * durable before anything is acknowledged or sent, then orders, timers, claims and console
 * updates carried out. On start it resumes every unfinished incident from PostgreSQL (in a
 * cluster: those without a live owner, see {@link IncidentOwnership}).
 */
public final class DispatchVerticle extends VerticleBase implements IncidentDriver {

  private static final Logger LOG = LoggerFactory.getLogger(DispatchVerticle.class);
  /** How long a unit asked for a fresh fix gets before candidates are ranked again. */
  private static final long FIX_WAIT_MS = 10_000;
  /** How often incidents short of units at their last level look for candidates again. */
  private static final long SHORT_RETRY_MS = 30_000;
  /** How often decisions whose write had no answer are looked up again, until the database answers. */
  private static final long UNSURE_RETRY_MS = 1_000;

  private final DispatchEngine engine;
  private final UnitClaims claims;
  private final LiveUnitDirectory directory;
  private final LiveUnits units;
  private final IncidentRepository incidents;
  private final OrderOutbox outbox;
  private final IncidentOwnership ownership;
  private final Alerts alerts;
  private final MassDisconnect massDisconnect;
  private final long disconnectWindowMs;
  private final Map<String, Incident> unfinished = new ConcurrentHashMap<>();
  /** Offer timers by order id, escalation deadlines and reminders by {@link #escalationTimer}, {@link #reminderTimer}. */
  private final Map<String, Long> timers = new HashMap<>();
  private final Turns turns = new Turns();
  /** Decisions whose write got no answer, by incident: they may or may not have been stored. */
  private final Map<String, Unsure> unsure = new HashMap<>();
  private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
  private Context home;

  public DispatchVerticle(DispatchEngine engine, UnitClaims claims, LiveUnitDirectory directory, LiveUnits units,
                          IncidentRepository incidents, OrderOutbox outbox, IncidentOwnership ownership, Alerts alerts,
                          MassDisconnect massDisconnect, long disconnectWindowMs) {
    this.engine = engine;
    this.claims = claims;
    this.directory = directory;
    this.units = units;
    this.incidents = incidents;
    this.outbox = outbox;
    this.ownership = ownership;
    this.alerts = alerts;
    this.massDisconnect = massDisconnect;
    this.disconnectWindowMs = disconnectWindowMs;
  }

  @Override
  public Future<?> start() {
    home = context;
    consumers.add(vertx.eventBus().consumer(DeviceBus.PRESENCE, m -> onPresence(m.body())));
    vertx.setPeriodic(SHORT_RETRY_MS, id -> retryShortIncidents());
    vertx.setPeriodic(UNSURE_RETRY_MS, id -> unsure.keySet().stream().filter(incidentId -> !turns.busy(incidentId))
        .toList().forEach(incidentId -> inTurn(incidentId, () -> settle(incidentId))));
    return resumeStored();
  }

  @Override
  public Future<?> stop() {
    consumers.forEach(MessageConsumer::unregister);
    return turns.done();
  }

  /** Rebuilds incidents, claims and timers from the database; overdue offers expire at once. */
  private Future<Void> resumeStored() {
    return incidents.unfinished().compose(states -> {
      List<Future<Integer>> resumed = states.stream()
          .map(i -> inTurn(i.id(), () -> Future.succeededFuture(ownership.adopt(i.id()) ? resume(i) : -1)))
          .toList();
      return Future.all(resumed).map(all -> {
        List<Integer> offers = resumed.stream().map(Future::result).filter(n -> n >= 0).toList();
        if (!offers.isEmpty()) {
          LOG.info("resumed {} unfinished incident(s), {} pending offer(s)", offers.size(),
              offers.stream().mapToInt(Integer::intValue).sum());
        }
        return null;
      });
    });
  }

  @Override
  public Future<Boolean> adopt(String incidentId) {
    return inTurn(incidentId, () -> {
      if (drives(incidentId)) {
        return Future.succeededFuture(true);
      }
      if (!ownership.adopt(incidentId)) {
        return Future.succeededFuture(false);
      }
      return incidents.find(incidentId).map(found -> {
        Incident stored = found.filter(i -> !i.isFinished()).orElse(null);
        if (stored == null) {
          ownership.closed(incidentId);
          return false;
        }
        LOG.info("adopted incident {} ({} pending offer(s))", incidentId, resume(stored));
        return true;
      });
    });
  }

  @Override
  public boolean drives(String incidentId) {
    return unfinished.containsKey(incidentId);
  }

  /** Re-establishes a stored incident's claims, timers and unit states; returns its pending offers. */
  private int resume(Incident incident) {
    remember(incident);
    Recovery recovery = Recovery.of(List.of(incident), System.currentTimeMillis());
    recovery.claims().forEach(h -> claims.tryClaim(h.unitId(), h.incidentId()));
    Set<String> held = recovery.claims().stream().map(Recovery.HeldUnit::unitId).collect(Collectors.toSet());
    claims.retain(incident.id(), held);
    recovery.timers().forEach(this::arm);
    recovery.due().forEach(this::armNow);
    UnitStates.show(units, incident);
    return (int) incident.assignments().stream().filter(a -> a.status() == AssignmentStatus.OFFERED).count();
  }

  @Override
  public Collection<Incident> unfinished() {
    return List.copyOf(unfinished.values());
  }

  @Override
  public String stationOf(Incident incident) {
    return directory.stationAt(incident.lat(), incident.lon()).orElse(null);
  }

  @Override
  public Future<Incident> submit(DispatchEvent event, AuditEntry audit) {
    return inTurn(event.incidentId(), () -> process(event, audit));
  }

  /** Runs {@code step} on the verticle's context once the incident's earlier steps are done. */
  private <T> Future<T> inTurn(String incidentId, Supplier<Future<T>> step) {
    Promise<T> result = Promise.promise();
    home.runOnContext(v -> turns.next(incidentId, step).onComplete(result));
    return result.future();
  }

  /** Finished incidents are not held in memory; a command about one is judged against its stored state. */
  private Future<Incident> process(DispatchEvent event, AuditEntry audit) {
    String id = event.incidentId();
    if (unsure.containsKey(id)) {
      return settle(id).compose(v -> process(event, audit));
    }
    Incident current = unfinished.get(id);
    boolean opening = current == null
        && (event instanceof DispatchEvent.Create || event instanceof DispatchEvent.DeviceReport);
    if (current != null || opening) {
      if (opening && !ownership.opened(id)) {
        // a report sent again to this node about an incident another node drives
        return Future.failedFuture(new DispatchException(DispatchException.Code.DUPLICATE_INCIDENT,
            "incident " + id + " already exists"));
      }
      return decide(current, opening, event, audit);
    }
    return incidents.find(id).compose(found -> {
      Incident stored = found.orElse(null);
      if (stored != null && !stored.isFinished()) {
        // only in a cluster: another node drove it until it died
        if (!ownership.adopt(id)) {
          return Future.failedFuture(new IllegalStateException("incident " + id + " is driven by another node"));
        }
        resume(stored);
      }
      return decide(stored, false, event, audit);
    });
  }

  private Future<Incident> decide(Incident current, boolean opening, DispatchEvent event, AuditEntry audit) {
    String id = event.incidentId();
    Decision decision;
    try {
      decision = engine.apply(current, event, System.currentTimeMillis());
    } catch (DispatchException e) {
      if (opening) {
        ownership.closed(id);
      }
      return Future.failedFuture(e);
    }
    if (decision.events().isEmpty()) {
      return Future.succeededFuture(current);
    }
    // the orders commit with the decision; they go out only once both are durable
    List<Delivery> orders = new ArrayList<>();
    return incidents.save(decision.next(), decision.events(), audit, (conn, stored) -> {
          decision.actions().forEach(a -> ordersOf(stored, a, orders));
          return outbox.store(conn, orders);
        })
        .onFailure(e -> {
          if (e instanceof UnconfirmedWrite unconfirmed) {
            unsure.put(id, new Unsure(unconfirmed.transactionId(), decision, orders, opening));
            LOG.warn("incident {}: the database did not confirm the change ({}); it is asked again before"
                + " anything else happens to the incident", id, e.getMessage());
          } else {
            discard(decision, opening);
            LOG.warn("incident {} not changed, the database refused: {}", id, e.getMessage());
          }
        })
        .map(stored -> carryOut(stored, decision, orders));
  }

  /**
   * A write whose transaction began but got no answer (the deadline passed, the connection
   * dropped) may have committed: its COMMIT can be in flight when the answer is given up.
   * Carrying the decision out could send offers for an incident that was never stored; discarding
   * it could free units the stored incident holds and leave a stored incident undriven. So neither
   * is done: its claims are kept, nothing is sent, and before the incident's next event (and every
   * second, for an incident that gets none) PostgreSQL is asked what became of the transaction.
   * Committed, the decision is carried out late; rolled back, it is discarded as a refused write
   * is; still under way, the next event waits (and is answered 503 meanwhile). A write that got no
   * answer before its transaction began committed nothing ({@link org.lamplight.store.DeadlinePool}
   * keeps it from committing later), and is discarded at once.
   */
  private record Unsure(long transactionId, Decision decision, List<Delivery> orders, boolean opening) {
  }

  private Future<Void> settle(String incidentId) {
    Unsure pending = unsure.get(incidentId);
    if (pending == null) {
      return Future.succeededFuture();
    }
    return incidents.outcome(pending.transactionId()).compose(outcome -> {
      if (outcome == Outcome.IN_PROGRESS) {
        return Future.failedFuture(new StoreException(StoreException.Kind.UNAVAILABLE,
            "the last change of incident " + incidentId + " is not confirmed yet", null));
      }
      if (outcome == Outcome.COMMITTED) {
        // read back: the stored incident carries the number its transaction took
        return incidents.find(incidentId).map(found -> {
          unsure.remove(incidentId);
          LOG.info("incident {}: the unconfirmed change was stored; carrying it out", incidentId);
          carryOut(found.orElse(pending.decision().next()), pending.decision(), pending.orders());
          return null;
        });
      }
      unsure.remove(incidentId);
      LOG.info("incident {}: the unconfirmed change was not stored; discarded", incidentId);
      discard(pending.decision(), pending.opening());
      return Future.succeededFuture();
    });
  }

  /**
   * After the decision is stored as {@code next} (its incident with the number it took): remember
   * it, send its orders, carry out its actions, tell the consoles.
   */
  private Incident carryOut(Incident next, Decision decision, List<Delivery> orders) {
    remember(next);
    outbox.deliver(orders);
    decision.actions().forEach(a -> carryOut(next, a));
    UnitStates.show(units, next);
    publish(next, decision.events());
    return next;
  }

  /** Nothing was stored: the units this decision claimed are free again, nothing is sent. */
  private void discard(Decision decision, boolean opening) {
    decision.claimedUnits().forEach(u -> claims.release(u, decision.next().id()));
    if (opening) {
      ownership.closed(decision.next().id());
    }
  }

  private void remember(Incident incident) {
    if (incident.isFinished()) {
      if (unfinished.remove(incident.id()) != null) {
        ownership.closed(incident.id());
      }
      cancelTimer(escalationTimer(incident.id()));
      cancelTimer(reminderTimer(incident.id()));
    } else {
      unfinished.put(incident.id(), incident);
    }
  }

  /** The orders an effect sends: stored in the decision's transaction, delivered after it commits. */
  private void ordersOf(Incident incident, Effect effect, List<Delivery> out) {
    if (effect instanceof Effect.SendOrder send) {
      Order order = send.order().numbered(incident.number());
      // the device that can answer now, which need not be the one that was offered the job
      String deviceId = units.unit(send.unitId()).map(UnitView::deviceId).orElse(send.deviceId());
      if (deviceId == null) {
        return;
      }
      out.add(OrderOutbox.delivery(deviceId, order.orderId() + ":" + order.action().wire() + ":" + incident.seq(),
          order));
    } else if (effect instanceof Effect.RequestFix fix) {
      String orderId = "locate-" + UUID.randomUUID();
      out.add(OrderOutbox.delivery(fix.deviceId(), orderId, about(incident, orderId, OrderAction.LOCATE)));
    } else if (effect instanceof Effect.Notify notify && notify.party().target() == NotifyTarget.OFFICER) {
      // the covering community officer is told on their device
      units.unit(notify.party().id()).filter(officer -> officer.deviceId() != null).ifPresent(officer -> {
        String orderId = "notify-" + incident.id() + "-" + incident.seq();
        out.add(OrderOutbox.delivery(officer.deviceId(), orderId, about(incident, orderId, OrderAction.UPDATE)));
      });
    }
  }

  /** An order outside any assignment: a request for a fresh fix, or news for the covering officer. */
  private static Order about(Incident incident, String orderId, OrderAction action) {
    return new Order(orderId, incident.id(), incident.number(), action, incident.type(), incident.severity(), incident.lat(), incident.lon(),
        incident.description(), 0, null, Caller.NONE);
  }

  /** Every effect but the orders, which {@link #ordersOf} prepared. */
  private void carryOut(Incident incident, Effect effect) {
    if (effect instanceof Effect.ArmTimer || effect instanceof Effect.ArmEscalation || effect instanceof Effect.ArmReminder) {
      arm(effect);
    } else if (effect instanceof Effect.CancelTimer cancel) {
      cancelTimer(cancel.orderId());
    } else if (effect instanceof Effect.RequestFix fix) {
      vertx.setTimer(FIX_WAIT_MS, t -> submit(new DispatchEvent.Retry(fix.incidentId()), null));
    } else if (effect instanceof Effect.ReleaseClaim release) {
      claims.release(release.unitId(), release.incidentId());
    } else if (effect instanceof Effect.Alert alert) {
      raise(incident, alert);
    }
  }

  /**
   * An alert about the incident, for the dispatchers of its station (else of the unit's): its
   * number and the unit's name go with it, for API clients that have neither.
   */
  private void raise(Incident incident, Effect.Alert alert) {
    Map<String, Object> params = new LinkedHashMap<>(alert.params());
    params.put("incidentNumber", incident.number());
    Optional<UnitView> unit = alert.unitId() == null ? Optional.empty() : units.unit(alert.unitId());
    unit.ifPresent(u -> params.put("unitName", u.person().name()));
    if (alert.kind() == AlertKind.PHONE_TASK) {
      unit.ifPresent(u -> params.put("phone", u.person().phone()));
    }
    String stationId = Optional.ofNullable(stationOf(incident))
        .or(() -> unit.map(u -> u.person().stationId())).orElse(null);
    alerts.raise(new NewAlert(alert.level(), alert.kind().wire(), alert.code().wire(), params,
        "Incident " + incident.number() + ": " + alert.message(), stationId, incident.id(), alert.unitId(), null, null));
  }

  /** An offer's timer (keyed by its order), or the incident's escalation deadline or reminder (one each). */
  private void arm(Effect timer) {
    if (timer instanceof Effect.ArmTimer offer) {
      arm(offer.orderId(), offer.atMs(), new DispatchEvent.OfferExpired(offer.incidentId(), offer.orderId()));
    } else if (timer instanceof Effect.ArmEscalation escalation) {
      arm(escalationTimer(escalation.incidentId()), escalation.atMs(),
          new DispatchEvent.EscalationDue(escalation.incidentId(), escalation.level()));
    } else if (timer instanceof Effect.ArmReminder reminder) {
      arm(reminderTimer(reminder.incidentId()), reminder.atMs(), new DispatchEvent.ReminderDue(reminder.incidentId()));
    }
  }

  private void arm(String key, long atMs, DispatchEvent due) {
    cancelTimer(key);
    long delay = Math.max(1, atMs - System.currentTimeMillis());
    timers.put(key, vertx.setTimer(delay, t -> {
      timers.remove(key);
      submit(due, null).onFailure(e -> {
        if (StoreException.isOutage(e) && drives(due.incidentId()) && !timers.containsKey(key)) {
          // not stored for want of the database: the offer must still time out and the incident still escalate
          LOG.debug("{} not stored ({}); tried again in {} ms", due, e.getMessage(), UNSURE_RETRY_MS);
          arm(key, System.currentTimeMillis() + UNSURE_RETRY_MS, due);
        } else {
          LOG.debug("{} ignored: {}", due, e.getMessage());
        }
      });
    }));
  }

  /** An event that fell due while nobody watched: submitted now, and again after an outage, as a timer's is. */
  private void armNow(DispatchEvent due) {
    String key = due instanceof DispatchEvent.OfferExpired expired ? expired.orderId()
        : due instanceof DispatchEvent.EscalationDue ? escalationTimer(due.incidentId()) : reminderTimer(due.incidentId());
    arm(key, System.currentTimeMillis(), due);
  }

  private void cancelTimer(String key) {
    Long timer = timers.remove(key);
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
  }

  private static String escalationTimer(String incidentId) {
    return "escalation:" + incidentId;
  }

  private static String reminderTimer(String incidentId) {
    return "reminder:" + incidentId;
  }

  private void publish(Incident incident, List<IncidentEvent> events) {
    JsonObject stored = IncidentJson.toJson(incident);
    String stationId = stationOf(incident);
    for (IncidentEvent e : events) {
      vertx.eventBus().publish(DispatchBus.INCIDENTS, new JsonObject().put("incident", stored)
          .put("event", IncidentJson.toJson(e)).put("stationId", stationId));
    }
  }

  /**
   * A unit that goes offline while it holds an offer or assignment is acted on once it is clear
   * whether it went alone or with many others at once (then one grouped alert, and no offer moves
   * on for it); so is a unit whose device that shows orders went while a positions-only one still
   * reports. A unit that can be told again clears its unreachable mark.
   */
  private void onPresence(JsonObject msg) {
    String unitId = msg.getString("unitId");
    if (unitId == null) {
      return;
    }
    // every node hears it; the one driving the holding incident acts
    Optional<String> holder = claims.holder(unitId).filter(id -> drives(id) || turns.busy(id));
    boolean unitChanged = msg.getBoolean("unitChanged", true);
    boolean online = msg.getBoolean("online");
    long droppedAtMs = System.currentTimeMillis();
    if (!online && unitChanged && massDisconnect.dropped(unitId, droppedAtMs, this::unitsOnline)) {
      alerts.raise(new NewAlert(AlertLevel.CRITICAL, "connection_loss", "mass_disconnect",
          Map.of("windowMs", disconnectWindowMs), "Many units went offline within " + disconnectWindowMs / 1000
              + " s (a cell tower, the network or a server): incidents are not escalated for it", null, null, null, null,
          "mass_disconnect"));
    }
    if (holder.isEmpty()) {
      return;
    }
    String incidentId = holder.get();
    if (online) {
      // this device's word first: on another node the live units may not have heard it yet
      boolean receivesOrders = OrderChannel.ORDERS.wire().equals(msg.getString("channel")) || receivesOrders(unitId);
      if (unitChanged || receivesOrders) {
        submit(new DispatchEvent.UnitOnline(incidentId, unitId, receivesOrders), null)
            .onFailure(e -> LOG.info("{} back online not applied: {}", unitId, e.getMessage()));
      }
    } else {
      vertx.setTimer(disconnectWindowMs, t -> offline(incidentId, unitId, droppedAtMs)); // which looks again
    }
  }

  private void offline(String incidentId, String unitId, long droppedAtMs) {
    if (receivesOrders(unitId)) {
      return; // back within the window
    }
    boolean tracked = units.unit(unitId).map(UnitView::online).orElse(false);
    submit(new DispatchEvent.UnitOffline(incidentId, unitId, massDisconnect.isMass(droppedAtMs, this::unitsOnline),
        tracked), null)
        .onFailure(e -> LOG.info("offline of {} not applied: {}", unitId, e.getMessage()));
  }

  /** Whether one of the unit's devices is online and shows orders. */
  private boolean receivesOrders(String unitId) {
    return units.unit(unitId).map(u -> u.online() && u.channel() == OrderChannel.ORDERS).orElse(false);
  }

  private int unitsOnline() {
    return (int) units.all().stream().filter(UnitView::online).count();
  }

  private void retryShortIncidents() {
    unfinished.values().stream().filter(Incident::levelsExhausted)
        .forEach(i -> submit(new DispatchEvent.Retry(i.id()), null));
  }
}
