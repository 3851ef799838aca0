package org.lamplight.console;

import static org.lamplight.console.PatrolRequests.date;
import static org.lamplight.console.PatrolRequests.guarded;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.lamplight.auth.Tokens.Principal;
import org.lamplight.domain.area.Area;
import org.lamplight.domain.evaluation.EvaluationMonth;
import org.lamplight.domain.ledger.HazardAction;
import org.lamplight.domain.ledger.HazardStatus;
import org.lamplight.domain.ledger.LedgerKind;
import org.lamplight.domain.org.County;
import org.lamplight.domain.org.CurrentCounty;
import org.lamplight.domain.org.Person;
import org.lamplight.patrol.LedgerService;
import org.lamplight.patrol.NewLedgerEntry;
import org.lamplight.patrol.PatrolException;

/**
 * The work ledger: entries (list, export, record from the console), an office's month, and hazards
 * with every step of their life. A station account sees and records what belongs to its stations.
 */
public final class LedgerApi implements ApiRoutes {

  private static final int LIST_LIMIT = 1_000;
  private static final int EXPORT_LIMIT = 100_000;
  private static final int HAZARD_LIMIT = 1_000;

  private final LedgerService ledger;
  private final CurrentCounty county;
  private final ZoneId zone;
  private final int closingDay;

  public LedgerApi(LedgerService ledger, CurrentCounty county, ZoneId zone, int closingDay) {
    this.ledger = ledger;
    this.county = county;
    this.zone = zone;
    this.closingDay = closingDay;
  }

  @Override
  public void mount(Router api) {
    api.get("/ledger").handler(guarded(this::list));
    api.post("/ledger").handler(guarded(this::record));
    api.get("/ledger/summary").handler(guarded(this::summary));
    api.get("/hazards").handler(guarded(this::hazards));
    api.get("/hazards/:id").handler(guarded(this::hazard));
    api.post("/hazards/:id/:action").handler(guarded(this::act));
  }

  private void list(RoutingContext ctx) {
    Principal who = Requests.principal(ctx);
    LocalDate today = LocalDate.now(zone);
    LocalDate to = date(ctx, "to", today);
    LocalDate from = date(ctx, "from", to.minusDays(6));
    String kind = ctx.request().getParam("kind");
    String unit = ctx.request().getParam("unit");
    String village = ctx.request().getParam("village");
    String office = ctx.request().getParam("office");
    County county = this.county.get();
    List<String> villages = visibleVillages(who).filter(v -> village == null || v.equals(village))
        .filter(v -> office == null || county.office(office).map(o -> o.villageIds().contains(v)).orElse(false))
        .toList();
    boolean everything = village == null && office == null && countyWide(who);
    String format = PatrolRequests.format(ctx);
    boolean json = "json".equals(format);
    ledger.entries(from.atStartOfDay(zone).toInstant().toEpochMilli(), to.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli(),
            kind == null ? null : LedgerKind.fromWire(kind), unit == null ? null : List.of(unit),
            everything ? null : villages, json ? LIST_LIMIT : EXPORT_LIMIT)
        .onSuccess(found -> {
          if (json) {
            Requests.json(ctx, 200, new JsonArray(found.stream().map(r -> PatrolViews.ledgerEntry(r, county)).toList()));
          } else {
            Sheet.send(ctx, format, "ledger-" + from + "-" + to, List.of(PatrolViews.ledgerSheet(found, county, zone)));
          }
        })
        .onFailure(e -> PatrolRequests.fail(ctx, e));
  }

