package org.lamplight;

import io.micrometer.core.instrument.binder.jvm.JvmCompilationMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.lamplight.admin.AdminModule;
import org.lamplight.alert.AlertModule;
import org.lamplight.auth.AuthModule;
import org.lamplight.cluster.ClusterModule;
import org.lamplight.cluster.Topology;
import org.lamplight.config.Config;
import org.lamplight.config.Keys;
import org.lamplight.console.ConsoleModule;
import org.lamplight.county.CountyImport;
import org.lamplight.county.CountyRepository;
import org.lamplight.county.Provisioning;
import org.lamplight.dispatch.DispatchModule;
import org.lamplight.county.CountyModule;
import org.lamplight.domain.org.CurrentCounty;
import org.lamplight.gateway.GatewayModule;
import org.lamplight.platform.Deployer;
import org.lamplight.platform.Health;
import org.lamplight.platform.Module;
import org.lamplight.patrol.PatrolModule;
import org.lamplight.platform.Platform;
import org.lamplight.store.Database;
import org.lamplight.store.DeadlinePool;
import org.lamplight.tracking.TrackingModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Lamplight node: the database, the Vert.x instance (clustered or not) and the
 * feature modules, started in order and stopped in reverse. {@link Main} runs one; integration
 * tests run them in-process.
 */
public final class Node {

  private static final Logger LOG = LoggerFactory.getLogger(Node.class);

  private final Database database;
  private final Platform platform;
  /** The platform's pool without deadlines, for the county import: one long transaction by design. */
  private final Pool unbounded;
  private final Deployer deployer;
  /** Garbage collection pauses on /metrics ({@code jvm_gc_pause_seconds}); it listens to the JVM until closed. */
  private final JvmGcMetrics gcPauses;
  private CurrentCounty county;
  private TrackingModule tracking;
  private GatewayModule gateway;
  private PatrolModule patrol;
  private ConsoleModule console;

  private Node(Database database, Platform platform, Pool unbounded, JvmGcMetrics gcPauses) {
    this.database = database;
    this.platform = platform;
    this.unbounded = unbounded;
    this.gcPauses = gcPauses;
    this.deployer = new Deployer(platform.vertx());
  }

  /** Starts a node and blocks until it serves, or throws with the reason. */
  public static Node start(Config config) throws Exception {
    Database database = Database.start(config);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmCompilationMetrics().bindTo(registry);
    JvmGcMetrics gcPauses = new JvmGcMetrics();
    gcPauses.bindTo(registry);
    Topology topology;
    try {
      topology = Topology.start(config, Vertx.builder().withMetrics(new MicrometerMetricsFactory(registry)),
          new VertxOptions().setPreferNativeTransport(config.get(Keys.NATIVE_TRANSPORT))
              .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)));
    } catch (Exception e) {
      gcPauses.close();
      database.close();
      throw e;
    }
    Vertx vertx = topology.vertx();
    if (vertx.isNativeTransportEnabled()) {
      LOG.info("network transport: epoll");
    } else {
      Throwable why = vertx.unavailableNativeTransportCause();
      LOG.info("network transport: the JDK's ({})", why == null ? "native-transport is off" : why.toString());
    }
    Pool pool = database.pool(vertx);
    long deadline = config.get(Keys.PG_DEADLINE);
    Node node = new Node(database, new Platform(config, vertx, new DeadlinePool(vertx, pool, deadline),
        new DeadlinePool(vertx, database.devicePool(vertx, config.get(Keys.PG_DEVICE_POOL_SIZE)), deadline), registry,
        new Health(), topology.nodeId()), pool, gcPauses);
    try {
      node.startModules(topology).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
      return node;
    } catch (Exception e) {
      node.stop();
      throw e;
    }
  }

  private Future<Void> startModules(Topology topology) {
    CountyRepository org = new CountyRepository(platform.vertx(), unbounded);
    CountyImport imports = CountyImport.configured(platform.vertx(), org, platform.config());
    return AuthModule.load(platform).compose(auth -> new Provisioning(platform.vertx(), platform.config(), org,
            imports, auth.accounts()).run()
        .compose(v -> CountyModule.load(platform, org, imports))
        .compose(county -> deploy(modules(topology, county, auth))));
  }

  /** The modules in the order they start; each is handed what it uses, and the seams come from the topology. */
  private List<Module> modules(Topology topology, CountyModule county, AuthModule auth) {
    CurrentCounty current = county.current();
    AlertModule alerts = new AlertModule(platform);
    this.county = current;
    tracking = new TrackingModule(platform, current, topology::updates);
    gateway = new GatewayModule(platform, tracking, auth, current, county::catchUp,
        connectedHere -> topology.connectedAnywhere(tracking.units(), connectedHere), alerts.alerts());
    DispatchModule dispatch = new DispatchModule(platform, current, tracking, gateway, alerts.alerts(), topology.claims(),
        topology.ownership(), topology.dispatchThreading());
    patrol = new PatrolModule(platform, current, tracking, alerts.alerts());
    ClusterModule cluster = topology.module(platform, tracking, gateway, dispatch);
    AdminModule admin = new AdminModule(platform, county, auth, tracking);
    console = new ConsoleModule(platform, current, auth, tracking, cluster.dispatch(), dispatch.incidents(),
        alerts.service(), patrol, gateway, dispatch.roads(), admin.routes(), database::outage);
    return List.of(auth, county, alerts, tracking, gateway, dispatch, patrol, cluster, dispatch.deviceEvents(cluster.dispatch()),
        admin, console);
  }

  private Future<Void> deploy(List<Module> modules) {
    Future<Void> deployed = Future.succeededFuture();
    for (Module m : modules) {
      deployed = deployed.compose(v -> m.deploy(deployer));
    }
    return deployed;
  }

  /** The county as this node knows it now. */
  public CurrentCounty county() {
    return county;
  }

  public TrackingModule tracking() {
    return tracking;
  }

  public GatewayModule gateway() {
    return gateway;
  }

  public PatrolModule patrol() {
    return patrol;
  }

  public ConsoleModule console() {
    return console;
  }

  public Vertx vertx() {
    return platform.vertx();
  }

  public Config config() {
    return platform.config();
  }

  public String nodeId() {
    return platform.nodeId();
  }

  public int httpPort() {
    return console.httpPort();
  }

  /** Stops accepting, drains, closes connections, then stops the database; bounded by shutdown.timeout. */
  public void stop() {
    long timeout = platform.config().get(Keys.SHUTDOWN_TIMEOUT);
    try {
      deployer.undeployAll().eventually(() -> platform.pool().close()).eventually(() -> platform.devicePool().close())
          .eventually(platform.vertx()::close)
          .toCompletionStage().toCompletableFuture().get(timeout, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      LOG.warn("orderly shutdown did not finish within {} ms: {}", timeout, e.toString());
    } finally {
      gcPauses.close();
      database.close();
    }
  }
}
