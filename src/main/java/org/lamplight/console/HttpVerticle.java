package org.lamplight.console;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.JWTAuthHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.lamplight.auth.DeviceTokens;
import org.lamplight.auth.Tokens;
import org.lamplight.config.Config;
import org.lamplight.platform.Health;
import org.lamplight.platform.Platform;
import org.lamplight.config.Keys;
import org.lamplight.edge.HttpListener;
import org.lamplight.gateway.web.WebDeviceGateway;

/** The HTTP boundary: health, metrics, the REST API, the WebSocket feed and the console's files. */
public final class HttpVerticle extends VerticleBase {

  /** API paths behind a device token (the field app's) rather than an account's. */
  private static final String DEVICE_ROUTES = "/device/";

  private final Config config;
  private final Tokens tokens;
  private final DeviceTokens deviceTokens;
  private final WebDeviceGateway devices;
  private final List<ApiRoutes> features;
  private final Health health;
  private final PrometheusMeterRegistry registry;
  private final Pool pool;
  private final Supplier<Optional<String>> databaseOutage;
  private final ConsoleFeed feed;
  private Router router;
  private HttpServer server;
  /** Null unless tls.cert and tls.key are set. */
  private HttpServer tlsServer;

  /**
   * @param devices the field app's WebSocket transport, which takes the upgrades of {@code /device/ws}
   * @param databaseOutage why the database is known to be down right now (e.g. being restarted), if it is
   */
  public HttpVerticle(Platform platform, Tokens tokens, DeviceTokens deviceTokens, List<ApiRoutes> features,
                      ConsoleFeed feed, WebDeviceGateway devices, Supplier<Optional<String>> databaseOutage) {
    this.config = platform.config();
    this.tokens = tokens;
    this.deviceTokens = deviceTokens;
    this.devices = devices;
    this.features = features;
    this.health = platform.health();
    this.registry = platform.registry();
    this.pool = platform.pool();
    this.databaseOutage = databaseOutage;
    this.feed = feed;
  }

  @Override
  public Future<?> start() {
    return ApiContract.load(vertx).compose(contract -> {
      router = router(contract);
      return feed.start();
    }).compose(v -> new HttpListener(vertx, HttpListener.Limits.http(config), registry)
        .listen(router, config, Keys.HTTP_HOST, Keys.HTTP_PORT, Keys.HTTP_TLS_PORT))
    .onSuccess(servers -> {
      server = servers.get(0);
      tlsServer = servers.size() > 1 ? servers.get(1) : null;
      health.up("http", tlsServer == null ? new JsonObject().put("port", server.actualPort())
          : new JsonObject().put("port", server.actualPort()).put("tlsPort", tlsServer.actualPort()));
    });
  }

  /*
   * openapi.yaml is the REST contract: a feature adds its operations there and mounts its handlers
   * (ApiRoutes), nothing more; every /api request is validated against it before any handler, and
   * one missing from it is a 404 (ApiContractIT lists what is in one and not the other). Order:
   * body (size-limited), validation of the public operations, the public routes, the device
   * routes (device token, validation, routes), account authentication (a good token of a disabled
   * account, or one revoked, is refused), validation of the rest, the rest; so a request without a
   * token to a protected route is a 401.
   */
  private Router router(ApiContract contract) {
    Router api = Router.router(vertx);
    JWTAuthHandler authenticate = JWTAuthHandler.create(tokens.provider());
    Handler<RoutingContext> admitted = ctx -> {
      if (tokens.admits(Requests.principal(ctx))) {
        ctx.next();
      } else {
        ctx.fail(ApiError.unauthorized("the account was disabled or its tokens were revoked; log in again"));
      }
    };
    api.route().handler(HttpVerticle::refuseForms);
    // an upload is read only from a caller with a good token (a device's under /device/); a second
    // body handler skips what one read
    features.forEach(f -> f.largeBodies().forEach((path, limit) -> {
      if (path.startsWith(DEVICE_ROUTES)) {
        api.post(path).handler(this::authenticateDevice);
      } else {
        api.post(path).handler(authenticate);
        api.post(path).handler(admitted);
      }
      api.post(path).handler(bodies(limit));
    }));
    api.route().handler(bodies(64 * 1024));
    api.route().handler(contract.publicRequests());
    contract.mountDocuments(api);
    features.forEach(f -> f.mountPublic(api));
    api.route(DEVICE_ROUTES + "*").handler(this::authenticateDevice);
    api.route(DEVICE_ROUTES + "*").handler(contract.authenticatedRequests());
    features.forEach(f -> f.mountDevice(api));
    api.route().handler(authenticate);
    api.route().handler(admitted);
    api.route().handler(contract.authenticatedRequests());
    features.forEach(f -> f.mount(api));
    api.route().handler(ctx -> ctx.fail(ApiError.noSuchRoute(ctx.request().method(), ctx.request().path())));

    Router root = Router.router(vertx);
    String policy = contentSecurityPolicy(config.get(Keys.CONSOLE_TILE_URL));
    root.route().handler(ctx -> {
      String path = ctx.normalizedPath();
      if (!path.startsWith("/api/") || path.startsWith("/api/docs")) {
        ctx.response().putHeader("Content-Security-Policy", policy)
            .putHeader("X-Content-Type-Options", "nosniff")
            .putHeader("Referrer-Policy", "no-referrer");
      }
      ctx.next();
    });
    root.get("/health").handler(this::health);
    root.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
    root.route("/api/*").subRouter(api);
    root.route("/api/*").failureHandler(ApiErrors::handle);
    root.get("/ws").handler(feed::upgrade);
    root.get("/device/ws").handler(ctx -> devices.upgrade(ctx.request()).onFailure(ctx::fail));
    root.route("/vendor/leaflet/*").handler(StaticHandler.create("META-INF/resources/webjars/leaflet/1.9.4/dist"));
    root.route("/vendor/echarts/*").handler(StaticHandler.create("META-INF/resources/webjars/echarts/5.3.1/dist"));
    // phones install the field app from its manifest, a type the static files do not know
    root.routeWithRegex("/field/.*\\.webmanifest").handler(ctx -> {
      ctx.response().putHeader("content-type", "application/manifest+json");
      ctx.next();
    });
    root.route("/*").handler(StaticHandler.create("webroot").setCachingEnabled(false));
    root.route().failureHandler(ApiErrors::handle);
    return root;
  }

