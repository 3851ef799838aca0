package org.lamplight.console;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.lamplight.auth.DeviceAuthenticator;
import org.lamplight.auth.DeviceTokens;
import org.lamplight.auth.DeviceTokens.DeviceIdentity;
import org.lamplight.auth.AuthThrottle;
import org.lamplight.auth.Tokens.Principal;
import org.lamplight.domain.area.Area;
import org.lamplight.domain.geo.GeoPoint;
import org.lamplight.domain.org.CurrentCounty;
import org.lamplight.domain.road.RoadTravel;
import org.lamplight.domain.road.RoadTravel.Trip;
import org.lamplight.domain.tracking.LiveUnits;
import org.lamplight.domain.tracking.PositionFix;
import org.lamplight.domain.tracking.UnitView;
import org.lamplight.edge.ClientAddress;
import org.lamplight.gateway.web.FieldPhotos;

/**
 * The field app's REST routes: device login (a long-lived device token), photo upload and the way
 * to an incident (and the name of the village it lies in) for the device; and the photos for the console, scoped by the station of the unit
 * that took them. The app's messages go over its WebSocket ({@code /device/ws}), not here.
 */
public final class FieldApi implements ApiRoutes {

  /** Photos never change once stored: a browser may keep them. */
  private static final String PHOTO_CACHING = "private, max-age=31536000, immutable";
  private static final String LISTENER = "field";

  private final Vertx vertx;
  private final DeviceAuthenticator authenticator;
  private final DeviceTokens tokens;
  private final AuthThrottle throttle;
  private final ClientAddress clients;
  private final FieldPhotos photos;
  private final CurrentCounty county;
  private final LiveUnits units;
  private final Supplier<Optional<RoadTravel>> roads;
  private final double straightMetresPerSecond;
  private final String dutyPhone;

  /**
   * @param throttle failed device authentications, counted with the device's MQTT and OsmAnd ones
   * @param county the county as it is now, read per request
   * @param roads travel over the current county's roads; without it (or off the roads) the way is the straight line
   * @param straightKmh the speed that times a straight-line way
   */
  public FieldApi(Vertx vertx, DeviceAuthenticator authenticator, DeviceTokens tokens, AuthThrottle throttle,
                  ClientAddress clients, FieldPhotos photos, CurrentCounty county, LiveUnits units,
                  Supplier<Optional<RoadTravel>> roads, double straightKmh, String dutyPhone) {
    this.vertx = vertx;
    this.authenticator = authenticator;
    this.tokens = tokens;
    this.throttle = throttle;
    this.clients = clients;
    this.photos = photos;
    this.county = county;
    this.units = units;
    this.roads = roads;
    this.straightMetresPerSecond = straightKmh / 3.6;
    this.dutyPhone = dutyPhone;
  }

  @Override
  public Map<String, Long> largeBodies() {
    return Map.of("/device/photos", (long) photos.maxBytes());
  }

  @Override
  public void mountPublic(Router api) {
    api.post("/device/login").handler(this::login);
  }

  @Override
  public void mountDevice(Router api) {
    api.get("/device/me").handler(ctx -> Requests.json(ctx, 200, me(Requests.device(ctx))));
    api.post("/device/photos").handler(this::upload);
    api.get("/device/route").handler(this::route);
  }

  @Override
  public void mount(Router api) {
    api.get("/photos/:photoId").handler(this::photo);
    api.get("/incidents/:id/photos").handler(this::incidentPhotos);
  }

  /** {deviceId, secret} → a device token, as long as the secret stays the device's. Failures are throttled. */
  private void login(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    String deviceId = body.getString("deviceId");
    String address = clients.of(ctx.request());
    long wait = throttle.waitMs(deviceId, address, LISTENER);
    if (wait > 0) {
      throw ApiError.tooManyLogins("device", wait);
    }
    authenticator.verify(deviceId, body.getString("secret"))
        .onSuccess(verified -> {
          if (verified.result() != DeviceAuthenticator.Result.OK) {
            throttle.failed(deviceId, address, LISTENER);
            ctx.fail(ApiError.unauthorized("wrong device id or secret"));
            return;
          }
          throttle.succeeded(deviceId);
          DeviceIdentity device = new DeviceIdentity(deviceId, verified.credential().unitId());
          Requests.json(ctx, 200, me(device).put("token", tokens.issue(verified.credential()))
              .put("tokenType", "Bearer").put("expiresIn", tokens.ttlSeconds()));
        })
        .onFailure(ctx::fail);
  }

