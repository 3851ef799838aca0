package org.lamplight;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.lamplight.auth.SecretHash;
import org.lamplight.cluster.Cluster;
import org.lamplight.cluster.ClusterDispatchService;
import org.lamplight.cluster.ClusterPresence;
import org.lamplight.cluster.ClusterUnitClaims;
import org.lamplight.cluster.ClusterVerticle;
import org.lamplight.cluster.IncidentMirror;
import org.lamplight.cluster.IncidentOwners;
import org.lamplight.cluster.UnitUpdates;
import org.lamplight.config.Config;
import org.lamplight.config.Keys;
import org.lamplight.console.Alerts;
import org.lamplight.console.ApiRoutes;
import org.lamplight.console.AuthApi;
import org.lamplight.console.BasemapApi;
import org.lamplight.console.ConsoleFeed;
import org.lamplight.console.Health;
import org.lamplight.console.IncidentApi;
import org.lamplight.dispatch.DispatchService;
import org.lamplight.dispatch.DispatchVerticle;
import org.lamplight.dispatch.IncidentOwnership;
import org.lamplight.dispatch.IncidentCodec;
import org.lamplight.dispatch.LiveUnitDirectory;
import org.lamplight.dispatch.ResponsePlanFile;
import org.lamplight.domain.dispatch.DispatchEngine;
import org.lamplight.domain.dispatch.MapUnitClaims;
import org.lamplight.domain.dispatch.RankingSettings;
import org.lamplight.domain.dispatch.UnitClaims;
import org.lamplight.store.IncidentRepository;
import org.lamplight.console.HttpVerticle;
import org.lamplight.console.OrgApi;
import org.lamplight.console.Tokens;
import org.lamplight.county.CountyImport;
import org.lamplight.county.CountyRepository;
import org.lamplight.county.Provisioning;
import org.lamplight.domain.org.County;
import org.lamplight.domain.tracking.FixValidator;
import org.lamplight.domain.tracking.LiveUnits;
import org.lamplight.auth.DeviceAuthenticator;
import org.lamplight.gateway.OrderOutbox;
import org.lamplight.gateway.Presence;
import org.lamplight.gateway.mqtt.MqttGatewayVerticle;
import org.lamplight.gateway.mqtt.SessionRegistry;
import org.lamplight.gateway.osmand.OsmAndVerticle;
import org.lamplight.store.AccountRepository;
import org.lamplight.store.OrderRepository;
import org.lamplight.store.PositionRepository;
import org.lamplight.tracking.HistoryBuffer;
import org.lamplight.tracking.HistoryWriterVerticle;
import org.lamplight.tracking.IngestMetrics;
import org.lamplight.tracking.LocalUpdates;
import org.lamplight.tracking.MicrometerIngestMetrics;
import org.lamplight.tracking.PositionPipeline;
import org.lamplight.store.Database;
import org.lamplight.store.DeviceRepository;
import org.lamplight.store.SettingsRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Lamplight node: the database, the Vert.x instance and the verticles, started in
 * order and stopped in reverse. {@link Main} runs one; integration tests run them in-process.
 */
public final class Node {

  private static final Logger LOG = LoggerFactory.getLogger(Node.class);
  /** Grid cell edge of the unit index: about the spacing of villages, so a query touches few cells. */
  private static final double INDEX_CELL_METERS = 1000;

  private final Config config;
  private final Database database;
  private final Vertx vertx;
  private final PrometheusMeterRegistry registry;
  private final Pool pool;
  private final List<String> deployments = new ArrayList<>();
  private final Health health = new Health();
  /** Null on a single node. */
  private final Cluster cluster;
  private final String nodeId;
  private LiveUnits units;
  private HttpVerticle http;
  private int mqttPort;
  private int mqttTlsPort;
  private ConsoleFeed feed;
  private OrderOutbox orderOutbox;
  private DispatchService dispatch;
  private int osmandPort;

  private Node(Config config, Database database, Vertx vertx, PrometheusMeterRegistry registry, Cluster cluster) {
    this.config = config;
    this.database = database;
    this.vertx = vertx;
    this.registry = registry;
    this.cluster = cluster;
    this.nodeId = cluster == null ? UUID.randomUUID().toString().substring(0, 8) : cluster.nodeId();
    this.pool = database.pool(vertx);
  }

