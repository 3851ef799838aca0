package org.lamplight.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.groups.Tuple;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.TestDatabase;
import org.lamplight.config.Config;
import org.lamplight.config.Keys;
import org.lamplight.domain.tracking.FixSource;
import org.lamplight.domain.tracking.PositionFix;
import org.lamplight.domain.tracking.HistoryRow;

/** History batches against a real PostgreSQL: every fix once, whatever a device resends. */
class PositionRepositoryIT {

  static Database db;
  static Vertx vertx;
  static Pool pool;
  static PositionRepository positions;

  @BeforeAll
  static void start() {
    db = Database.start(Config.defaults().with(Map.of(Keys.PG_URL, TestDatabase.url("history_" + System.nanoTime()))));
    vertx = Vertx.vertx();
    pool = db.pool(vertx);
    positions = new PositionRepository(pool);
  }

  @AfterAll
  static void stop() throws Exception {
    pool.close().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
    db.close();
  }

  private static HistoryRow row(String unit, long ts) {
    return new HistoryRow(unit, new PositionFix("dev-" + unit, 33.7, 114.5, ts, 5, PositionFix.ABSENT, 90,
        PositionFix.ABSENT, 80, FixSource.LAMPLIGHT), false);
  }

  private static int write(List<HistoryRow> rows) throws Exception {
    return positions.insert(rows).await(10, TimeUnit.SECONDS);
  }

  private static long stored(String unit) throws Exception {
    return pool.preparedQuery("select count(*) from positions join position_units using (unit_no) where unit_id = $1")
        .execute(io.vertx.sqlclient.Tuple.of(unit)).await(10, TimeUnit.SECONDS).iterator().next().getLong(0);
  }

  @Test
  void aBatchOfNewFixesIsStoredWhole() throws Exception {
    long now = System.currentTimeMillis();
    assertThat(write(List.of(row("aux-a", now - 2000), row("aux-a", now - 1000), row("aux-b", now - 1000)))).isEqualTo(3);
    assertThat(stored("aux-a")).isEqualTo(2);
  }

  @Test
  void resentFixesAreSkippedAndTheNewOnesOfTheSameBatchStored() throws Exception {
    long now = System.currentTimeMillis();
    assertThat(write(List.of(row("aux-c", now - 3000), row("aux-c", now - 2000)))).isEqualTo(2);
    // the device resends both with one new fix; the same fix may even come twice in one batch
    assertThat(write(List.of(row("aux-c", now - 3000), row("aux-c", now - 2000), row("aux-c", now - 1000),
        row("aux-c", now - 1000)))).isEqualTo(1);
    assertThat(stored("aux-c")).isEqualTo(3);
  }

  /**
   * History is acknowledged before it is durable, so its commits need not wait for the flush; the
   * setting is the batch's own, and the connection goes back to the pool synchronous.
   */
  @Test
  void aHistoryBatchCommitsWithoutWaitingForTheFlushAndLeavesItsConnectionSynchronous() throws Exception {
    TestSql.run(db, "create table commit_modes (mode text)",
        "create function record_commit_mode() returns trigger language plpgsql as"
            + " $$ begin insert into commit_modes values (current_setting('synchronous_commit')); return null; end $$",
        "create trigger record_commit_mode after insert on positions for each statement execute function record_commit_mode()");
    try {
      long now = System.currentTimeMillis();
      write(List.of(row("aux-d", now - 2000), row("aux-d", now - 1000)));
      assertThat(pool.query("select mode from commit_modes").execute().await(10, TimeUnit.SECONDS))
          .singleElement().satisfies(r -> assertThat(r.getString(0)).isEqualTo("off"));
      for (int i = 0; i < 2 * Keys.PG_POOL_SIZE.defaultValue(); i++) {
        assertThat(pool.query("show synchronous_commit").execute().await(10, TimeUnit.SECONDS).iterator().next()
            .getString(0)).isEqualTo("on");
      }
    } finally {
      TestSql.run(db, "drop trigger record_commit_mode on positions", "drop function record_commit_mode()",
          "drop table commit_modes");
    }
  }

  @Test
  void twoNodesNumberingTheSameNewUnitsAtOnceGiveEachUnitOneNumber() throws Exception {
    PositionRepository other = new PositionRepository(pool);
    long now = System.currentTimeMillis();
    List<HistoryRow> first = new ArrayList<>();
    List<HistoryRow> second = new ArrayList<>();
    for (int u = 0; u < 50; u++) {
      first.add(row("aux-both-" + u, now - 2000));
      second.add(row("aux-both-" + u, now - 1000));
    }
    Future.all(positions.insert(first), other.insert(second)).await(10, TimeUnit.SECONDS);
    assertThat(pool.query("select count(*), count(distinct unit_no) from position_units where unit_id like 'aux-both-%'")
        .execute().await(10, TimeUnit.SECONDS).iterator().next())
        .satisfies(r -> assertThat(List.of(r.getLong(0), r.getLong(1))).containsExactly(50L, 50L));
    assertThat(stored("aux-both-7")).isEqualTo(2);
    assertThat(other.track("aux-both-7", now - 5000, now, 10).await(10, TimeUnit.SECONDS))
        .extracting(r -> r.fix().timestampMs()).containsExactly(now - 2000, now - 1000);
  }

