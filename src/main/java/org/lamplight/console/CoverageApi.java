package org.lamplight.console;

import static org.lamplight.console.PatrolRequests.date;
import static org.lamplight.console.PatrolRequests.guarded;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.lamplight.auth.Tokens.Principal;
import org.lamplight.domain.area.Area;
import org.lamplight.domain.org.County;
import org.lamplight.domain.org.CurrentCounty;
import org.lamplight.domain.org.Office;
import org.lamplight.patrol.CoverageFigures;
import org.lamplight.patrol.CoverageLevel;
import org.lamplight.patrol.CoverageService;
import org.lamplight.patrol.HistoryImport;

/**
 * Patrol coverage: figures per village, workstation, office, station or unit over a range of days
 * (JSON, CSV or Excel), coverage per day, the villages' requirements and the recompute of past days.
 * A station account sees what belongs to its stations only.
 */
public final class CoverageApi implements ApiRoutes {

  private final CoverageService coverage;
  private final HistoryImport history;
  private final CurrentCounty county;

  public CoverageApi(CoverageService coverage, HistoryImport history, CurrentCounty county) {
    this.coverage = coverage;
    this.history = history;
    this.county = county;
  }

  @Override
  public void mount(Router api) {
    api.get("/coverage").handler(guarded(this::figures));
    api.get("/coverage/daily").handler(guarded(this::daily));
    api.get("/coverage/live").handler(guarded(this::live));
    api.get("/coverage/requirements").handler(guarded(ctx -> coverage.requirements()
        .onSuccess(r -> Requests.json(ctx, 200, PatrolViews.requirements(r, county.get())))
        .onFailure(e -> PatrolRequests.fail(ctx, e))));
    api.put("/coverage/requirements/:village").handler(guarded(ctx -> setRequirement(ctx,
        Requests.body(ctx).getInteger("visitsPerDay"))));
    api.delete("/coverage/requirements/:village").handler(guarded(ctx -> setRequirement(ctx, null)));
    api.post("/coverage/recompute").handler(guarded(this::recompute));
    api.post("/history/import").handler(guarded(this::importHistory));
    api.get("/coverage/recompute").handler(guarded(ctx -> {
      PatrolRequests.admin(ctx);
      var last = coverage.lastRecompute();
      if (last == null) {
        throw ApiError.notFound("recompute");
      }
      Requests.json(ctx, 200, PatrolViews.recompute(last));
    }));
  }

  private void figures(RoutingContext ctx) {
    Principal who = Requests.principal(ctx);
    LocalDate today = coverage.today();
    LocalDate from = date(ctx, "from", today);
    LocalDate to = date(ctx, "to", from);
    CoverageLevel level = CoverageLevel.fromWire(ctx.request().getParam("level", "village"));
    String format = PatrolRequests.format(ctx);
    coverage.figures(from, to, level)
        .onSuccess(all -> {
          List<CoverageFigures> seen = all.stream().filter(f -> who.sees(f.stationId())).toList();
          if ("json".equals(format)) {
            Requests.json(ctx, 200, new JsonArray(seen.stream().map(f -> PatrolViews.coverage(f, level)).toList()));
          } else {
            Sheet.send(ctx, format, "coverage-" + level.wire() + "-" + from + "-" + to,
                List.of(PatrolViews.coverageSheet(seen, level)));
          }
        })
        .onFailure(e -> PatrolRequests.fail(ctx, e));
  }

  private void daily(RoutingContext ctx) {
    Principal who = Requests.principal(ctx);
    LocalDate today = coverage.today();
    LocalDate to = date(ctx, "to", today);
    LocalDate from = date(ctx, "from", to.minusDays(29));
    coverage.daily(from, to, visibleVillages(who))
        .onSuccess(days -> Requests.json(ctx, 200, new JsonArray(days.stream().map(PatrolViews::daily).toList())))
        .onFailure(e -> PatrolRequests.fail(ctx, e));
  }

  private void live(RoutingContext ctx) {
    Principal who = Requests.principal(ctx);
    long now = System.currentTimeMillis();
    coverage.live()
        .onSuccess(all -> Requests.json(ctx, 200, new JsonArray(all.stream().filter(v -> who.sees(v.stationId()))
            .map(v -> PatrolViews.patrolStatus(v, now)).toList())))
        .onFailure(e -> PatrolRequests.fail(ctx, e));
  }

  /** The villages a caller may see: those of the offices of its stations (all, for county-wide roles). */
  private List<String> visibleVillages(Principal who) {
    County county = this.county.get();
    return county.villages().stream().map(Area::code)
        .filter(v -> who.sees(county.officeCovering(v).map(Office::stationId).orElse(null)))
        .toList();
  }

  private void setRequirement(RoutingContext ctx, Integer visitsPerDay) {
    Principal who = PatrolRequests.countyActor(ctx);
    coverage.setRequirement(ctx.pathParam("village"), visitsPerDay, who.username())
        .compose(v -> coverage.requirements())
        .onSuccess(r -> Requests.json(ctx, 200, PatrolViews.requirements(r, county.get())))
        .onFailure(e -> PatrolRequests.fail(ctx, e));
  }

  /** Past fixes of one device, written into history as simulated; a recompute makes them count. */
  private void importHistory(RoutingContext ctx) {
    PatrolRequests.admin(ctx);
    JsonObject body = Requests.body(ctx);
    List<double[]> fixes = new ArrayList<>();
    for (Object f : body.getJsonArray("fixes")) {
      JsonArray fix = (JsonArray) f;
      fixes.add(new double[] {fix.getDouble(0), fix.getDouble(1), fix.getDouble(2)});
    }
    history.fixes(body.getString("deviceId"), fixes, System.currentTimeMillis())
        .onSuccess(r -> Requests.json(ctx, 200, new JsonObject().put("accepted", r.accepted()).put("written", r.written())
            .put("refused", new JsonArray(r.refused()))))
        .onFailure(e -> PatrolRequests.fail(ctx, e));
  }

  private void recompute(RoutingContext ctx) {
    Principal who = PatrolRequests.admin(ctx);
    LocalDate from = date(ctx, "from", null);
    LocalDate to = date(ctx, "to", null);
    if (from == null || to == null) {
      throw ApiError.badRequest("give the days to recompute as from=YYYY-MM-DD&to=YYYY-MM-DD");
    }
    Requests.json(ctx, 202, PatrolViews.recompute(coverage.recompute(from, to, who.username())));
  }
}
