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
import org.lamplight.config.Config;
import org.lamplight.config.ConfigException;
import org.lamplight.config.Keys;
import org.lamplight.store.Database;

/** The HTTP boundary: health, metrics, the REST API, the WebSocket feed and the console's files. */
public final class HttpVerticle extends VerticleBase {

  private final Config config;
  private final Tokens tokens;
  private final AuthApi auth;
  private final List<ApiRoutes> features;
  private final Health health;
  private final PrometheusMeterRegistry registry;
  private final Pool pool;
  private final Database database;
  private final ConsoleFeed feed;
  private HttpServer server;

  public HttpVerticle(Config config, Tokens tokens, AuthApi auth, List<ApiRoutes> features, Health health,
                      PrometheusMeterRegistry registry, Pool pool, Database database, ConsoleFeed feed) {
    this.config = config;
    this.tokens = tokens;
    this.auth = auth;
    this.features = features;
    this.health = health;
    this.registry = registry;
    this.pool = pool;
    this.database = database;
    this.feed = feed;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/health").handler(this::health);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));

    Router api = Router.router(vertx);
    api.route().handler(BodyHandler.create().setBodyLimit(64 * 1024));
    auth.mountLogin(api);
    api.route().handler(JWTAuthHandler.create(tokens.provider()));
    auth.mount(api);
    features.forEach(f -> f.mount(api));
    api.route().handler(ctx -> ctx.fail(new ApiError(404, "not_found", "no such API route: " + ctx.request().path())));
    router.route("/api/*").subRouter(api);
    router.route("/api/*").failureHandler(ApiErrors::handle);

    router.get("/ws").handler(feed::upgrade);
    router.route("/vendor/leaflet/*").handler(StaticHandler.create("META-INF/resources/webjars/leaflet/1.9.4/dist"));
    router.route("/*").handler(StaticHandler.create("webroot").setCachingEnabled(false));
    router.route().failureHandler(ApiErrors::handle);

    feed.start();
    return vertx.createHttpServer()
        .requestHandler(router)
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
    Optional<String> outage = database.outage();
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
