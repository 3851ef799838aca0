package org.lamplight.tracking;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.lamplight.domain.coverage.TrackEvent;
import org.lamplight.domain.tracking.DeviceStatus;
import org.lamplight.domain.tracking.LiveUnits;
import org.lamplight.domain.tracking.PositionFix;

/**
 * The bounded hand-off between ingest (many event loops) and the coverage accounting, which
 * takes events one at a time on its own thread. Offering never blocks: when the accounting falls
 * behind and the buffer is full, the event is dropped and counted (coverage then misses an
 * interval; history still has the fix, so a recompute recovers it).
 */
public final class TrackBuffer {

  private final ArrayBlockingQueue<TrackEvent> queue;
  private final AtomicLong dropped = new AtomicLong();

  public TrackBuffer(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.queue = new ArrayBlockingQueue<>(capacity);
  }

  /** False (and counted) when the buffer is full. */
  public boolean offer(TrackEvent event) {
    if (queue.offer(event)) {
      return true;
    }
    dropped.incrementAndGet();
    return false;
  }

  public int drainTo(List<TrackEvent> sink, int max) {
    return queue.drainTo(sink, max);
  }

  public int size() {
    return queue.size();
  }

  /** Events refused for want of room so far. */
  public long dropped() {
    return dropped.get();
  }

  /**
   * What this node's own devices did, as coverage needs it: each fix that moved its unit (the
   * newest plausible one, which is exactly what coverage counts) and each duty change, stamped
   * with the time it was reported.
   */
  public LocalUpdates reporting(LiveUnits units) {
    return new LocalUpdates() {
      @Override
      public void moved(PositionFix fix) {
        units.personByDevice(fix.deviceId()).ifPresent(p ->
            offer(new TrackEvent.Fix(p.id(), fix.timestampMs(), fix.lat(), fix.lon())));
      }

      @Override
      public void status(String deviceId, DeviceStatus status) {
        if (status.onDuty() != null) {
          units.personByDevice(deviceId).ifPresent(p ->
              offer(new TrackEvent.Duty(p.id(), System.currentTimeMillis(), status.onDuty())));
        }
      }
    };
  }
}
