package org.lamplight.console;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.lamplight.auth.Tokens.Principal;
import org.lamplight.dispatch.DispatchService;
import org.lamplight.domain.dispatch.Caller;
import org.lamplight.domain.dispatch.DispatchEvent;
import org.lamplight.domain.dispatch.Incident;
import org.lamplight.domain.dispatch.IncidentSource;
import org.lamplight.domain.dispatch.IncidentStatus;
import org.lamplight.domain.dispatch.IncidentType;
import org.lamplight.domain.dispatch.ReplyAction;
import org.lamplight.domain.org.County;
import org.lamplight.domain.org.CurrentCounty;
import org.lamplight.store.IncidentJson;
import org.lamplight.store.IncidentRepository;
import org.lamplight.store.IncidentRepository.AuditEntry;
import org.lamplight.store.IncidentRepository.Idempotency;

/** Incidents: report, list, inspect, and every dispatcher action, each audited with who did it. */
public final class IncidentApi implements ApiRoutes {

  private static final int LIST_LIMIT = 500;
  private static final int EXPORT_LIMIT = 20_000;
  private static final long END_OF_TIME_MS = Instant.parse("9999-12-31T00:00:00Z").toEpochMilli();

  private final DispatchService dispatch;
  private final IncidentRepository incidents;
  private final Scope scope;
  private final IdempotentRequests idempotent;
  private final CurrentCounty county;
  private final ZoneId zone;

  /** @param zone the county's time zone, in which a day of incidents begins and ends */
  IncidentApi(DispatchService dispatch, IncidentRepository incidents, Scope scope, CurrentCounty county, ZoneId zone) {
    this.dispatch = dispatch;
    this.incidents = incidents;
    this.scope = scope;
    this.idempotent = new IdempotentRequests(incidents);
    this.county = county;
    this.zone = zone;
  }

  @Override
  public void mount(Router api) {
    api.post("/incidents").handler(this::create);
    api.get("/incidents").handler(this::list);
    api.get("/incidents/:id").handler(this::get);
    api.post("/incidents/:id/escalate").handler(ctx -> act(ctx, "escalate", (id, who) -> new DispatchEvent.Escalate(id, who)));
    api.post("/incidents/:id/cancel").handler(ctx -> act(ctx, "cancel",
        (id, who) -> new DispatchEvent.Cancel(id, who, Requests.body(ctx).getString("reason"))));
    api.post("/incidents/:id/resolve").handler(ctx -> act(ctx, "resolve",
        (id, who) -> new DispatchEvent.Resolve(id, who, Requests.body(ctx).getString("note"))));
    api.post("/incidents/:id/close").handler(ctx -> act(ctx, "close", (id, who) -> new DispatchEvent.Close(id, who)));
    api.post("/incidents/:id/assign").handler(ctx -> act(ctx, "assign",
        (id, who) -> new DispatchEvent.ManualAssign(id, Requests.body(ctx).getString("unitId"), who)));
    api.delete("/incidents/:id/assignments/:unitId").handler(ctx -> act(ctx, "release",
        (id, who) -> new DispatchEvent.Release(id, ctx.pathParam("unitId"), who)));
    api.post("/incidents/:id/assignments/:unitId/answer").handler(this::answerForUnit);
    api.post("/incidents/:id/notes").handler(ctx -> act(ctx, "note",
        (id, who) -> new DispatchEvent.AddNote(id, who, Requests.body(ctx).getString("text"))));
    api.post("/incidents/:id/edit").handler(ctx -> act(ctx, "edit",
        (id, who) -> new DispatchEvent.Edit(id, who, IncidentJson.editFromJson(Requests.body(ctx)))));
  }

  private void create(RoutingContext ctx) {
    Principal who = Requests.actor(ctx);
    JsonObject body = Requests.body(ctx);
    scope.mayReportAt(who, body.getDouble("lat"), body.getDouble("lon"));
    IncidentType type = IncidentType.fromWire(body.getString("type"));
    IncidentSource source = IncidentSource.fromWire(body.getString("source", "api"));
    String id = UUID.randomUUID().toString();
    DispatchEvent.Create event = new DispatchEvent.Create(id, type, body.getInteger("severity"), body.getDouble("lat"),
        body.getDouble("lon"), body.getString("description", ""), source, who.username(),
        new Caller(body.getString("callerName"), body.getString("callerPhone")));
    Idempotency keyed = idempotent.key(ctx, 201);
    idempotent.answer(who, keyed, () -> dispatch.submit(event, new AuditEntry(who.username(), "create", id, body.copy(),
            keyed)))
        .compose(answer -> withTimeline(answer.incident()).onSuccess(view -> ctx.response()
            .putHeader("location", "/api/incidents/" + answer.incident().id()).setStatusCode(201)
            .putHeader("content-type", "application/json; charset=utf-8").end(view.encode())))
        .onFailure(ctx::fail);
  }

