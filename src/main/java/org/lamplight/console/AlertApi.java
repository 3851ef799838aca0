package org.lamplight.console;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.lamplight.alert.AlertService;
import org.lamplight.auth.Tokens.Principal;

/** Alerts: {@code GET /api/alerts} (the caller's stations only) and {@code POST /api/alerts/{id}/acknowledge}. */
public final class AlertApi implements ApiRoutes {

  private static final int LIST_LIMIT = 200;

  private final AlertService alerts;

  public AlertApi(AlertService alerts) {
    this.alerts = alerts;
  }

  @Override
  public void mount(Router api) {
    api.get("/alerts").handler(this::list);
    api.post("/alerts/:id/acknowledge").handler(this::acknowledge);
  }

  private void list(RoutingContext ctx) {
    Principal who = Requests.principal(ctx);
    alerts.recent(who.countyWide() ? null : who.stationIds(), LIST_LIMIT)
        .onSuccess(found -> Requests.json(ctx, 200, new JsonArray(found.stream().map(Views::alert).toList())))
        .onFailure(ctx::fail);
  }

  /** Acknowledging twice is harmless: the alert keeps who acknowledged it first. */
  private void acknowledge(RoutingContext ctx) {
    Principal who = Requests.actor(ctx);
    long id = id(ctx);
    alerts.find(id)
        .compose(found -> found.filter(a -> who.sees(a.raised().stationId())).isEmpty()
            ? Future.failedFuture(ApiError.notFound("alert " + id))
            : alerts.acknowledge(id, who.username()))
        .map(acked -> acked.orElseThrow(() -> ApiError.notFound("alert " + id)))
        .onSuccess(alert -> Requests.json(ctx, 200, Views.alert(alert)))
        .onFailure(ctx::fail);
  }

  /** The contract takes " 1" for the integer 1; the raw text is read here, so such an id is refused like "abc". */
  private static long id(RoutingContext ctx) {
    try {
      return Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("path parameter 'id' must be an integer without spaces");
    }
  }
}
