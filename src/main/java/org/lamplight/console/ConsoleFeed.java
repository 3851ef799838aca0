package org.lamplight.console;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.lamplight.alert.AlertBus;
import org.lamplight.alert.AlertJson;
import org.lamplight.alert.AlertService;
import org.lamplight.auth.Tokens;
import org.lamplight.auth.Tokens.Principal;
import org.lamplight.dispatch.DispatchBus;
import org.lamplight.domain.alert.Alert;
import org.lamplight.domain.dispatch.Incident;
import org.lamplight.domain.dispatch.IncidentEvent;
import org.lamplight.domain.org.CurrentCounty;
import org.lamplight.domain.tracking.LiveUnits;
import org.lamplight.domain.tracking.UnitView;
import org.lamplight.store.IncidentJson;

/**
 * The live feed of every connected console: a snapshot on connect, then unit changes coalesced
 * per tick (only the fields that changed; the console merges them), incident changes and alerts
 * (raised, acknowledged, repeated) as they happen, each filtered by the console's scope.
 * Runs on the HTTP verticle's event loop.
 */
public final class ConsoleFeed {

  /** Alerts a snapshot carries at most, as {@code GET /api/alerts} does. */
  private static final int SNAPSHOT_ALERTS = 200;
  /** Alerts loaded at start: enough for a station's newest after the county's. */
  private static final int ALERTS_LOADED = 1_000;

  private final Vertx vertx;
  private final Tokens tokens;
  private final LiveUnits units;
  private final AlertService alertService;
  private final RecentAlerts alerts = new RecentAlerts();
  private final OpenIncidents incidents;
  private final CurrentCounty county;
  private final long tickMs;
  private final long alertRepeatMs;
  private final long maxQueuedBytes;
  private final Set<ConsoleSession> sessions = ConcurrentHashMap.newKeySet();
  /**
   * Each unit as every console holding it holds it (snapshots and ticks are built from it), by
   * unit id; at most one entry per unit ever known. Only touched on the feed's context.
   */
  private final Map<String, JsonObject> sent = new HashMap<>();
  private final Counter resyncs;
  private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
  private final List<Long> timers = new ArrayList<>();
  /** The HTTP verticle's, once it serves; changes from other threads are handed over to it. */
  private volatile Context context;

  /** @param alertRepeatMs how often critical alerts nobody acknowledged are sent again; 0 never */
  public ConsoleFeed(Vertx vertx, Tokens tokens, LiveUnits units, AlertService alertService, OpenIncidents incidents,
                     CurrentCounty county, long tickMs, long alertRepeatMs, long maxQueuedBytes, MeterRegistry registry) {
    this.vertx = vertx;
    this.tokens = tokens;
    this.units = units;
    this.alertService = alertService;
    this.incidents = incidents;
    this.county = county;
    this.tickMs = tickMs;
    this.alertRepeatMs = alertRepeatMs;
    this.maxQueuedBytes = maxQueuedBytes;
    this.resyncs = Counter.builder("lamplight.console.resyncs")
        .description("Consoles that fell behind and were sent a fresh snapshot").register(registry);
    registry.gauge("lamplight.console.sessions", sessions, Set::size);
  }

  /**
   * Starts the tick and the bus consumers on the calling (verticle) context; completes once the
   * newest alerts are loaded.
   */
  public Future<Void> start() {
    context = vertx.getOrCreateContext();
    timers.add(vertx.setPeriodic(tickMs, id -> tick()));
    if (alertRepeatMs > 0) {
      timers.add(vertx.setPeriodic(alertRepeatMs, id -> repeatUnacknowledged()));
    }
    consumers.add(vertx.eventBus().<JsonObject>consumer(DispatchBus.INCIDENTS, m -> incidentChanged(m.body())));
    consumers.add(vertx.eventBus().<JsonObject>consumer(AlertBus.CHANGED, m -> alertChanged(AlertJson.fromJson(m.body()))));
    return alertService.recent(null, ALERTS_LOADED).onSuccess(stored -> stored.forEach(alerts::put)).mapEmpty();
  }

  public void stop() {
    timers.forEach(vertx::cancelTimer);
    consumers.forEach(MessageConsumer::unregister);
    sessions.forEach(s -> s.send("{\"type\":\"bye\",\"reason\":\"server shutting down\"}"));
  }

  /**
   * The county changed (from any thread): every console is told to load the organisation and the
   * basemap again, then gets a fresh snapshot (people added, moved or retired).
   */
  public void countyChanged(long version) {
    if (context == null) {
      return; // not serving yet: no console to tell
    }
    String message = new JsonObject().put("type", "county").put("version", version).encode();
    context.runOnContext(v -> {
      tick(); // the units' new people first, so the snapshots carry them
      sessions.forEach(s -> {
        s.send(message);
        s.send(snapshot(s));
      });
    });
  }

  /** Closes the feeds whose token is no longer admitted (the account was disabled or its tokens revoked). */
  public void accountsChanged() {
    if (context == null) {
      return;
    }
    context.runOnContext(v -> sessions.stream().filter(s -> !tokens.admits(s.principal())).toList().forEach(s -> {
      sessions.remove(s);
      s.close("the account was disabled or its tokens were revoked");
    }));
  }