  /**
   * The incidents the caller may see, filtered by status, type, station and the days they were
   * reported on ({@code from}..{@code to}, in the county's zone); as JSON or as a CSV or Excel download.
   */
  private void list(RoutingContext ctx) {
    Principal who = Requests.principal(ctx);
    List<IncidentStatus> statuses = statuses(ctx.request().getParam("status", "open"));
    String type = ctx.request().getParam("type");
    List<IncidentType> types = type == null ? List.of(IncidentType.values()) : List.of(IncidentType.fromWire(type));
    String station = ctx.request().getParam("station");
    LocalDate to = PatrolRequests.date(ctx, "to", PatrolRequests.date(ctx, "from", null));
    LocalDate from = PatrolRequests.date(ctx, "from", to);
    if (from != null && from.isAfter(to)) {
      throw ApiError.badRequest("'from' must not be after 'to'");
    }
    long fromMs = from == null ? 0 : from.atStartOfDay(zone).toInstant().toEpochMilli();
    long toMs = to == null ? END_OF_TIME_MS : to.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
    String days = from == null ? "all" : from.equals(to) ? from.toString() : from + "-" + to;
    String format = PatrolRequests.format(ctx);
    boolean json = "json".equals(format);
    County now = county.get();
    incidents.list(statuses, types, fromMs, toMs, i -> {
          String of = dispatch.stationOf(i); // a point-in-polygon lookup: once per incident
          return who.sees(of) && (station == null || station.equals(of));
        }, json ? LIST_LIMIT : EXPORT_LIMIT)
        .onSuccess(shown -> {
          if (json) {
            Requests.json(ctx, 200, new JsonArray(shown.stream().map(this::view).toList()));
          } else {
            Sheet.send(ctx, format, "incidents-" + days, List.of(Views.incidentSheet(shown, dispatch::stationOf, now, zone)));
          }
        })
        .onFailure(ctx::fail);
  }

  /** {@code open} (the active ones), {@code all}, or one status by its wire name. */
  private static List<IncidentStatus> statuses(String filter) {
    if ("open".equals(filter)) {
      return Stream.of(IncidentStatus.values()).filter(IncidentStatus::isActive).toList();
    }
    if ("all".equals(filter)) {
      return List.of(IncidentStatus.values());
    }
    return List.of(IncidentStatus.fromWire(filter));
  }

  private void get(RoutingContext ctx) {
    Principal who = Requests.principal(ctx);
    String id = ctx.pathParam("id");
    incidents.find(id)
        .compose(found -> found.isEmpty() ? Future.failedFuture(ApiError.notFound("incident " + id))
            : withTimeline(found.get()))
        .onSuccess(view -> {
          if (!who.sees(view.getString("stationId"))) {
            ctx.fail(ApiError.notFound("incident " + id));
          } else {
            Requests.json(ctx, 200, view);
          }
        })
        .onFailure(ctx::fail);
  }

  /** A dispatcher action on an incident the caller may see; answered once the change is durable. */
  private void act(RoutingContext ctx, String action, BiFunction<String, String, DispatchEvent> command) {
    Principal who = Requests.actor(ctx);
    String id = ctx.pathParam("id");
    Idempotency keyed = idempotent.key(ctx, 200);
    JsonObject details = Requests.body(ctx).copy().put("path", ctx.request().path());
    DispatchEvent event = command.apply(id, who.username());
    scope.allows(who, event)
        .compose(v -> idempotent.answer(who, keyed, () -> dispatch.submit(event,
            new AuditEntry(who.username(), action, id, details, keyed))))
        .compose(answer -> withTimeline(answer.incident()))
        .onSuccess(view -> Requests.json(ctx, 200, view))
        .onFailure(ctx::fail);
  }

  /** A dispatcher answers for a unit on the phone: accept, decline, enroute, onscene or clear. */
  private void answerForUnit(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    act(ctx, "answer", (id, who) -> new DispatchEvent.AnswerForUnit(id, ctx.pathParam("unitId"),
        ReplyAction.fromWire(body.getString("action")), body.getString("reason"), who));
  }

  private JsonObject view(Incident i) {
    return Views.incident(i, dispatch.stationOf(i), county.get());
  }

  /** The incident with its timeline up to this state of it, so that an answer kept for a retry is the same answer. */
  private Future<JsonObject> withTimeline(Incident i) {
    return incidents.timeline(i.id()).map(timeline -> view(i).put("timeline",
        new JsonArray(timeline.stream().filter(e -> e.seq() <= i.seq()).map(e -> Views.event(e, county.get())).toList())));
  }
}
