package org.lamplight.console;

import static org.lamplight.console.PatrolRequests.guarded;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lamplight.auth.Tokens.Principal;
import org.lamplight.domain.evaluation.EvaluationMonth;
import org.lamplight.domain.evaluation.Inspection;
import org.lamplight.domain.org.County;
import org.lamplight.domain.org.CurrentCounty;
import org.lamplight.patrol.EvaluationService;
import org.lamplight.patrol.EvaluationSheet;

/**
 * The monthly evaluation: a month's sheet (JSON, CSV, Excel), the brigade's inspections, closing a
 * month (frozen, audited) and the yearly ranking. A station account sees its stations' rows.
 */
public final class EvaluationApi implements ApiRoutes {

  private final EvaluationService evaluations;
  private final CurrentCounty county;

  public EvaluationApi(EvaluationService evaluations, CurrentCounty county) {
    this.evaluations = evaluations;
    this.county = county;
  }

  @Override
  public void mount(Router api) {
    api.get("/evaluations/:month").handler(guarded(this::sheet));
    api.post("/evaluations/:month/inspections").handler(guarded(this::inspect));
    api.post("/evaluations/:month/close").handler(guarded(this::close));
    api.get("/rankings/:year").handler(guarded(this::ranking));
  }

  private EvaluationMonth month(RoutingContext ctx) {
    return PatrolRequests.month(ctx.pathParam("month"), evaluations.settings().closingDay());
  }

  private void sheet(RoutingContext ctx) {
    Principal who = Requests.principal(ctx);
    EvaluationMonth month = month(ctx);
    String format = PatrolRequests.format(ctx);
    evaluations.evaluation(month)
        .onSuccess(sheet -> {
          if ("json".equals(format)) {
            send(ctx, sheet, who);
          } else {
            Sheet.send(ctx, format, "evaluation-" + month,
                PatrolViews.evaluationSheets(sheet, county.get(), who::sees));
          }
        })
        .onFailure(e -> PatrolRequests.fail(ctx, e));
  }

  private void inspect(RoutingContext ctx) {
    Principal who = PatrolRequests.countyActor(ctx);
    EvaluationMonth month = month(ctx);
    List<Inspection> inspections = new ArrayList<>();
    for (Object o : Requests.body(ctx).getJsonArray("inspections", new JsonArray())) {
      @SuppressWarnings("unchecked")
      Map<String, ?> map = ((JsonObject) o).getMap();
      inspections.add(Inspection.fromMap(map));
    }
    evaluations.inspect(month, inspections, who.username())
        .compose(v -> evaluations.evaluation(month))
        .onSuccess(sheet -> send(ctx, sheet, who))
        .onFailure(e -> PatrolRequests.fail(ctx, e));
  }

  private void close(RoutingContext ctx) {
    Principal who = PatrolRequests.countyActor(ctx);
    evaluations.close(month(ctx), who.username(), System.currentTimeMillis())
        .onSuccess(sheet -> send(ctx, sheet, who))
        .onFailure(e -> PatrolRequests.fail(ctx, e));
  }

  /** A county's sheet is megabytes of JSON: rendered and encoded on a worker, not on the event loop. */
  private void send(RoutingContext ctx, EvaluationSheet sheet, Principal who) {
    County now = county.get();
    ctx.vertx().executeBlocking(() -> PatrolViews.evaluation(sheet, now, who::sees).toBuffer(), false)
        .onSuccess(json -> Requests.encoded(ctx, 200, json))
        .onFailure(e -> PatrolRequests.fail(ctx, e));
  }

  private void ranking(RoutingContext ctx) {
    Principal who = Requests.principal(ctx);
    int year;
    try {
      year = Integer.parseInt(ctx.pathParam("year"));
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("the year must be a number like 2024");
    }
    evaluations.ranking(year)
        .onSuccess(r -> Requests.json(ctx, 200, PatrolViews.ranking(r, county.get(), who::sees)))
        .onFailure(e -> PatrolRequests.fail(ctx, e));
  }
}
