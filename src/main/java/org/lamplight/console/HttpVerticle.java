package org.lamplight.console;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.JWTAuthHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.lamplight.auth.Tokens;
import org.lamplight.config.Config;
import org.lamplight.platform.Health;
import org.lamplight.platform.Platform;
import org.lamplight.config.ConfigException;
import org.lamplight.config.Keys;
import org.lamplight.edge.HttpListener;

/** The HTTP boundary: health, metrics, the REST API, the WebSocket feed and the console's files. */
public final class HttpVerticle extends VerticleBase {

  private final Config config;
  private final Tokens tokens;
  private final List<ApiRoutes> features;
  private final Health health;
  private final PrometheusMeterRegistry registry;
  private final Pool pool;
  private final Supplier<Optional<String>> databaseOutage;
  private final ConsoleFeed feed;
  private HttpServer server;

  /** @param databaseOutage why the database is known to be down right now (e.g. being restarted), if it is */
  public HttpVerticle(Platform platform, Tokens tokens, List<ApiRoutes> features, ConsoleFeed feed,
                      Supplier<Optional<String>> databaseOutage) {
    this.config = platform.config();
    this.tokens = tokens;
    this.features = features;
    this.health = platform.health();
    this.registry = platform.registry();
    this.pool = platform.pool();
    this.databaseOutage = databaseOutage;
    this.feed = feed;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/health").handler(this::health);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));

    Router api = Router.router(vertx);
    api.route().handler(BodyHandler.create().setBodyLimit(64 * 1024));
    features.forEach(f -> f.mountPublic(api));
    api.route().handler(JWTAuthHandler.create(tokens.provider()));
    features.forEach(f -> f.mount(api));
    api.route().handler(ctx -> ctx.fail(new ApiError(404, "not_found", "no such API route: " + ctx.request().path())));
    router.route("/api/*").subRouter(api);
    router.route("/api/*").failureHandler(ApiErrors::handle);

    router.get("/ws").handler(feed::upgrade);
    router.route("/vendor/leaflet/*").handler(StaticHandler.create("META-INF/resources/webjars/leaflet/1.9.4/dist"));
    router.route("/*").handler(StaticHandler.create("webroot").setCachingEnabled(false));
    router.route().failureHandler(ApiErrors::handle);

    feed.start();
    return new HttpListener(vertx, HttpListener.Limits.http(config), registry).create(router)
        .listen(config.get(Keys.HTTP_PORT), config.get(Keys.HTTP_HOST))
        .recover(e -> Future.failedFuture(ConfigException.portUnavailable(Keys.HTTP_PORT, config.get(Keys.HTTP_PORT), e)))
        .onSuccess(s -> {
          server = s;
          health.up("http", new JsonObject().put("port", s.actualPort()));
        });
  }

  @Override
  public Future<?> stop() {
    feed.stop();
    return server == null ? Future.succeededFuture() : server.close();
  }

  public int actualPort() {
    return server.actualPort();
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
