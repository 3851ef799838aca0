package org.lamplight.tracking;

import org.lamplight.domain.tracking.HistoryRow;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded hand-off between ingest (many event loops) and the history writer. When
 * PostgreSQL is slow or down it fills up; what does not fit is counted, never silently lost.
 */
public final class HistoryBuffer {

  private final ArrayBlockingQueue<HistoryRow> queue;
  private final AtomicLong dropped = new AtomicLong();
  private final IngestMetrics metrics;

  public HistoryBuffer(int capacity, IngestMetrics metrics) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.metrics = metrics;
  }

  /** False (and counted) when the buffer is full. */
  public boolean offer(HistoryRow row) {
    if (queue.offer(row)) {
      return true;
    }
    dropped.incrementAndGet();
    metrics.historyDropped(1);
    return false;
  }

  public int drainTo(List<HistoryRow> sink, int max) {
    return queue.drainTo(sink, max);
  }

  public int size() {
    return queue.size();
  }

  public long dropped() {
    return dropped.get();
  }
}
