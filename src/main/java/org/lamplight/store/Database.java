package org.lamplight.store;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
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

  private final EmbeddedPostgres embedded;
  private final FileChannel dataDirLock;
  private final PgConnectOptions connectOptions;
  private final int poolSize;

  private Database(EmbeddedPostgres embedded, FileChannel dataDirLock, PgConnectOptions connectOptions, int poolSize) {
    this.embedded = embedded;
    this.dataDirLock = dataDirLock;
    this.connectOptions = connectOptions;
    this.poolSize = poolSize;
  }

  public static Database start(Config config) {
    String url = config.get(Keys.PG_URL);
    int poolSize = config.get(Keys.PG_POOL_SIZE);
    Database db;
    if (url.isBlank()) {
      db = startEmbedded(Path.of(config.get(Keys.DATA_DIR)).resolve("pg"), config.get(Keys.PG_EMBEDDED_PORT), poolSize);
    } else {
      db = new Database(null, null, parseUrl(url), poolSize);
    }
    db.migrate();
    return db;
  }

  private static Database startEmbedded(Path dir, int port, int poolSize) {
    FileChannel lock = null;
    try {
      Files.createDirectories(dir.getParent());
      lock = lockDataDir(dir.getParent());
      stopOrphan(dir);
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setDataDirectory(dir)
          .setCleanDataDirectory(false)
          .setPGStartupWait(Duration.ofSeconds(60))
          // Acknowledged incidents must survive a crash: keep commits synchronous.
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("max_connections", "200");
      if (port > 0) {
        builder.setPort(port);
      }
      EmbeddedPostgres pg = builder.start();
      LOG.info("embedded PostgreSQL on port {} (data in {})", pg.getPort(), dir.toAbsolutePath());
      PgConnectOptions options = new PgConnectOptions()
          .setHost("localhost").setPort(pg.getPort())
          .setDatabase("postgres").setUser("postgres").setPassword("postgres");
      return new Database(pg, lock, options, poolSize);
    } catch (IOException | RuntimeException e) {
      closeQuietly(lock);
      if (e instanceof ConfigException ce) {
        throw ce;
      }
      throw new ConfigException("cannot start the embedded PostgreSQL in " + dir + ": " + rootMessage(e));
    }
  }

  /** One Lamplight per data directory: a second one would fight over the same database files. */
  private static FileChannel lockDataDir(Path dataDir) throws IOException {
    FileChannel channel = FileChannel.open(dataDir.resolve("lamplight.lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    if (channel.tryLock() == null) {
      channel.close();
      throw new ConfigException("data directory " + dataDir.toAbsolutePath() + " is in use by another running Lamplight");
    }
    return channel;
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing more to release
      }
    }
  }

  /**
   * After a kill -9 of Lamplight its PostgreSQL may still run (an orphan: we hold the data
   * directory lock, so no live Lamplight owns it), or have died too and left a postmaster.pid
   * naming a pid that may since belong to another process. Stop the orphan, drop a stale pid file.
   */
  private static void stopOrphan(Path dir) throws IOException {
    Path pidFile = dir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
    Optional<ProcessHandle> postmaster = Optional.empty();
    try {
      postmaster = ProcessHandle.of(Long.parseLong(first))
          .filter(h -> h.isAlive() && h.info().command().map(c -> c.contains("postgres")).orElse(false));
    } catch (NumberFormatException ignored) {
      // an unreadable pid file is stale by definition
    }
    if (postmaster.isPresent()) {
      LOG.warn("stopping PostgreSQL (pid {}) left running by an unclean stop", first);
      ProcessHandle h = postmaster.get();
      h.destroy(); // SIGTERM: PostgreSQL's smart shutdown; its clients died with the old process
      try {
        h.onExit().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        h.destroyForcibly();
      }
    }
    if (Files.deleteIfExists(pidFile)) {
      LOG.warn("removed stale {} left by an unclean stop", pidFile);
    }
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
      throw new ConfigException("pg.url '" + redact(url) + "' is not a PostgreSQL URL: " + e.getMessage());
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

  /** A runtime pool bound to {@code vertx}; each caller owns and closes its pool. */
  public Pool pool(Vertx vertx) {
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(poolSize).setShared(true).setName("lamplight"))
        .connectingTo(connectOptions())
        .using(vertx)
        .build();
  }

  @Override
  public void close() {
    if (embedded != null) {
      try {
        embedded.close();
        LOG.info("embedded PostgreSQL stopped");
      } catch (IOException e) {
        LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
      }
    }
    closeQuietly(dataDirLock);
  }

  private static String redact(String url) {
    return url.replaceAll("://([^:/@]+):[^@]*@", "://$1:***@");
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}
