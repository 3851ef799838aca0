package org.lamplight.tracking;

import org.lamplight.domain.tracking.HistoryRow;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded hand-off between ingest (many event loops) and the history writer. When
 * PostgreSQL is slow or down it fills up; what does not fit is counted, never silently lost.
 *
 * <p>Fair across devices: each unit may hold at most {@code perUnit} rows at a time. The rate
 * limit alone would not do: while the database is down, rows of a device sending at its limit
 * pile up for as long as the outage lasts, and a raised limit (benchmarks) lets one device fill
 * the whole buffer in seconds; with the cap, a device beyond its share loses its own newest
 * fixes (counted as over share) and the room stays with the others.
 *
 * <p>Bounded in bytes as well as rows: a row holds two ids of at most 64 characters and numbers
 * (about 300 bytes at most), so the default 200,000 rows stay under 60 MB.
 */
public final class HistoryBuffer {

  private final ArrayBlockingQueue<HistoryRow> queue;
  private final int perUnit;
  /** Rows held per unit; bounded by the known units, since only their fixes reach history. */
  private final Map<String, AtomicInteger> held = new ConcurrentHashMap<>();
  private final AtomicLong dropped = new AtomicLong();
  private final IngestMetrics metrics;

  public HistoryBuffer(int capacity, int perUnit, IngestMetrics metrics) {
    if (capacity < 1 || perUnit < 1) {
      throw new IllegalArgumentException("capacity and share must be positive: " + capacity + ", " + perUnit);
    }
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.perUnit = perUnit;
    this.metrics = metrics;
  }

  /** False (and counted) when the buffer is full or the row's unit holds its share already. */
  public boolean offer(HistoryRow row) {
    AtomicInteger count = held.computeIfAbsent(row.unitId(), id -> new AtomicInteger());
    if (count.incrementAndGet() > perUnit) {
      count.decrementAndGet();
      dropped.incrementAndGet();
      metrics.historyOverShare(1);
      return false;
    }
    if (queue.offer(row)) {
      return true;
    }
    count.decrementAndGet();
    dropped.incrementAndGet();
    metrics.historyDropped(1);
    return false;
  }

  public int drainTo(List<HistoryRow> sink, int max) {
    int from = sink.size();
    int n = queue.drainTo(sink, max);
    for (int i = from; i < from + n; i++) {
      held.get(sink.get(i).unitId()).decrementAndGet();
    }
    return n;
  }

  public int size() {
    return queue.size();
  }

  /** Rows refused so far, for want of room or over a unit's share. */
  public long dropped() {
    return dropped.get();
  }
}
