package org.lamplight.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lamplight.TestDatabase;
import org.lamplight.TestSecrets;
import org.lamplight.config.Config;
import org.lamplight.config.ConfigException;
import org.lamplight.config.Keys;

class DatabaseIT {

  @Test
  void migrationsCreateTheSchemaOnAnEmptyDatabase() throws Exception {
    String url = TestDatabase.url("migrations_" + System.nanoTime());
    try (Database db = Database.start(Config.defaults().with(Map.of(Keys.PG_URL, url)))) {
      List<String> tables = new ArrayList<>();
      try (var c = TestSql.connect(db);
           ResultSet rs = c.createStatement().executeQuery(
               "select table_name from information_schema.tables where table_schema = 'public' order by 1")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      assertThat(tables).contains("areas", "stations", "offices", "workstations", "roads", "units",
          "devices", "accounts", "positions", "incidents", "incident_events", "device_orders", "audit_log",
          "flyway_schema_history");
    }
  }

  @Test
  void migratingTwiceChangesNothing() {
    String url = TestDatabase.url("migrations_twice_" + System.nanoTime());
    Config cfg = Config.defaults().with(Map.of(Keys.PG_URL, url));
    Database.start(cfg).close();
    Database.start(cfg).close();
  }

  @Test
  void anUnreachableServerStopsStartUpWithOneLine() {
    Config cfg = Config.defaults().with(Map.of(Keys.PG_URL, "postgresql://u:p@127.0.0.1:1/none"));
    assertThatThrownBy(() -> Database.start(cfg))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("cannot reach PostgreSQL at 127.0.0.1:1/none")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void aMalformedUrlIsRefusedWithoutLeakingThePassword() {
    Config cfg = Config.defaults().with(Map.of(Keys.PG_URL, "mysql://u:hunter2@h/x"));
    assertThatThrownBy(() -> Database.start(cfg))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("not a PostgreSQL URL")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
  }

  @Test
  void theEmbeddedServerKeepsItsDataAcrossRestartsAndSurvivesAStaleLock() throws Exception {
    Path dir = Files.createTempDirectory("lamplight-embedded");
    Config cfg = Config.defaults().with(Map.of(Keys.DATA_DIR, dir.toString()));
    try (Database db = Database.start(cfg)) {
      TestSql.run(db, "create table keep_me (x int)", "insert into keep_me values (42)");
    }
    // What a kill -9 leaves behind: a postmaster.pid naming a process that no longer exists.
    Files.writeString(dir.resolve("pg/postmaster.pid"), "999999\n" + dir.resolve("pg") + "\n");
    try (Database db = Database.start(cfg)) {
      assertThat(TestSql.queryInt(db, "select x from keep_me")).isEqualTo(42);
    }
  }

  /** Every rule of the running cluster's pg_hba.conf, as "type database method". */
  private static List<String> accessRules(Database db) throws Exception {
    List<String> rules = new ArrayList<>();
    try (var c = TestSql.connect(db); ResultSet rs = c.createStatement().executeQuery(
        "select type, array_to_string(database, ','), auth_method, error from pg_hba_file_rules")) {
      while (rs.next()) {
        assertThat(rs.getString(4)).as("pg_hba.conf parses").isNull();
        rules.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
      }
    }
    return rules;
  }

  private static String setting(Database db, String name) throws Exception {
    try (var c = TestSql.connect(db); ResultSet rs = c.createStatement().executeQuery("show " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** What the embedded cluster must look like whatever release made its data directory. */
  private static void assertLockedDown(Database db, Path dataDir) throws Exception {
    String password = TestSecrets.register("an embedded PostgreSQL's password", db.connectOptions().getPassword());
    assertThat(password).hasSizeGreaterThanOrEqualTo(24).isNotEqualTo("postgres");
    assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl(), "postgres", "postgres").close())
        .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
    assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl(), "postgres", "").close())
        .isInstanceOf(SQLException.class);
    assertThat(accessRules(db)).isNotEmpty()
        .allSatisfy(rule -> assertThat(rule).endsWith(" scram-sha-256"))
        .anySatisfy(rule -> assertThat(rule).startsWith("local "))
        .anySatisfy(rule -> assertThat(rule).startsWith("host replication "));
    Path stored = dataDir.resolve("pg").resolve(Database.EMBEDDED_PASSWORD_FILE);
    assertThat(Files.readString(stored).trim()).isEqualTo(password);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stored))).isEqualTo("rw-------");
    assertThat(setting(db, "fsync")).isEqualTo("on");
    assertThat(setting(db, "full_page_writes")).isEqualTo("on");
    assertThat(setting(db, "synchronous_commit")).isEqualTo("on");
  }

  private static String lockedDownAfterStart(Config cfg, Path dataDir) throws Exception {
    try (Database db = Database.start(cfg)) {
      assertLockedDown(db, dataDir);
      return db.connectOptions().getPassword();
    }
  }

  @Test
  void theEmbeddedServerAcceptsOnlyItsOwnPasswordKeptAcrossRestartsAndSyncsToDisk() throws Exception {
    Path dir = Files.createTempDirectory("lamplight-embedded");
    Config cfg = Config.defaults().with(Map.of(Keys.DATA_DIR, dir.toString()));
    Path passwordFile = dir.resolve("pg").resolve(Database.EMBEDDED_PASSWORD_FILE);
    String password = lockedDownAfterStart(cfg, dir);
    Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(lockedDownAfterStart(cfg, dir)).as("kept across restarts, readable by its owner only again")
        .isEqualTo(password);
    Files.delete(passwordFile);
    assertThat(lockedDownAfterStart(cfg, dir)).as("a lost password file is replaced by a new password")
        .isNotEqualTo(password);
  }

  @Test
  void aDataDirectoryMadeByTheTrustingReleaseIsLockedDownAtStart() throws Exception {
    Path dir = Files.createTempDirectory("lamplight-legacy");
    // what the previous release left: zonky's defaults, every local connection trusted
    try (EmbeddedPostgres legacy = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg"))
        .setCleanDataDirectory(false).start();
         var c = legacy.getPostgresDatabase().getConnection()) {
      c.createStatement().execute("create schema kept");
      c.createStatement().execute("create table kept.rows (x int)");
      c.createStatement().execute("insert into kept.rows values (42)");
    }
    try (Database db = Database.start(Config.defaults().with(Map.of(Keys.DATA_DIR, dir.toString())))) {
      assertLockedDown(db, dir);
      assertThat(TestSql.queryInt(db, "select x from kept.rows")).isEqualTo(42);
    }
  }
}
