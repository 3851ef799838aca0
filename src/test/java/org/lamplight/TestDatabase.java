package org.lamplight;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.lamplight.config.Config;
import org.lamplight.config.Keys;
import org.lamplight.store.Database;

/**
 * One real (embedded) PostgreSQL for the whole test run, started on first use and stopped when
 * the JVM exits. Tests reach it through {@link #url(String)} as an external server would be.
 */
public final class TestDatabase {

  private static Database database;

  private TestDatabase() {
  }

  private static synchronized Database database() {
    if (database == null) {
      try {
        Path dir = Files.createTempDirectory("lamplight-test-pg");
        database = Database.start(Config.defaults().with(Map.of(Keys.DATA_DIR, dir.toString())));
        TestSecrets.register("the shared test PostgreSQL's password", database.connectOptions().getPassword());
        Runtime.getRuntime().addShutdownHook(new Thread(database::close));
      } catch (Exception e) {
        throw new IllegalStateException("cannot start the test PostgreSQL", e);
      }
    }
    return database;
  }

  /**
   * URL of {@code dbName} on the shared server, created empty if it does not exist. It carries
   * the server's generated password, as an operator's {@code pg.url} carries theirs.
   */
  public static synchronized String url(String dbName) {
    var options = database().connectOptions();
    String base = "postgresql://" + options.getUser() + ":" + URLEncoder.encode(options.getPassword(), StandardCharsets.UTF_8)
        + "@localhost:" + options.getPort() + "/";
    if (!"postgres".equals(dbName)) {
      execute("postgres", "select 1 from pg_database where datname = '" + dbName + "'", "create database " + dbName);
    }
    return base + dbName;
  }

  /** The shared database every node test uses; it holds the demo county after the first node starts. */
  public static String url() {
    return url("postgres");
  }

  /** A plain JDBC connection to {@code dbName} on the shared server, for set-up and assertions. */
  public static Connection connect(String dbName) throws SQLException {
    var options = database().connectOptions();
    return DriverManager.getConnection("jdbc:postgresql://localhost:" + options.getPort() + "/" + dbName, options.getUser(),
        options.getPassword());
  }

  /** {@code dbName} on the shared server as a JDBC data source (for tools such as Flyway). */
  public static DataSource dataSource(String dbName) {
    var options = database().connectOptions();
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setServerNames(new String[] {"localhost"});
    source.setPortNumbers(new int[] {options.getPort()});
    source.setDatabaseName(dbName);
    source.setUser(options.getUser());
    source.setPassword(options.getPassword());
    return source;
  }

  /** Runs {@code sql} on {@code dbName}; with a guard query, only when the guard returns no row. */
  public static void execute(String dbName, String guard, String sql) {
    try (Connection c = connect(dbName); Statement st = c.createStatement()) {
      if (guard != null && st.executeQuery(guard).next()) {
        return;
      }
      st.execute(sql);
    } catch (Exception e) {
      throw new IllegalStateException("cannot run '" + sql + "': " + e.getMessage(), e);
    }
  }

  /** Clears what tests produce (history, incidents, orders, the ledger), keeping the county model. */
  public static void resetRuntimeTables() {
    execute("postgres", null, "truncate positions, incident_events, incidents, incident_numbers, alerts, device_orders,"
        + " device_sessions, audit_log, field_photos, hazard_steps, hazards, ledger_entries");
  }
}
