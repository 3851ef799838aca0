package org.lamplight.console;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.lamplight.auth.Tokens;
import org.lamplight.auth.Tokens.Principal;
import org.lamplight.dispatch.DispatchBus;
import org.lamplight.domain.dispatch.Incident;
import org.lamplight.domain.dispatch.IncidentEvent;
import org.lamplight.domain.tracking.LiveUnits;
import org.lamplight.domain.tracking.UnitView;
import org.lamplight.gateway.DeviceBus;
import org.lamplight.store.IncidentJson;

/**
 * The live feed of every connected console: a snapshot on connect, then unit changes coalesced
 * per tick, incident changes and alerts as they happen, each filtered by the console's scope.
 * Runs on the HTTP verticle's event loop.
 */
public final class ConsoleFeed {

  private final Vertx vertx;
  private final Tokens tokens;
  private final LiveUnits units;
  private final Alerts alerts;
  private final OpenIncidents incidents;
  private final long tickMs;
  private final int maxQueued;
  private final Set<ConsoleSession> sessions = ConcurrentHashMap.newKeySet();
  private final Counter resyncs;
  private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
  private long timer = -1;

  public ConsoleFeed(Vertx vertx, Tokens tokens, LiveUnits units, Alerts alerts, OpenIncidents incidents, long tickMs,
                     int maxQueued, MeterRegistry registry) {
    this.vertx = vertx;
    this.tokens = tokens;
    this.units = units;
    this.alerts = alerts;
    this.incidents = incidents;
    this.tickMs = tickMs;
    this.maxQueued = maxQueued;
    this.resyncs = Counter.builder("lamplight.console.resyncs")
        .description("Consoles that fell behind and were sent a fresh snapshot").register(registry);
    registry.gauge("lamplight.console.sessions", sessions, Set::size);
  }

  /** Starts the tick and the bus consumers on the calling (verticle) context. */
  public void start() {
    timer = vertx.setPeriodic(tickMs, id -> tick());
    consumers.add(vertx.eventBus().<JsonObject>consumer(DispatchBus.INCIDENTS, m -> incidentChanged(m.body())));
    consumers.add(vertx.eventBus().<JsonObject>consumer(DispatchBus.ALERTS, m -> {
      JsonObject a = m.body();
      String station = a.getString("stationId") != null ? a.getString("stationId") : stationOfUnit(a.getString("unitId"));
      alert(alerts.raise(a.getString("level"), a.getString("kind"), station, a.getString("incidentId"),
          a.getString("unitId"), a.getString("message")));
    }));
    consumers.add(vertx.eventBus().<JsonObject>consumer(DeviceBus.ALERTS, m -> {
      JsonObject a = m.body();
      alert(alerts.raise("critical", a.getString("kind"), stationOfUnit(a.getString("unitId")), null, a.getString("unitId"),
          a.getString("message")));
    }));
  }

  public void stop() {
    vertx.cancelTimer(timer);
    consumers.forEach(MessageConsumer::unregister);
    sessions.forEach(s -> s.send("{\"type\":\"bye\",\"reason\":\"server shutting down\"}"));
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
    ConsoleSession session = new ConsoleSession(ws, principal, maxQueued, () -> snapshot(holder[0]), resyncs::increment);
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
      if (p.sees(u.person().stationId())) {
        unitList.add(Views.unit(u));
      }
    }
    JsonArray open = new JsonArray();
    incidents.open().stream().filter(i -> p.sees(i.getString("stationId"))).forEach(open::add);
    return new JsonObject().put("type", "snapshot").put("at", System.currentTimeMillis())
        .put("you", new JsonObject().put("username", p.username()).put("role", p.role()).put("stations", p.stationIds()))
        .put("units", unitList).put("incidents", open).put("alerts", alerts.recent(p)).encode();
  }

  /** One message per console per tick with every unit that changed, each unit once. */
  private void tick() {
    List<UnitView> changed = new ArrayList<>();
    units.drainChanged(changed::add);
    if (changed.isEmpty() || sessions.isEmpty()) {
      return;
    }
    long now = System.currentTimeMillis();
    JsonArray all = new JsonArray();
    changed.forEach(u -> all.add(Views.unit(u)));
    String everything = unitsMessage(now, all);
    for (ConsoleSession s : sessions) {
      if (s.countyWide()) {
        s.send(everything);
        continue;
      }
      JsonArray mine = new JsonArray();
      for (int i = 0; i < changed.size(); i++) {
        if (s.principal().sees(changed.get(i).person().stationId())) {
          mine.add(all.getValue(i));
        }
      }
      if (!mine.isEmpty()) {
        s.send(unitsMessage(now, mine));
      }
    }
  }

  private static String unitsMessage(long now, JsonArray list) {
    return new JsonObject().put("type", "units").put("at", now).put("units", list).encode();
  }

  private void incidentChanged(JsonObject change) {
    String station = change.getString("stationId");
    Incident incident = IncidentJson.fromJson(change.getJsonObject("incident"));
    IncidentEvent event = IncidentJson.eventFromJson(change.getJsonObject("event"));
    String message = new JsonObject().put("type", "incident").put("at", System.currentTimeMillis())
        .put("incident", Views.incident(incident, station)).put("event", Views.event(event)).encode();
    sessions.stream().filter(s -> s.principal().sees(station)).forEach(s -> s.send(message));
  }

  private void alert(JsonObject alert) {
    String message = new JsonObject().put("type", "alert").put("at", alert.getLong("at")).put("alert", alert).encode();
    sessions.stream().filter(s -> Alerts.seenBy(s.principal(), alert)).forEach(s -> s.send(message));
  }

  private String stationOfUnit(String unitId) {
    return unitId == null ? null : units.unit(unitId).map(u -> u.person().stationId()).orElse(null);
  }

  /** Most messages any console has queued right now (for tests and metrics). */
  public int maxQueued() {
    return sessions.stream().mapToInt(ConsoleSession::queued).max().orElse(0);
  }

  public int sessions() {
    return sessions.size();
  }
}
