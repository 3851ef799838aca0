package org.lamplight.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
    return pool.preparedQuery("select count(*) from positions where unit_id = $1")
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
}
