package org.lamplight.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Comparator;
import java.util.UUID;
import java.util.function.Supplier;
import org.lamplight.domain.dispatch.Caller;
import org.lamplight.domain.dispatch.Order;
import org.lamplight.domain.dispatch.OrderAction;
import org.lamplight.domain.org.CurrentCounty;
import org.lamplight.domain.tracking.LiveUnits;
import org.lamplight.domain.tracking.OrderChannel;
import org.lamplight.domain.tracking.UnitView;
import org.lamplight.gateway.OrderOutbox;
import org.lamplight.store.PositionRepository;

/**
 * The county and its units: {@code GET /api/org}, {@code /api/units}, {@code /api/units/{id}/track},
 * and {@code POST /api/units/{id}/locate}, which asks the unit's device for a position now.
 */
public final class OrgApi implements ApiRoutes {

  private static final long DAY_MS = 86_400_000L;
  private static final int TRACK_LIMIT = 20_000;

  private final Supplier<String> org;
  private final LiveUnits units;
  private final PositionRepository positions;
  private final OrderOutbox outbox;

  public OrgApi(CurrentCounty county, LiveUnits units, PositionRepository positions, OrderOutbox outbox) {
    this.org = county.derived(c -> Views.org(c).encode());
    this.units = units;
    this.positions = positions;
    this.outbox = outbox;
  }

  @Override
  public void mount(Router api) {
    api.get("/org").handler(ctx -> ctx.response().putHeader("content-type", "application/json; charset=utf-8")
        .end(org.get()));
    api.get("/units").handler(this::listUnits);
    api.get("/units/:unitId").handler(ctx -> Requests.json(ctx, 200, Views.unit(visibleUnit(ctx))));
    api.get("/units/:unitId/track").handler(this::track);
    api.post("/units/:unitId/locate").handler(this::locate);
  }

  private UnitView visibleUnit(RoutingContext ctx) {
    return units.unit(ctx.pathParam("unitId"))
        .filter(u -> Requests.principal(ctx).sees(u.person().stationId()))
        .orElseThrow(() -> ApiError.notFound("unit " + ctx.pathParam("unitId")));
  }

  /** History of one unit between {@code from} and {@code to} (epoch ms; default the last 24 h), oldest first. */
  private void track(RoutingContext ctx) {
    UnitView unit = visibleUnit(ctx);
    long to = Requests.queryLong(ctx, "to", System.currentTimeMillis());
    long from = Requests.queryLong(ctx, "from", to - DAY_MS);
    if (from > to) {
      throw ApiError.badRequest("'from' must not be after 'to'");
    }
    positions.track(unit.person().id(), from, to, TRACK_LIMIT)
        .onSuccess(points -> Requests.json(ctx, 200, new JsonObject().put("unitId", unit.person().id())
            .put("from", from).put("to", to).put("points", new JsonArray(points.stream().map(Views::trackPoint).toList()))
            .put("truncated", points.size() == TRACK_LIMIT)))
        .onFailure(ctx::fail);
  }

  /**
   * Sends the unit's device a {@code locate} order outside any incident; its fresh fix then comes in
   * like any other. Refused when no online device of the unit takes orders or locate requests.
   */
  private void locate(RoutingContext ctx) {
    Requests.actor(ctx);
    UnitView unit = visibleUnit(ctx);
    if (!unit.online() || unit.deviceId() == null || unit.channel() == OrderChannel.NONE) {
      throw ApiError.conflict("unit " + unit.person().id() + " has no online device that can be asked for"
          + " a position (Traccar Client and OsmAnd report on their own schedule)");
    }
    String orderId = "locate-" + UUID.randomUUID();
    Order order = new Order(orderId, null, null, OrderAction.LOCATE, null, 0, 0, 0, null, 0, null, Caller.NONE);
    outbox.send(unit.deviceId(), orderId, order)
        .onSuccess(v -> Requests.json(ctx, 202, new JsonObject().put("unitId", unit.person().id())
            .put("deviceId", unit.deviceId()).put("orderId", orderId)))
        .onFailure(ctx::fail);
  }

  private void listUnits(RoutingContext ctx) {
    var principal = Requests.principal(ctx);
    String station = ctx.request().getParam("station");
    String status = ctx.request().getParam("status");
    var list = units.all().stream()
        .filter(u -> principal.sees(u.person().stationId()))
        .filter(u -> station == null || station.equals(u.person().stationId()))
        .filter(u -> status == null || status.equals(u.status()))
        .sorted(Comparator.comparing((UnitView u) -> u.person().id()))
        .map(Views::unit)
        .toList();
    Requests.json(ctx, 200, new JsonArray(list));
  }
}