  /** Starts a node and blocks until it serves, or throws with the reason. */
  public static Node start(Config config) throws Exception {
    Database database = Database.start(config);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    VertxOptions options = new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true));
    VertxBuilder builder = Vertx.builder().withMetrics(new MicrometerMetricsFactory(registry));
    Cluster cluster;
    try {
      cluster = config.get(Keys.CLUSTER_ENABLED) ? Cluster.join(builder, options, config) : null;
    } catch (Exception e) {
      database.close();
      throw e;
    }
    Vertx vertx = cluster == null ? builder.with(options).build() : cluster.vertx();
    Node node = new Node(config, database, vertx, registry, cluster);
    try {
      node.deployAll().toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
      return node;
    } catch (Exception e) {
      node.stop();
      throw e;
    }
  }

  private Future<Void> deployAll() {
    CountyRepository org = new CountyRepository(pool);
    AccountRepository accounts = new AccountRepository(pool);
    DeviceRepository devices = new DeviceRepository(pool);
    SettingsRepository settings = new SettingsRepository(pool);
    return new Provisioning(vertx, config, org, CountyImport.configured(vertx, org, config), accounts).run()
        .compose(v -> org.load())
        .compose(county -> settings.getOrCreate("auth.signing-key", SecretHash.randomSecret(32))
            .compose(key -> deployVerticles(county, new Tokens(vertx, key, config.get(Keys.AUTH_TOKEN_TTL)), accounts, devices)));
  }

  private Future<Void> deployVerticles(County county, Tokens tokens, AccountRepository accounts, DeviceRepository devices) {
    FixValidator validator = new FixValidator(config.get(Keys.FIX_MAX_FUTURE), config.get(Keys.FIX_MAX_AGE),
        config.get(Keys.FIX_MAX_SPEED));
    units = new LiveUnits(county.people(), county.devices(), validator, INDEX_CELL_METERS);
    registry.gauge("lamplight.units.tracked", units, LiveUnits::tracked);
    IngestMetrics ingestMetrics = new MicrometerIngestMetrics(registry);
    HistoryBuffer history = new HistoryBuffer(config.get(Keys.HISTORY_BUFFER), ingestMetrics);
    registry.gauge("lamplight.history.buffered", history, HistoryBuffer::size);
    UnitUpdates shared = cluster == null ? null : new UnitUpdates(units);
    PositionPipeline pipeline = new PositionPipeline(validator, units, history, ingestMetrics,
        shared == null ? LocalUpdates.NONE : shared);
    PositionRepository positions = new PositionRepository(pool);
    OrderRepository orders = new OrderRepository(pool, config.get(Keys.MQTT_ORDER_QUEUE));
    orderOutbox = new OrderOutbox(orders, vertx.eventBus());
    DeviceAuthenticator deviceAuth = new DeviceAuthenticator(vertx, devices);
    SessionRegistry sessions = new SessionRegistry();
    registry.gauge("lamplight.mqtt.connections", sessions, SessionRegistry::size);
    ClusterPresence clusterPresence = cluster == null ? null : new ClusterPresence(cluster, units, sessions::isConnected);
    Presence presence = new Presence(vertx, units, config.get(Keys.PRESENCE_GRACE),
        clusterPresence == null ? sessions::isConnected : clusterPresence::connectedAnywhere);
    AuthApi auth = new AuthApi(vertx, tokens, accounts, devices, config.get(Keys.AUTH_DEVICE_HASH_ITERATIONS));
    IncidentRepository incidents = new IncidentRepository(pool);
    LiveUnitDirectory directory = new LiveUnitDirectory(units, county);
    UnitClaims claims = cluster == null ? new MapUnitClaims() : new ClusterUnitClaims(cluster);
    IncidentOwners owners = cluster == null ? null : new IncidentOwners(cluster);
    DispatchEngine engine = new DispatchEngine(ResponsePlanFile.load(Path.of(config.get(Keys.DISPATCH_PLANS))), directory,
        claims, new RankingSettings(config.get(Keys.DISPATCH_SPEED_KMH) / 3.6, RankingSettings.defaults().localSlackMs(),
            RankingSettings.defaults().localSlackRatio(), RankingSettings.defaults().candidateLimit()));
    DispatchVerticle dispatcher = new DispatchVerticle(engine, claims, directory, units, incidents, orderOutbox,
        owners == null ? IncidentOwnership.SINGLE_NODE : owners);
    IncidentMirror mirror = cluster == null ? null : new IncidentMirror(units, dispatcher::drives);
    ClusterDispatchService routed = cluster == null ? null
        : new ClusterDispatchService(vertx, cluster, owners, dispatcher, mirror);
    dispatch = routed == null ? dispatcher : routed;
    Alerts alerts = new Alerts();
    ConsoleFeed feed = new ConsoleFeed(vertx, tokens, units, alerts,
        () -> dispatch.unfinished().stream().map(i -> IncidentCodec.view(i, dispatch.stationOf(i))).toList(),
        config.get(Keys.CONSOLE_TICK), config.get(Keys.CONSOLE_QUEUE), registry);
    this.feed = feed;
    List<ApiRoutes> routes = List.of(new OrgApi(county, units, positions),
        new BasemapApi(county, config.get(Keys.CONSOLE_TILE_URL), config.get(Keys.CONSOLE_TICK)),
        new IncidentApi(dispatch, incidents, alerts));
    http = new HttpVerticle(config, tokens, auth, routes, health, registry, pool, feed);
    int mqttInstances = config.get(Keys.MQTT_INSTANCES) > 0 ? config.get(Keys.MQTT_INSTANCES)
        : Runtime.getRuntime().availableProcessors();
    List<MqttGatewayVerticle> gateways = new ArrayList<>();
    OsmAndVerticle[] osmand = new OsmAndVerticle[1];
    return deploy(() -> new HistoryWriterVerticle(history, positions, ingestMetrics, config.get(Keys.HISTORY_BATCH),
        config.get(Keys.HISTORY_FLUSH)), 1)
        .compose(v -> deploy(() -> {
          MqttGatewayVerticle g = new MqttGatewayVerticle(config, deviceAuth, sessions, pipeline, presence, orders, nodeId);
          gateways.add(g);
          return g;
        }, mqttInstances))
        .onSuccess(v -> {
          mqttPort = gateways.get(0).actualPort();
          mqttTlsPort = gateways.get(0).actualTlsPort();
          health.up("mqtt", new io.vertx.core.json.JsonObject().put("port", mqttPort).put("instances", mqttInstances));
          LOG.info("MQTT device endpoint on port {}", mqttPort);
        })
        .compose(v -> deploy(() -> osmand[0] = new OsmAndVerticle(config, deviceAuth, pipeline, presence), 1))
        .onSuccess(v -> {
          osmandPort = osmand[0].actualPort();
          health.up("osmand", new io.vertx.core.json.JsonObject().put("port", osmandPort));
          LOG.info("Traccar Client / OsmAnd endpoint on port {}", osmandPort);
        })
        // in a cluster, claims and ownership are blocking Hazelcast calls made inside decisions
        .compose(v -> deploy(() -> dispatcher, new DeploymentOptions()
            .setThreadingModel(cluster == null ? ThreadingModel.EVENT_LOOP : ThreadingModel.WORKER)))
        .compose(v -> cluster == null ? Future.succeededFuture() : deploy(() -> new ClusterVerticle(cluster, units, shared,
            config.get(Keys.CLUSTER_SHARE_INTERVAL), clusterPresence, presence, mirror, routed, incidents, health), 1))
        .compose(v -> deploy(() -> http, 1))
        .onSuccess(v -> LOG.info("HTTP API and console on port {}", http.actualPort()));
  }

  private Future<Void> deploy(Supplier<io.vertx.core.Deployable> verticle, int instances) {
    return deploy(verticle, new DeploymentOptions().setInstances(instances));
  }

  private Future<Void> deploy(Supplier<io.vertx.core.Deployable> verticle, DeploymentOptions options) {
    return vertx.deployVerticle(verticle, options).onSuccess(deployments::add).mapEmpty();
  }

  public int mqttPort() {
    return mqttPort;
  }

  /** -1 when no TLS certificate is configured. */
  public int mqttTlsPort() {
    return mqttTlsPort;
  }

  public int osmandPort() {
    return osmandPort;
  }

  public String nodeId() {
    return nodeId;
  }

  public int httpPort() {
    return http.actualPort();
  }

  public OrderOutbox orderOutbox() {
    return orderOutbox;
  }

  public DispatchService dispatch() {
    return dispatch;
  }

  public ConsoleFeed feed() {
    return feed;
  }

  public LiveUnits units() {
    return units;
  }

  public Vertx vertx() {
    return vertx;
  }

  public Config config() {
    return config;
  }

  /** Stops accepting, drains, closes connections, then stops the database; bounded by shutdown.timeout. */
  public void stop() {
    long timeout = config.get(Keys.SHUTDOWN_TIMEOUT);
    try {
      Future<Void> undeployed = Future.succeededFuture();
      for (int i = deployments.size() - 1; i >= 0; i--) {
        String id = deployments.get(i);
        undeployed = undeployed.compose(v -> vertx.undeploy(id));
      }
      undeployed.eventually(() -> pool.close()).eventually(vertx::close)
          .toCompletionStage().toCompletableFuture().get(timeout, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      LOG.warn("orderly shutdown did not finish within {} ms: {}", timeout, e.toString());
    } finally {
      database.close();
    }
  }
}