  private static String bounds(Statement st, String partition) throws SQLException {
    try (ResultSet rs = st.executeQuery("select pg_get_expr(relpartbound, oid) from pg_class where relname = '"
        + partition + "'")) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /** Flyway's sessions have the JVM's zone, the Vert.x client's the server's: the months must not depend on it. */
  @Test
  void monthPartitionsMadeInSessionsOfDifferentZonesAreUtcMonthsThatDoNotOverlap() throws Exception {
    try (Connection c = TestSql.connect(db); Statement st = c.createStatement()) {
      String[] zones = {"Asia/Shanghai", "UTC", "Asia/Shanghai", "America/New_York"};
      for (int m = 1; m <= zones.length; m++) {
        st.execute("set time zone '" + zones[m - 1] + "'");
        st.execute("select ensure_position_partition(date '2031-0" + m + "-01')");
      }
      st.execute("set time zone 'UTC'");
      for (int m = 1; m <= zones.length; m++) {
        assertThat(bounds(st, "positions_20310" + m)).isEqualTo("FOR VALUES FROM ('2031-0" + m
            + "-01 00:00:00+00') TO ('2031-0" + (m + 1) + "-01 00:00:00+00')");
      }
    }
  }

  /** Made before the bounds were UTC, in a zone west of it: kept, and the next month begins where it ends. */
  @Test
  void aMonthMadeEarlierInAnotherZoneIsKeptAndItsNeighbourDoesNotOverlapIt() throws Exception {
    try (Connection c = TestSql.connect(db); Statement st = c.createStatement()) {
      st.execute("set time zone 'America/New_York'");
      st.execute("create table positions_203201 partition of positions for values from ('2032-01-01') to ('2032-02-01')");
      st.execute("set time zone 'UTC'");
      st.execute("select ensure_position_partition(date '2032-01-01'), ensure_position_partition(date '2032-02-01')");
      assertThat(bounds(st, "positions_203201"))
          .isEqualTo("FOR VALUES FROM ('2032-01-01 05:00:00+00') TO ('2032-02-01 05:00:00+00')");
      assertThat(bounds(st, "positions_203202"))
          .isEqualTo("FOR VALUES FROM ('2032-02-01 05:00:00+00') TO ('2032-03-01 00:00:00+00')");
    }
  }

  /**
   * History stored before units had numbers (schema version 100, keyed by the text id) is read by
   * unit id after the migration, in every month it was in, and a device resending one of those
   * fixes does not store it twice.
   */
  @Test
  void historyKeyedByTextIdIsKeptByTheMigrationToUnitNumbers() throws Exception {
    String name = "history_v100_" + System.nanoTime();
    String url = TestDatabase.url(name);
    Flyway.configure().dataSource(TestDatabase.dataSource(name))
        .locations("classpath:db/migration").target("100").load().migrate();
    long now = System.currentTimeMillis();
    long monthsAgo = now - 62L * 24 * 3600 * 1000;
    TestDatabase.execute(name, null, "insert into positions (unit_id, device_id, ts, lat, lon, source)"
        + " values ('aux-old', 'dev-old', to_timestamp(" + monthsAgo + " / 1000.0), 33.7, 114.5, 'lamplight'),"
        + " ('aux-old', 'dev-old', to_timestamp(" + (now - 1000) + " / 1000.0), 33.8, 114.6, 'owntracks'),"
        + " ('aux-other', 'dev-other', to_timestamp(" + (now - 1000) + " / 1000.0), 33.9, 114.7, 'lamplight')");
    // a Vert.x of its own: pools are shared by name within one
    Vertx own = Vertx.vertx();
    try (Database migrated = Database.start(Config.defaults().with(Map.of(Keys.PG_URL, url)))) {
      Pool migratedPool = migrated.pool(own);
      try {
        PositionRepository history = new PositionRepository(migratedPool);
        assertThat(history.track("aux-old", monthsAgo, now, 10).await(10, TimeUnit.SECONDS))
            .extracting(r -> r.fix().timestampMs(), r -> r.fix().lat(), r -> r.fix().source())
            .containsExactly(Tuple.tuple(monthsAgo, 33.7, FixSource.LAMPLIGHT),
                Tuple.tuple(now - 1000, 33.8, FixSource.OWNTRACKS));
        assertThat(history.insert(List.of(row("aux-old", now - 1000), row("aux-old", now))).await(10, TimeUnit.SECONDS))
            .isEqualTo(1);
        assertThat(history.track("aux-old", monthsAgo, now + 1, 10).await(10, TimeUnit.SECONDS)).hasSize(3);
        assertThat(history.track("aux-other", monthsAgo, now, 10).await(10, TimeUnit.SECONDS)).hasSize(1);
      } finally {
        migratedPool.close().await(10, TimeUnit.SECONDS);
        own.close().await(10, TimeUnit.SECONDS);
      }
    }
  }
}
