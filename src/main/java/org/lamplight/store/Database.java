package org.lamplight.store;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.lamplight.config.Config;
import org.lamplight.config.ConfigException;
import org.lamplight.config.Keys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server Lamplight uses: the external one named by {@code pg.url}, or an embedded
 * one whose cluster lives under the data directory and survives restarts. Start-up is blocking
 * and runs before any verticle; the schema is brought up to date by Flyway migrations.
 */
public final class Database implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  /** The embedded cluster's password file, in {@code data.dir/pg}, readable by its owner only. */
  public static final String EMBEDDED_PASSWORD_FILE = "lamplight-password";
  /** Calls waiting for a connection; beyond it a call fails at once, as the database is not keeping up. */
  private static final int MAX_WAITING = 4096;

  /** Null with an external server. */
  private final EmbeddedCluster embedded;
  private final PgConnectOptions connectOptions;
  private final int poolSize;
  private final long deadlineMs;
  /** Null with an external server: Lamplight does not run it, so it does not restart it. */
  private final EmbeddedSupervisor supervisor;

  private Database(EmbeddedCluster embedded, PgConnectOptions connectOptions, int poolSize, long deadlineMs) {
    this.embedded = embedded;
    this.connectOptions = connectOptions;
    this.poolSize = poolSize;
    this.deadlineMs = deadlineMs;
    this.supervisor = embedded == null ? null : new EmbeddedSupervisor(embedded);
  }

  public static Database start(Config config) {
    String url = config.get(Keys.PG_URL);
    int poolSize = config.get(Keys.PG_POOL_SIZE);
    long deadline = config.get(Keys.PG_DEADLINE);
    Database db;
    if (url.isBlank()) {
      db = startEmbedded(Path.of(config.get(Keys.DATA_DIR)).resolve("pg"), config.get(Keys.PG_EMBEDDED_PORT), poolSize,
          deadline);
    } else {
      db = new Database(null, parseUrl(url), poolSize, deadline);
    }
    db.migrate();
    return db;
  }

  private static Database startEmbedded(Path dir, int port, int poolSize, long deadlineMs) {
    EmbeddedCluster cluster = EmbeddedCluster.start(dir, port);
    LOG.info("embedded PostgreSQL on port {} (data in {})", cluster.port(), dir.toAbsolutePath());
    PgConnectOptions options = new PgConnectOptions()
        .setHost("localhost").setPort(cluster.port())
        .setDatabase("postgres").setUser("postgres").setPassword(cluster.password());
    return new Database(cluster, options, poolSize, deadlineMs);
  }

  /**
   * The password of the embedded PostgreSQL of the Lamplight whose {@code data.dir} is
   * {@code dataDir}, for tools that connect to it from outside (benchmarks).
   */
  public static String embeddedPassword(Path dataDir) throws IOException {
    return Files.readString(dataDir.resolve("pg").resolve(EMBEDDED_PASSWORD_FILE)).trim();
  }

  static PgConnectOptions parseUrl(String url) {
    try {
      URI uri = URI.create(url.startsWith("jdbc:") ? url.substring(5) : url);
      if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
        throw new IllegalArgumentException("scheme must be postgresql://");
      }
      PgConnectOptions options = new PgConnectOptions()
          .setHost(uri.getHost() == null ? "localhost" : uri.getHost())
          .setPort(uri.getPort() > 0 ? uri.getPort() : 5432)
          .setDatabase(uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1));
      if (uri.getRawUserInfo() != null) {
        String[] userInfo = uri.getRawUserInfo().split(":", 2);
        options.setUser(URLDecoder.decode(userInfo[0], StandardCharsets.UTF_8));
        if (userInfo.length > 1) {
          options.setPassword(URLDecoder.decode(userInfo[1], StandardCharsets.UTF_8));
        }
      }
      return options;
    } catch (IllegalArgumentException e) {
      // the parsers' own messages quote the text they failed on, password included: give only where
      String why = e.getCause() instanceof URISyntaxException syntax
          ? syntax.getReason() + " at index " + syntax.getIndex() : e.getMessage();
      throw new ConfigException("pg.url '" + redact(url) + "' is not a PostgreSQL URL: " + why);
    }
  }

  private void migrate() {
    String jdbcUrl = jdbcUrl();
    try (Connection ignored = DriverManager.getConnection(jdbcUrl, connectOptions.getUser(), connectOptions.getPassword())) {
      // reachability check first, so an unreachable server gives one clear line
    } catch (SQLException e) {
      close();
      throw new ConfigException("cannot reach PostgreSQL at " + connectOptions.getHost() + ":" + connectOptions.getPort()
          + "/" + connectOptions.getDatabase() + ": " + e.getMessage().lines().findFirst().orElse(""));
    }
    var result = Flyway.configure()
        .dataSource(jdbcUrl, connectOptions.getUser(), connectOptions.getPassword())
        .locations("classpath:db/migration")
        .load()
        .migrate();
    LOG.info("database schema at version {} ({} migration(s) applied)",
        result.targetSchemaVersion == null ? "current" : result.targetSchemaVersion, result.migrationsExecuted);
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + connectOptions.getHost() + ":" + connectOptions.getPort() + "/" + connectOptions.getDatabase();
  }

  public PgConnectOptions connectOptions() {
    return new PgConnectOptions(connectOptions).setPipeliningLimit(256).setCachePreparedStatements(true);
  }

  public boolean embedded() {
    return embedded != null;
  }

  /**
   * Why the database cannot serve, when this process knows: the embedded server is being
   * restarted. Empty otherwise (an external server is only known by asking it).
   */
  public Optional<String> outage() {
    return supervisor == null ? Optional.empty() : supervisor.outage();
  }

  /**
   * A runtime pool bound to {@code vertx}; each caller owns and closes its pool. A call that gets
   * no connection within {@code pg.deadline} fails and never runs; a {@link DeadlinePool} bounds
   * the calls themselves.
   */
  public Pool pool(Vertx vertx) {
    return pool(vertx, "lamplight", poolSize);
  }

  /**
   * A pool of its own for what devices wait on to connect (their credential, session and pending
   * orders): a reconnect storm, or a node resuming many incidents after a restart, must not make
   * either wait behind the other.
   */
  public Pool devicePool(Vertx vertx, int size) {
    return pool(vertx, "lamplight-devices", size);
  }

  private Pool pool(Vertx vertx, String name, int size) {
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(size).setShared(true).setName(name)
            .setConnectionTimeout((int) Math.min(Integer.MAX_VALUE, deadlineMs)).setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
            .setMaxWaitQueueSize(MAX_WAITING))
        .connectingTo(connectOptions())
        .using(vertx)
        .build();
  }

  @Override
  public void close() {
    if (supervisor != null) {
      supervisor.close();
    }
    if (embedded != null) {
      embedded.close();
    }
  }

  private static String redact(String url) {
    return url.replaceAll("://([^:/@]+):[^@]*@", "://$1:***@");
  }
}
