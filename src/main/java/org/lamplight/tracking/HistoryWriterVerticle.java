package org.lamplight.tracking;

import org.lamplight.domain.tracking.HistoryRow;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.util.ArrayList;
import java.util.List;
import org.lamplight.store.PositionRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves fixes from the {@link HistoryBuffer} into PostgreSQL in multi-row batches, a few in
 * flight at once. A failed batch is retried (with back-off) before anything newer, so a database
 * outage delays history but does not reorder or lose it until the buffer overflows (counted).
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
    vertx.setPeriodic(DAY_MS, id -> positions.ensurePartitions()
        .onFailure(e -> LOG.warn("cannot prepare position partitions: {}", e.getMessage())));
    return positions.ensurePartitions();
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
    return positions.insert(batch)
        .onSuccess(n -> metrics.historyWritten(batch.size()))
        .onFailure(e -> {
          metrics.historyWriteFailed();
          if (retry == null) {
            retry = batch;
          } else {
            // two failed batches at once: the later one waits at the front of the next retry
            retry.addAll(batch);
          }
          backoffUntil = System.currentTimeMillis() + 1000;
          LOG.warn("history write of {} rows failed, will retry ({} buffered): {}", batch.size(), buffer.size(),
              e.getMessage());
        })
        .onComplete(ar -> {
          inFlight--;
          if (!stopping && buffer.size() >= batchSize) {
            pump();
          }
        })
        .mapEmpty();
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
        LOG.error("history not flushed at shutdown: {} rows lost", batch.size() + buffer.size());
        metrics.historyDropped(batch.size() + buffer.size());
        done.complete();
      } else {
        drain(done);
      }
    });
  }
}
