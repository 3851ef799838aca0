package org.lamplight.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lamplight.Await.await;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lamplight.TestDatabase;
import org.lamplight.config.Config;
import org.lamplight.config.Keys;
import org.lamplight.domain.tracking.FixSource;
import org.lamplight.domain.tracking.HistoryRow;
import org.lamplight.domain.tracking.PositionFix;
import org.lamplight.store.Database;
import org.lamplight.store.PositionRepository;

/**
 * The history writer against a real PostgreSQL: rows the database refuses as data are set aside
 * one by one, everything else is written; an outage delays history without losing any of it.
 */
class HistoryWriterIT {

  private static final int BATCH = 1000;

  private String dbName;
  private Database db;
  private Vertx vertx;
  private Pool pool;
  private PrometheusMeterRegistry registry;
  private HistoryBuffer buffer;
  private long nextTs = System.currentTimeMillis() - 3_600_000;

  @BeforeEach
  void start() throws Exception {
    dbName = "history_writer_" + System.nanoTime();
    db = Database.start(Config.defaults().with(Map.of(Keys.PG_URL, TestDatabase.url(dbName))));
    vertx = Vertx.vertx();
    pool = db.pool(vertx);
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    IngestMetrics metrics = new MicrometerIngestMetrics(registry);
    buffer = new HistoryBuffer(100_000, 100_000, metrics);
    vertx.deployVerticle(new HistoryWriterVerticle(buffer, new PositionRepository(pool), metrics, BATCH, 50))
        .await(30, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
    db.close();
  }

  private HistoryRow row(String unit, double altitude, double battery) {
    return new HistoryRow(unit, new PositionFix("dev-" + unit, 33.7, 114.5, nextTs++, 5, 1.5, 90, altitude, battery,
        FixSource.LAMPLIGHT), false);
  }

  private HistoryRow good(String unit) {
    return row(unit, 80, 50);
  }

  private long stored() throws Exception {
    return pool.query("select count(*) from positions").execute().await(10, TimeUnit.SECONDS).iterator().next().getLong(0);
  }

  private long storedOf(String unit) throws Exception {
    return pool.preparedQuery("select count(*) from positions join position_units using (unit_no) where unit_id = $1")
        .execute(Tuple.of(unit))
        .await(10, TimeUnit.SECONDS).iterator().next().getLong(0);
  }

  private double counter(String name) {
    var c = registry.find(name).counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void rowsTheDatabaseRefusesAreSetAsideAndTheRestOfTheirBatchIsWritten() throws Exception {
    // A whole batch goes into the buffer before the writer's next flush: 1,000 rows, three of them
    // with values no 'real' column can hold.
    for (int i = 0; i < BATCH; i++) {
      HistoryRow r = switch (i) {
        case 17 -> row("aux-poison-1", 80, 1e308);
        case 500 -> row("aux-poison-2", -1e300, 50);
        case 998 -> new HistoryRow("aux-poison-3", new PositionFix("dev-aux-poison-3", 33.7, 114.5, nextTs++, 5, 1e39,
            90, 80, 50, FixSource.LAMPLIGHT), false);
        default -> good("aux-" + (i % 10));
      };
      assertThat(buffer.offer(r)).isTrue();
    }
    await().until(() -> stored() == BATCH - 3);
    assertThat(counter("lamplight.history.rejected")).isEqualTo(3);
    assertThat(storedOf("aux-poison-1") + storedOf("aux-poison-2") + storedOf("aux-poison-3")).isZero();
    assertThat(registry.scrape()).contains("lamplight_history_rejected_total 3.0");

    // later batches flow
    for (int i = 0; i < 10; i++) {
      buffer.offer(good("aux-later"));
    }
    await().until(() -> storedOf("aux-later") == 10);
    assertThat(counter("lamplight.history.rejected")).isEqualTo(3);
  }

  /** A restart must not fail on it: the default partition takes the month's rows meanwhile. */
  @Test
  void aWriterStartsAndStoresHistoryWhenNextMonthsPartitionCannotBeMade() throws Exception {
    YearMonth next = YearMonth.now(ZoneOffset.UTC).plusMonths(1);
    // a row of next month already in the default partition: PostgreSQL refuses that month's partition
    TestDatabase.execute(dbName, null, "drop table positions_" + next.format(DateTimeFormatter.ofPattern("yyyyMM")));
    TestDatabase.execute(dbName, null, "insert into positions (unit_no, device_id, ts, lat, lon, source) values"
        + " (0, 'dev-early', '" + next.atDay(2) + " 00:00:00+00', 33.7, 114.5, 'lamplight')");
    IngestMetrics metrics = new MicrometerIngestMetrics(registry);
    HistoryBuffer restarted = new HistoryBuffer(100, 100, metrics);
    vertx.deployVerticle(new HistoryWriterVerticle(restarted, new PositionRepository(pool), metrics, BATCH, 50))
        .await(30, TimeUnit.SECONDS);
    restarted.offer(good("aux-restarted"));
    await().until(() -> storedOf("aux-restarted") == 1);
  }

  @Test
  void anOutageDelaysHistoryAndLosesNothing() throws Exception {
    for (int i = 0; i < 100; i++) {
      buffer.offer(good("aux-before"));
    }
    await().until(() -> storedOf("aux-before") == 100);

    // the database goes away: open connections are cut and new ones refused
    TestDatabase.execute("postgres", null, "alter database " + dbName + " allow_connections false");
    TestDatabase.execute("postgres", null,
        "select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + dbName + "'");
    try {
      for (int i = 0; i < 2500; i++) {
        buffer.offer(good("aux-during"));
      }
      await().until(() -> counter("lamplight.history.write.failures") >= 2);
    } finally {
      TestDatabase.execute("postgres", null, "alter database " + dbName + " allow_connections true");
    }
    await().until(() -> storedOf("aux-during") == 2500);
    assertThat(counter("lamplight.history.rejected")).isZero();
    assertThat(counter("lamplight.history.rows.dropped")).isZero();
  }
}