  private JsonObject me(DeviceIdentity device) {
    return Views.fieldDevice(device, units.unit(device.unitId()).orElse(null), dutyPhone);
  }

  /** The image itself is the body; {@code ?clientId=} makes a resent upload answer the same photo id. */
  private void upload(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    photos.upload(Requests.device(ctx), ctx.request().getParam("clientId"), body == null ? Buffer.buffer() : body,
            System.currentTimeMillis())
        .onSuccess(id -> Requests.json(ctx, 201, new JsonObject().put("photoId", id)))
        .onFailure(ctx::fail);
  }

  /**
   * {@code ?toLat=&toLon=} (and optionally {@code fromLat=&fromLon=}, else the unit's last
   * position): the way over the roads, or the straight line where no road joins the two; with the
   * name of the village the place lies in, since an order carries only its coordinates.
   */
  private void route(RoutingContext ctx) {
    DeviceIdentity device = Requests.device(ctx);
    GeoPoint to = new GeoPoint(number(ctx, "toLat"), number(ctx, "toLon"));
    GeoPoint from;
    if (ctx.request().getParam("fromLat") != null && ctx.request().getParam("fromLon") != null) {
      from = new GeoPoint(number(ctx, "fromLat"), number(ctx, "fromLon"));
    } else {
      PositionFix fix = units.unit(device.unitId()).map(UnitView::fix).orElse(null);
      if (fix == null) {
        throw new ApiError(409, "no_position", "no position of the unit is known yet; send one, or give fromLat and fromLon");
      }
      from = new GeoPoint(fix.lat(), fix.lon());
    }
    String place = county.get().villageAt(to.lat(), to.lon()).map(Area::name).orElse(null);
    // a search over the county's roads may take a few milliseconds: not on the event loop
    Optional<RoadTravel> overRoads = roads.get();
    vertx.executeBlocking(() -> overRoads.flatMap(r -> r.from(from.lat(), from.lon()).route(to.lat(), to.lon()))
            .map(way -> Views.route(true, way.trip(), way.points(), place))
            .orElseGet(() -> straight(from, to, place)), false)
        .onSuccess(view -> Requests.json(ctx, 200, view))
        .onFailure(ctx::fail);
  }

  private JsonObject straight(GeoPoint from, GeoPoint to, String place) {
    double metres = from.distanceTo(to);
    return Views.route(false, new Trip(Math.round(metres / straightMetresPerSecond * 1000), metres), List.of(from, to),
        place);
  }

  private static double number(RoutingContext ctx, String name) {
    return Double.parseDouble(ctx.request().getParam(name));
  }

  /** A photo for the console: the unit that took it must be in the caller's scope. */
  private void photo(RoutingContext ctx) {
    Principal who = Requests.principal(ctx);
    String id = ctx.pathParam("photoId");
    String etag = "\"" + id + "\"";
    photos.find(id)
        .compose(found -> found.filter(p -> who.sees(p.stationId())).map(Future::succeededFuture)
            .orElseGet(() -> Future.failedFuture(ApiError.notFound("photo " + id))))
        .onSuccess(p -> {
          ctx.response().putHeader("cache-control", PHOTO_CACHING).putHeader("etag", etag);
          if (etag.equals(ctx.request().getHeader("if-none-match"))) {
            ctx.response().setStatusCode(304).end();
          } else {
            ctx.response().putHeader("content-type", p.contentType()).end(p.bytes());
          }
        })
        .onFailure(ctx::fail);
  }

  /** The photos a device's report showed, for the incident it opened; only those in the caller's scope. */
  private void incidentPhotos(RoutingContext ctx) {
    Principal who = Requests.principal(ctx);
    photos.ofIncident(ctx.pathParam("id"))
        .onSuccess(found -> {
          JsonArray out = new JsonArray();
          found.stream().filter(p -> who.sees(p.stationId())).map(Views::photo).forEach(out::add);
          Requests.json(ctx, 200, out);
        })
        .onFailure(ctx::fail);
  }
}