  private void record(RoutingContext ctx) {
    Principal who = Requests.actor(ctx);
    JsonObject body = Requests.body(ctx);
    Person person = county.get().person(body.getString("unitId"))
        .filter(p -> who.sees(p.stationId()))
        .orElseThrow(() -> ApiError.notFound("unit " + body.getString("unitId")));
    long now = System.currentTimeMillis();
    NewLedgerEntry entry = new NewLedgerEntry(LedgerKind.fromWire(body.getString("kind")), person.id(),
        body.getString("village"), body.getDouble("lat", Double.NaN), body.getDouble("lon", Double.NaN),
        body.getLong("at", now), body.getInteger("count", 1), body.getString("note", ""), "console", null, null,
        who.username());
    ledger.record(entry, now, who::sees)
        .onSuccess(stored -> Requests.json(ctx, 201, PatrolViews.ledgerEntry(stored, county.get())))
        .onFailure(e -> PatrolRequests.fail(ctx, e));
  }

  private void summary(RoutingContext ctx) {
    Principal who = Requests.principal(ctx);
    EvaluationMonth month = PatrolRequests.month(ctx, closingDay, LocalDate.now(zone));
    ledger.summary(month)
        .onSuccess(offices -> Requests.json(ctx, 200, new JsonObject().put("month", month.toString())
            .put("from", month.firstDay().toString()).put("to", month.lastDay().toString())
            .put("offices", new JsonArray(offices.stream().filter(o -> who.sees(o.stationId()))
                .map(PatrolViews::officeLedger).toList()))))
        .onFailure(e -> PatrolRequests.fail(ctx, e));
  }

  private void hazards(RoutingContext ctx) {
    Principal who = Requests.principal(ctx);
    String status = ctx.request().getParam("status", "open");
    List<HazardStatus> statuses = switch (status) {
      case "open" -> Stream.of(HazardStatus.values()).filter(s -> !s.isClosed()).toList();
      case "all" -> null;
      default -> List.of(HazardStatus.fromWire(status));
    };
    long now = System.currentTimeMillis();
    ledger.hazards(statuses, countyWide(who) ? null : visibleVillages(who).toList(), HAZARD_LIMIT)
        .onSuccess(found -> Requests.json(ctx, 200, new JsonArray(found.stream()
            .map(h -> PatrolViews.hazard(new org.lamplight.patrol.HazardRecord(h, List.of()), county.get(),
                ledger.stationOfVillage(h.village()), now)).toList())))
        .onFailure(e -> PatrolRequests.fail(ctx, e));
  }

  private void hazard(RoutingContext ctx) {
    Principal who = Requests.principal(ctx);
    String id = ctx.pathParam("id");
    ledger.hazard(id)
        .onSuccess(found -> {
          String station = found.map(r -> ledger.stationOfVillage(r.hazard().village())).orElse(null);
          if (found.isEmpty() || !who.sees(station)) {
            ctx.fail(ApiError.notFound("hazard " + id));
          } else {
            Requests.json(ctx, 200, PatrolViews.hazard(found.get(), county.get(), station, System.currentTimeMillis()));
          }
        })
        .onFailure(e -> PatrolRequests.fail(ctx, e));
  }

  private void act(RoutingContext ctx) {
    Principal who = Requests.actor(ctx);
    JsonObject body = Requests.body(ctx);
    HazardAction action;
    try {
      action = HazardAction.fromWire(ctx.pathParam("action"));
    } catch (IllegalArgumentException e) {
      throw new PatrolException(PatrolException.Code.INVALID_REQUEST, e.getMessage());
    }
    long now = System.currentTimeMillis();
    ledger.act(ctx.pathParam("id"), action, body.getLong("deadline"), body.getString("note", ""), who.username(), now,
            who::sees)
        .onSuccess(r -> Requests.json(ctx, 200, PatrolViews.hazard(r, county.get(),
            ledger.stationOfVillage(r.hazard().village()), now)))
        .onFailure(e -> PatrolRequests.fail(ctx, e));
  }

  private static boolean countyWide(Principal who) {
    return !"station".equals(who.role());
  }

  /** The villages of the offices of the caller's stations (all, for county-wide roles). */
  private Stream<String> visibleVillages(Principal who) {
    return county.get().villages().stream().map(Area::code).filter(v -> who.sees(ledger.stationOfVillage(v)));
  }
}
