package org.lamplight.tracking;

import org.lamplight.domain.tracking.HistoryRow;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.lamplight.store.PositionRepository;
import org.lamplight.store.StoreErrors;
import org.lamplight.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves fixes from the {@link HistoryBuffer} into PostgreSQL in multi-row batches, a few in
 * flight at once. A batch that failed for an outage is retried (with back-off) before anything
 * newer, so an outage delays history but does not reorder or lose it until the buffer overflows
 * (counted). A batch the database refuses as data is split until the refused rows stand alone;
 * those are set aside (counted, logged once) and the rest is written, never retried for ever.
 */
public final class HistoryWriterVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(HistoryWriterVerticle.class);
  private static final int MAX_IN_FLIGHT = 4;
  private static final long DAY_MS = 86_400_000L;

  private final HistoryBuffer buffer;
  private final PositionRepository positions;
  private final IngestMetrics metrics;
  private final int batchSize;
  private final long flushMs;
  private List<HistoryRow> retry;
  private int inFlight;
  private long backoffUntil;
  private boolean stopping;

  public HistoryWriterVerticle(HistoryBuffer buffer, PositionRepository positions, IngestMetrics metrics, int batchSize,
                               long flushMs) {
    this.buffer = buffer;
    this.positions = positions;
    this.metrics = metrics;
    this.batchSize = batchSize;
    this.flushMs = flushMs;
  }

  @Override
  public Future<?> start() {
    vertx.setPeriodic(flushMs, id -> pump());
    vertx.setPeriodic(DAY_MS, id -> ensurePartitions());
    return ensurePartitions();
  }

  /** Never fails: without this month's partition its rows go to the default one, so history is still kept. */
  private Future<Void> ensurePartitions() {
    return positions.ensurePartitions().recover(e -> {
      LOG.warn("cannot prepare position partitions (rows go to the default partition): {}", e.getMessage());
      return Future.succeededFuture();
    });
  }

  private void pump() {
    if (System.currentTimeMillis() < backoffUntil) {
      return;
    }
    while (inFlight < MAX_IN_FLIGHT) {
      List<HistoryRow> batch = nextBatch();
      if (batch.isEmpty()) {
        return;
      }
      write(batch);
    }
  }

  private List<HistoryRow> nextBatch() {
    if (retry != null) {
      List<HistoryRow> batch = retry;
      retry = null;
      return batch;
    }
    List<HistoryRow> batch = new ArrayList<>(Math.min(batchSize, Math.max(1, buffer.size())));
    buffer.drainTo(batch, batchSize);
    return batch;
  }

  private Future<Void> write(List<HistoryRow> batch) {
    inFlight++;
    return store(batch)
        .onFailure(e -> {
          Unstored unstored = (Unstored) e;
          metrics.historyWriteFailed();
          if (retry == null) {
            retry = new ArrayList<>(unstored.rows);
          } else {
            // two failed batches at once: the later one waits at the front of the next retry
            retry.addAll(unstored.rows);
          }
          backoffUntil = System.currentTimeMillis() + 1000;
          LOG.warn("history write of {} rows failed, will retry ({} buffered): {}", unstored.rows.size(), buffer.size(),
              unstored.getMessage());
        })
        .onComplete(ar -> {
          inFlight--;
          if (!stopping && buffer.size() >= batchSize) {
            pump();
          }
        })
        .mapEmpty();
  }

  /**
   * Stores {@code rows}, splitting them in halves while the database refuses them as data, so
   * that only the refused rows are left out. Fails only for an outage, with the rows not stored.
   */
  private Future<Void> store(List<HistoryRow> rows) {
    return positions.insert(rows).transform(ar -> {
      if (ar.succeeded()) {
        metrics.historyWritten(rows.size());
        return Future.succeededFuture();
      }
      StoreException e = StoreErrors.translate(ar.cause());
      if (e.kind() == StoreException.Kind.UNAVAILABLE) {
        return Future.failedFuture(new Unstored(rows, e));
      }
      if (rows.size() == 1) {
        setAside(rows.get(0), e);
        return Future.succeededFuture();
      }
      List<HistoryRow> second = rows.subList(rows.size() / 2, rows.size());
      return store(rows.subList(0, rows.size() / 2)).transform(first -> first.succeeded() ? store(second)
          : Future.failedFuture(((Unstored) first.cause()).and(second)));
    });
  }

  private void setAside(HistoryRow row, StoreException refusal) {
    metrics.historyRejected();
    LOG.warn("history row of unit {} at {} refused by the database and set aside: {}", row.unitId(),
        Instant.ofEpochMilli(row.fix().timestampMs()), refusal.getMessage());
  }

  /** An outage while storing: the rows still to store, in order. */
  private static final class Unstored extends RuntimeException {
    private final List<HistoryRow> rows;

    Unstored(List<HistoryRow> rows, Throwable cause) {
      super(cause.getMessage(), cause, false, false);
      this.rows = rows;
    }

    Unstored and(List<HistoryRow> more) {
      List<HistoryRow> all = new ArrayList<>(rows);
      all.addAll(more);
      return new Unstored(all, getCause());
    }
  }

  /** Flushes what is buffered; the node's shutdown timeout bounds how long this may take. */
  @Override
  public Future<?> stop() {
    stopping = true;
    Promise<Void> done = Promise.promise();
    drain(done);
    return done.future();
  }

  private void drain(Promise<Void> done) {
    if (inFlight > 0) {
      vertx.setTimer(20, id -> drain(done));
      return;
    }
    List<HistoryRow> batch = nextBatch();
    if (batch.isEmpty()) {
      done.complete();
      return;
    }
    write(batch).onComplete(ar -> {
      if (ar.failed()) {
        int lost = retry.size() + buffer.size();
        LOG.error("history not flushed at shutdown: {} rows lost", lost);
        metrics.historyDropped(lost);
        done.complete();
      } else {
        drain(done);
      }
    });
  }
}
