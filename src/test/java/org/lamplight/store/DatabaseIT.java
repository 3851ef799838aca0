package org.lamplight.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lamplight.TestDatabase;
import org.lamplight.config.Config;
import org.lamplight.config.ConfigException;
import org.lamplight.config.Keys;

class DatabaseIT {

  @Test
  void migrationsCreateTheSchemaOnAnEmptyDatabase() throws Exception {
    String url = TestDatabase.url("migrations_" + System.nanoTime());
    try (Database db = Database.start(Config.defaults().with(Map.of(Keys.PG_URL, url)))) {
      List<String> tables = new ArrayList<>();
      try (var c = DriverManager.getConnection(db.jdbcUrl(), "postgres", "postgres");
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
}