  /** {@code GET /ws}: the token is checked before the upgrade, so a refused client never gets a socket. */
  public void upgrade(RoutingContext ctx) {
    String token = ctx.request().getParam("token");
    String header = ctx.request().getHeader("Authorization");
    if ((token == null || token.isBlank()) && header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      token = header.substring(7).trim();
    }
    if (token == null || token.isBlank()) {
      ctx.fail(ApiError.unauthorized("a bearer token is required: /ws?token=..."));
      return;
    }
    ctx.request().pause();
    tokens.verify(token)
        .onFailure(e -> {
          ctx.request().resume();
          ctx.fail(ApiError.unauthorized("the token is invalid or expired"));
        })
        .onSuccess(principal -> {
          ctx.request().resume();
          ctx.request().toWebSocket().onSuccess(ws -> open(ws, principal)).onFailure(ctx::fail);
        });
  }

  private void open(ServerWebSocket ws, Principal principal) {
    ConsoleSession[] holder = new ConsoleSession[1];
    ConsoleSession session = new ConsoleSession(ws, principal, maxQueuedBytes, () -> snapshot(holder[0]), resyncs::increment);
    holder[0] = session;
    sessions.add(session);
    ws.closeHandler(v -> sessions.remove(session));
    ws.exceptionHandler(e -> sessions.remove(session));
    ws.textMessageHandler(text -> {
      if (text.contains("\"ping\"")) {
        session.send("{\"type\":\"pong\"}");
      }
    });
    session.send(snapshot(session));
  }

  private String snapshot(ConsoleSession session) {
    Principal p = session.principal();
    JsonArray unitList = new JsonArray();
    for (UnitView u : units.all()) {
      // the unit as the consoles hold it, so that the next tick's changes apply to this snapshot too
      JsonObject held = sent.computeIfAbsent(u.person().id(), id -> Views.unit(u));
      if (session.audience().sees(held.getString("stationId"))) {
        unitList.add(held);
      }
    }
    JsonArray open = new JsonArray();
    incidents.open().stream().filter(i -> p.sees(i.getString("stationId"))).forEach(open::add);
    return new JsonObject().put("type", "snapshot").put("at", System.currentTimeMillis())
        .put("you", new JsonObject().put("username", p.username()).put("role", p.role()).put("stations", p.stationIds()))
        .put("units", unitList).put("incidents", open)
        .put("alerts", new JsonArray(alerts.visibleTo(p, SNAPSHOT_ALERTS).stream().map(Views::alert).toList())).encode();
  }

  /**
   * One message per audience per tick with what changed of each unit since the last tick, each
   * unit once, encoded once and sent to every console of that audience. Units no console holds
   * (not in {@link #sent}) are left out: no console could merge them, and the next snapshot
   * carries them whole.
   */
  private void tick() {
    if (sessions.isEmpty()) {
      units.drainChanged(u -> { });
      sent.clear(); // nobody holds anything: the next snapshot starts afresh from the live units
      return;
    }
    List<UnitChanges> changes = new ArrayList<>();
    units.drainChanged(u -> {
      JsonObject now = Views.unit(u);
      JsonObject before = sent.put(u.person().id(), now);
      if (before != null) {
        Views.unitChanges(before, now).ifPresent(c -> changes.add(new UnitChanges(u.person().stationId(), c)));
      }
    });
    if (changes.isEmpty()) {
      return;
    }
    long now = System.currentTimeMillis();
    Map<Audience, String> messages = new HashMap<>();
    for (ConsoleSession s : sessions) {
      String message = messages.computeIfAbsent(s.audience(), audience -> unitsMessage(now, changes, audience));
      if (!message.isEmpty()) {
        s.send(message);
      }
    }
  }

  /** The changes of a tick that {@code audience} sees, encoded; empty when it sees none. */
  private static String unitsMessage(long now, List<UnitChanges> changes, Audience audience) {
    JsonArray list = new JsonArray();
    for (UnitChanges c : changes) {
      if (audience.sees(c.stationId())) {
        list.add(c.changes());
      }
    }
    return list.isEmpty() ? "" : new JsonObject().put("type", "units").put("at", now).put("units", list).encode();
  }

  /** @param stationId the unit's station now, which decides who is told */
  private record UnitChanges(String stationId, JsonObject changes) {
  }

  private void incidentChanged(JsonObject change) {
    String station = change.getString("stationId");
    Incident incident = IncidentJson.fromJson(change.getJsonObject("incident"));
    IncidentEvent event = IncidentJson.eventFromJson(change.getJsonObject("event"));
    String message = new JsonObject().put("type", "incident").put("at", System.currentTimeMillis())
        .put("incident", Views.incident(incident, station, county.get())).put("event", Views.event(event, county.get())).encode();
    sessions.stream().filter(s -> s.principal().sees(station)).forEach(s -> s.send(message));
  }

  /** A raised or acknowledged alert, to the consoles that see its station. */
  private void alertChanged(Alert alert) {
    alerts.put(alert);
    sendAlert(alert, false);
  }

  /** Critical alerts nobody acknowledged are shown and sounded again, until someone does. */
  private void repeatUnacknowledged() {
    alerts.unacknowledgedCritical().forEach(a -> sendAlert(a, true));
  }

  private void sendAlert(Alert alert, boolean repeat) {
    JsonObject message = new JsonObject().put("type", "alert").put("at", System.currentTimeMillis())
        .put("alert", Views.alert(alert));
    if (repeat) {
      message.put("repeat", true);
    }
    String encoded = message.encode();
    String station = alert.raised().stationId();
    sessions.stream().filter(s -> s.principal().sees(station)).forEach(s -> s.send(encoded));
  }

  /** Most bytes any console has queued right now (for tests and metrics). */
  public long maxQueuedBytes() {
    return sessions.stream().mapToLong(ConsoleSession::queuedBytes).max().orElse(0);
  }

  public int sessions() {
    return sessions.size();
  }
}
