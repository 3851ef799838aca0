package org.lamplight.console;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.lamplight.auth.Tokens.Principal;
import org.lamplight.dispatch.DispatchService;
import org.lamplight.domain.dispatch.Incident;
import org.lamplight.domain.dispatch.Travel;
import org.lamplight.domain.dispatch.TravelTimeEstimator;
import org.lamplight.domain.dispatch.TravelTimeEstimator.TravelTimes;
import org.lamplight.domain.geo.GeoPoint;
import org.lamplight.domain.road.RoadTravel;
import org.lamplight.domain.tracking.PositionFix;
import org.lamplight.domain.tracking.LiveUnits;
import org.lamplight.domain.tracking.UnitView;

/**
 * The units a dispatcher may assign to an open incident, soonest there first:
 * {@code GET /api/incidents/{id}/candidates}. The available units the caller may see, the
 * {@code limit} nearest in a straight line, each timed over the county's roads as dispatch times
 * an offer (along the straight line where no road joins the two), then ordered by that time.
 */
final class CandidateApi implements ApiRoutes {

  private static final long DEFAULT_LIMIT = 20;

  private final Vertx vertx;
  private final DispatchService dispatch;
  private final LiveUnits units;
  private final Supplier<Optional<RoadTravel>> roads;
  private final double straightMetresPerSecond;

  /**
   * @param roads travel over the current county's roads; empty when dispatch ranks by the straight line
   * @param straightKmh the speed that times a straight-line trip
   */
  CandidateApi(Vertx vertx, DispatchService dispatch, LiveUnits units, Supplier<Optional<RoadTravel>> roads,
               double straightKmh) {
    this.vertx = vertx;
    this.dispatch = dispatch;
    this.units = units;
    this.roads = roads;
    this.straightMetresPerSecond = straightKmh / 3.6;
  }

  @Override
  public void mount(Router api) {
    api.get("/incidents/:id/candidates").handler(this::candidates);
  }

  private record Candidate(UnitView unit, Travel travel) {}

  private void candidates(RoutingContext ctx) {
    Principal who = Requests.principal(ctx);
    String id = ctx.pathParam("id");
    Incident incident = dispatch.unfinished().stream()
        .filter(i -> i.id().equals(id) && who.sees(dispatch.stationOf(i)))
        .findFirst()
        .orElseThrow(() -> ApiError.notFound("open incident " + id));
    int limit = (int) Requests.queryLong(ctx, "limit", DEFAULT_LIMIT);
    List<UnitView> nearest = units.all().stream()
        .filter(u -> "available".equals(u.status()) && u.fix() != null && who.sees(u.person().stationId()))
        .sorted(Comparator.comparingDouble((UnitView u) -> straightM(incident, u.fix())).thenComparing(u -> u.person().id()))
        .limit(limit)
        .toList();
    TravelTimeEstimator estimator = roads.get().map(TravelTimeEstimator::byRoad).orElse(TravelTimeEstimator.STRAIGHT_LINE);
    // a search over the county's roads may take a few milliseconds: not on the event loop
    vertx.executeBlocking(() -> {
      TravelTimes times = estimator.from(incident.lat(), incident.lon());
      return nearest.stream()
          .map(u -> new Candidate(u, times.to(u.fix().lat(), u.fix().lon()).map(Travel::byRoad)
              .orElseGet(() -> Travel.straightLine(straightM(incident, u.fix()), straightMetresPerSecond))))
          .sorted(Comparator.comparingLong((Candidate c) -> c.travel().etaMs()).thenComparing(c -> c.unit().person().id()))
          .map(c -> Views.candidate(c.unit(), straightM(incident, c.unit().fix()), c.travel()))
          .toList();
    }, false)
        .onSuccess(list -> Requests.json(ctx, 200, new JsonArray(list)))
        .onFailure(ctx::fail);
  }

  private static double straightM(Incident incident, PositionFix fix) {
    return GeoPoint.distanceMeters(incident.lat(), incident.lon(), fix.lat(), fix.lon());
  }
}
