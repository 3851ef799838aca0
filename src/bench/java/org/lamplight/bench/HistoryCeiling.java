package org.lamplight.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.lamplight.config.Config;
import org.lamplight.config.Keys;
import org.lamplight.domain.tracking.FixSource;
import org.lamplight.domain.tracking.PositionFix;
import org.lamplight.store.Database;
import org.lamplight.store.PositionRepository;
import org.lamplight.domain.tracking.HistoryRow;

/**
 * How fast position history can go into PostgreSQL at all: {@link PositionRepository#insert} in a
 * loop with batches and concurrency as the history writer uses them, against the server's
 * database, with nothing else running.
 */
final class HistoryCeiling {

  static final int BATCH = 1000;
  static final int IN_FLIGHT = 4;

  private HistoryCeiling() {
  }

  /** Rows per second written over {@code durationMs} into the embedded PostgreSQL of the server on {@code dataDir}. */
  static double run(int pgPort, Path dataDir, long durationMs) throws Exception {
    String password = URLEncoder.encode(Database.embeddedPassword(dataDir), StandardCharsets.UTF_8);
    Database db = Database.start(Config.defaults().with(Map.of(
        Keys.PG_URL, "postgresql://postgres:" + password + "@127.0.0.1:" + pgPort + "/postgres", Keys.PG_POOL_SIZE, IN_FLIGHT)));
    Vertx vertx = Vertx.vertx();
    Pool pool = db.pool(vertx);
    try {
      PositionRepository positions = new PositionRepository(pool);
      AtomicLong written = new AtomicLong();
      AtomicLong nextTs = new AtomicLong(System.currentTimeMillis());
      long start = System.nanoTime();
      long end = start + TimeUnit.MILLISECONDS.toNanos(durationMs);
      List<CompletableFuture<Void>> writers = new ArrayList<>();
      for (int w = 0; w < IN_FLIGHT; w++) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        vertx.runOnContext(v -> writeUntil(positions, nextTs, written, end, done));
        writers.add(done);
      }
      CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(durationMs + 60_000, TimeUnit.MILLISECONDS);
      return written.get() / ((System.nanoTime() - start) / 1e9);
    } finally {
      pool.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      vertx.close(); // not awaited: its completion would be handed to an event loop that is gone by then
    }
  }

  private static void writeUntil(PositionRepository positions, AtomicLong nextTs, AtomicLong written, long endNs,
                                 CompletableFuture<Void> done) {
    if (System.nanoTime() >= endNs) {
      done.complete(null);
      return;
    }
    List<HistoryRow> batch = new ArrayList<>(BATCH);
    long ts = nextTs.getAndAdd(BATCH); // one unit per row and a fresh time each: nothing conflicts
    for (int i = 0; i < BATCH; i++) {
      batch.add(new HistoryRow("ceiling-" + i, new PositionFix("dev-ceiling-" + i, 33.79, 114.53, ts + i, 5, 1.2, 90,
          PositionFix.ABSENT, 80, FixSource.LAMPLIGHT), false));
    }
    Future<Integer> insert = positions.insert(batch);
    insert.onSuccess(n -> written.addAndGet(BATCH))
        .onFailure(done::completeExceptionally)
        .onSuccess(n -> writeUntil(positions, nextTs, written, endNs, done));
  }
}
