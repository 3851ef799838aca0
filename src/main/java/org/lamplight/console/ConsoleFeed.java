package org.lamplight.console;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.lamplight.alert.AlertBus;
import org.lamplight.alert.AlertJson;
import org.lamplight.alert.AlertService;
import org.lamplight.auth.Tokens;
import org.lamplight.auth.Tokens.Principal;
import org.lamplight.console.Views.UnitPart;
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
public final class ConsoleFeed implements ConsoleSession.Source {

  /** Alerts a snapshot carries at most, as {@code GET /api/alerts} does. */
  private static final int SNAPSHOT_ALERTS = 200;
  /** Alerts loaded at start: enough for a station's newest after the county's. */
  private static final int ALERTS_LOADED = 1_000;
  private static final Buffer PONG = Buffer.buffer("{\"type\":\"pong\"}");

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
  private final Map<String, Held> sent = new HashMap<>();
  /** Ticks so far; each {@link Held} says in which one its unit last changed. */
  private long tick;
  /** This tick's catch-up messages, shared by the consoles that need the same one. */
  private final Map<CatchUp, Optional<Buffer>> catchUps = new HashMap<>();
  private final Counter resyncs;
  private final Counter skips;
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
    this.skips = Counter.builder("lamplight.console.skips")
        .description("Times a console fell behind the unit changes (its last units message unacknowledged, or its socket"
            + " full): at the next tick it can take, it gets the units as they are then")
        .register(registry);
    registry.gauge("lamplight.console.sessions", sessions, Set::size);
  }

  /**
   * Starts the tick and the bus consumers on the calling (verticle) context; completes once the
   * newest alerts are loaded.
   */
  public Future<Void> start() {
    context = vertx.getOrCreateContext();
    timers.add(vertx.setPeriodic(tickMs, id -> publishTick()));
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
    sessions.forEach(s -> s.send(Buffer.buffer("{\"type\":\"bye\",\"reason\":\"server shutting down\"}")));
  }

  /**
   * The county changed (from any thread): every console is told to load the organisation and the
   * basemap again, then gets a fresh snapshot (people added, moved or retired).
   */
  public void countyChanged(long version) {
    if (context == null) {
      return; // not serving yet: no console to tell
    }
    Buffer message = new JsonObject().put("type", "county").put("version", version).toBuffer();
    context.runOnContext(v -> {
      publishTick(); // the units' new people first, so the snapshots carry them
      sessions.forEach(s -> {
        s.send(message);
        s.sendSnapshot();
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
    ConsoleSession session = new ConsoleSession(ws, principal, maxQueuedBytes, this, resyncs::increment, skips::increment);
    sessions.add(session);
    ws.closeHandler(v -> sessions.remove(session));
    ws.exceptionHandler(e -> sessions.remove(session));
    ws.textMessageHandler(text -> {
      if (text.contains("\"ack\"")) {
        Long acked = ackedTick(text);
        if (acked != null) {
          session.acknowledged(acked);
        }
      } else if (text.contains("\"ping\"")) {
        session.send(PONG);
      }
    });
    session.sendSnapshot();
  }

  /** The tick of {@code {"type":"ack","tick":N}}; null for anything else (ignored, like any other client text). */
  private static Long ackedTick(String text) {
    try {
      Object tick = new JsonObject(text).getValue("tick");
      return tick instanceof Number n ? n.longValue() : null;
    } catch (DecodeException e) {
      return null;
    }
  }

  @Override
  public long tick() {
    return tick;
  }

  @Override
  public Buffer snapshot(ConsoleSession session) {
    Principal p = session.principal();
    JsonArray unitList = new JsonArray();
    for (UnitView u : units.all()) {
      // the unit as the consoles hold it, so that the next tick's changes apply to this snapshot too
      UnitView held = sent.computeIfAbsent(u.person().id(), id -> Held.first(u, tick)).view();
      if (session.audience().sees(held.person().stationId())) {
        unitList.add(Views.unit(held));
      }
    }
    JsonArray open = new JsonArray();
    incidents.open().stream().filter(i -> p.sees(i.getString("stationId"))).forEach(open::add);
    return new JsonObject().put("type", "snapshot").put("at", System.currentTimeMillis())
        .put("you", new JsonObject().put("username", p.username()).put("role", p.role()).put("stations", p.stationIds()))
        .put("units", unitList).put("incidents", open)
        .put("alerts", new JsonArray(alerts.visibleTo(p, SNAPSHOT_ALERTS).stream().map(Views::alert).toList())).toBuffer();
  }

  /**
   * Each unit that changed as it is now (the parts of it that changed), so that a console that
   * skipped ticks needs no record of what it missed. The lag is rounded up to a power of two ticks,
   * so that consoles catching up at once share a few messages instead of one each (a unit sent
   * again as it already is changes nothing).
   */
  @Override
  public Buffer unitsSince(ConsoleSession session, long since) {
    long lag = tick - since;
    long rounded = lag <= 1 ? 1 : Long.highestOneBit(lag - 1) << 1;
    return catchUps.computeIfAbsent(new CatchUp(session.audience(), Math.max(0, tick - rounded)), key -> {
      JsonArray list = new JsonArray();
      for (Held held : sent.values()) {
        Set<UnitPart> parts = held.changedAfter(key.since());
        if (!parts.isEmpty() && key.audience().sees(held.view().person().stationId())) {
          list.add(Views.unitEntry(held.view(), parts));
        }
      }
      return list.isEmpty() ? Optional.<Buffer>empty() : Optional.of(unitsMessage(tick, System.currentTimeMillis(), list));
    }).orElse(null);
  }

  /**
   * One message per audience per tick with what changed of each unit since the last tick, each
   * unit once, encoded once and sent to every console of that audience. Units no console holds
   * (not in {@link #sent}) are left out: no console could merge them, and the next snapshot
   * carries them whole.
   */
  private void publishTick() {
    if (sessions.isEmpty()) {
      units.drainChanged(u -> { });
      sent.clear(); // nobody holds anything: the next snapshot starts afresh from the live units
      return;
    }
    long current = ++tick;
    catchUps.clear();
    List<UnitChanges> changes = new ArrayList<>();
    units.drainChanged(u -> {
      Held before = sent.get(u.person().id());
      if (before == null) {
        sent.put(u.person().id(), Held.first(u, current));
        return;
      }
      Views.UnitChange c = Views.unitChanges(before.view(), u);
      if (c != null) {
        sent.put(u.person().id(), before.changed(u, c.parts(), current));
        changes.add(new UnitChanges(u.person().stationId(), c.entry()));
      }
    });
    long now = System.currentTimeMillis();
    Map<Audience, Optional<Buffer>> messages = new HashMap<>();
    for (ConsoleSession s : sessions) {
      Optional<Buffer> message = changes.isEmpty() ? Optional.empty()
          : messages.computeIfAbsent(s.audience(), audience -> Optional.ofNullable(unitsMessage(current, now, changes, audience)));
      s.sendUnits(current, message.orElse(null));
    }
  }

  /** The changes of a tick that {@code audience} sees, encoded; null when it sees none. */
  private static Buffer unitsMessage(long tick, long now, List<UnitChanges> changes, Audience audience) {
    JsonArray list = new JsonArray();
    for (UnitChanges c : changes) {
      if (audience.sees(c.stationId())) {
        list.add(c.changes());
      }
    }
    return list.isEmpty() ? null : unitsMessage(tick, now, list);
  }

  /** A {@code units} message; the console acknowledges it by its {@code tick}. */
  private static Buffer unitsMessage(long tick, long now, JsonArray units) {
    return new JsonObject().put("type", "units").put("at", now).put("tick", tick).put("units", units).toBuffer();
  }

  /** @param stationId the unit's station now, which decides who is told; @param changes its entry */
  private record UnitChanges(String stationId, JsonObject changes) {
  }

  /** A unit as the consoles hold it, and the last tick in which each of its parts changed. */
  private record Held(UnitView view, long identityIn, long stateIn, long moveIn) {

    static Held first(UnitView view, long tick) {
      return new Held(view, tick, tick, tick);
    }

    Held changed(UnitView now, Set<UnitPart> parts, long tick) {
      return new Held(now, parts.contains(UnitPart.IDENTITY) ? tick : identityIn,
          parts.contains(UnitPart.STATE) ? tick : stateIn, parts.contains(UnitPart.MOVE) ? tick : moveIn);
    }

    Set<UnitPart> changedAfter(long since) {
      Set<UnitPart> parts = EnumSet.noneOf(UnitPart.class);
      if (identityIn > since) {
        parts.add(UnitPart.IDENTITY);
      }
      if (stateIn > since) {
        parts.add(UnitPart.STATE);
      }
      if (moveIn > since) {
        parts.add(UnitPart.MOVE);
      }
      return parts;
    }
  }

  /** Consoles of {@code audience} catching up with the units that changed after tick {@code since}. */
  private record CatchUp(Audience audience, long since) {
  }

  private void incidentChanged(JsonObject change) {
    String station = change.getString("stationId");
    Incident incident = IncidentJson.fromJson(change.getJsonObject("incident"));
    IncidentEvent event = IncidentJson.eventFromJson(change.getJsonObject("event"));
    Buffer message = new JsonObject().put("type", "incident").put("at", System.currentTimeMillis())
        .put("incident", Views.incident(incident, station, county.get())).put("event", Views.event(event, county.get())).toBuffer();
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
    Buffer encoded = message.toBuffer();
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