  /**
   * What the pages may load: their own scripts only (none inline), so injected markup runs nothing;
   * inline styles, which Leaflet's markers and Swagger UI set; photos and downloads as blob: and
   * data: URLs; and the basemap's tiles from {@code console.tile-url}'s server when it is another.
   */
  static String contentSecurityPolicy(String tileUrl) {
    String tiles = tileSource(tileUrl);
    return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' blob: data:"
        + (tiles == null ? "" : " " + tiles) + "; connect-src 'self'; frame-ancestors 'none'";
  }

  /** scheme://host[:port] of a tile URL template, a {s}-style placeholder in the host a wildcard label; null if relative. */
  static String tileSource(String tileUrl) {
    int scheme = tileUrl.indexOf("://");
    if (scheme < 0) {
      return null;
    }
    int end = tileUrl.indexOf('/', scheme + 3);
    String host = tileUrl.substring(scheme + 3, end < 0 ? tileUrl.length() : end);
    if (host.contains("{")) {
      int dot = host.indexOf('.');
      host = dot < 0 ? "*" : "*" + host.substring(dot);
    }
    return tileUrl.substring(0, scheme + 3) + host;
  }

  /**
   * No route takes a form: one is refused before a body handler sees it, for Vert.x decodes a form's
   * fields as they arrive, and a malformed one (a bad %-escape, too long a field) fails inside the
   * decoder, with exceptions of the decoder's own kinds.
   */
  private static void refuseForms(RoutingContext ctx) {
    String type = ctx.request().getHeader("content-type");
    if (type != null && (startsWithIgnoringCase(type, "application/x-www-form-urlencoded")
        || startsWithIgnoringCase(type, "multipart/"))) {
      ctx.fail(ApiErrors.UNSUPPORTED_MEDIA_TYPE);
    } else {
      ctx.next();
    }
  }

  private static boolean startsWithIgnoringCase(String s, String prefix) {
    return s.regionMatches(true, 0, prefix, 0, prefix.length());
  }

  /**
   * Reads a body of at most {@code limit} bytes into memory. No route takes a form's files: left to
   * the library, any caller's file would be written under the working directory and kept for ever.
   */
  private static BodyHandler bodies(long limit) {
    return BodyHandler.create().setBodyLimit(limit).setHandleFileUploads(false);
  }

  /**
   * A device token in {@code Authorization: Bearer}, checked against the device's current secret
   * (once: an upload's was checked before its body was read, which waits unread meanwhile; the
   * body handler after resumes it).
   */
  private void authenticateDevice(RoutingContext ctx) {
    if (ctx.get(Requests.DEVICE) != null) {
      ctx.next();
      return;
    }
    String header = ctx.request().getHeader("Authorization");
    String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
    if (!ctx.request().isEnded()) {
      ctx.request().pause();
    }
    deviceTokens.verify(token)
        .onSuccess(device -> {
          ctx.put(Requests.DEVICE, device);
          ctx.next();
        })
        .onFailure(e -> {
          ctx.request().resume();
          ctx.fail(e);
        });
  }


  @Override
  public Future<?> stop() {
    feed.stop();
    return Future.join(Stream.of(server, tlsServer).filter(Objects::nonNull).map(HttpServer::close).toList());
  }

  public int actualPort() {
    return server.actualPort();
  }

  /** -1 when no certificate is configured. */
  public int actualTlsPort() {
    return tlsServer == null ? -1 : tlsServer.actualPort();
  }

  /** What this node serves over HTTP, for checking it against the contract. */
  public List<Route> routes() {
    return router.getRoutes();
  }

  private void health(RoutingContext ctx) {
    // while the embedded server is being restarted, asking it would only time out
    Optional<String> outage = databaseOutage.get();
    Future<?> ping = outage.isPresent() ? Future.failedFuture(outage.get()) : pool.query("select 1").execute();
    ping.timeout(2, TimeUnit.SECONDS)
        .onComplete(ar -> {
          if (ar.succeeded()) {
            health.up("database", new JsonObject());
          } else {
            health.down("database", String.valueOf(ar.cause().getMessage()));
          }
          JsonObject components = health.snapshot();
          boolean allUp = components.stream().allMatch(e -> "up".equals(((JsonObject) e.getValue()).getString("status")));
          Requests.json(ctx, allUp ? 200 : 503,
              new JsonObject().put("status", allUp ? "up" : "down").put("components", components));
        });
  }
}
