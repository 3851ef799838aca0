package org.lamplight.domain.tracking;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many messages of one kind (fixes; status and events) each device may send: a token bucket
 * per device that holds up to {@code burst} messages and refills at {@code ratePerSecond}, so a
 * device that floods spends only its own bucket. Kept as the time at which the bucket would be
 * full again (the generic cell rate algorithm), in whole nanoseconds, so that no rounding lets a
 * message through early. Time comes in as a parameter; thread-safe. Callers pass known device ids
 * only, so the buckets are bounded by the county's devices.
 */
public final class DeviceRateLimiter {

  private static final long NANOS_PER_MS = 1_000_000;

  private final long intervalNs;
  private final long toleranceNs;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public DeviceRateLimiter(double ratePerSecond, int burst) {
    if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond) || burst < 1) {
      throw new IllegalArgumentException("the rate must be finite and positive and the burst at least 1: "
          + ratePerSecond + ", " + burst);
    }
    this.intervalNs = Math.max(1, Math.round(1e9 / ratePerSecond));
    this.toleranceNs = (burst - 1) * intervalNs;
  }

  /** Takes one message from the device's bucket; false when it is empty. */
  public boolean tryTake(String deviceId, long nowMs) {
    Bucket b = buckets.get(deviceId);
    if (b == null) {
      b = buckets.computeIfAbsent(deviceId, id -> new Bucket());
    }
    long now = nowMs * NANOS_PER_MS;
    synchronized (b) {
      // A clock stepping back makes the bucket look emptier, never fuller.
      long full = Math.max(b.fullAtNs, now);
      if (full - now > toleranceNs) {
        return false;
      }
      b.fullAtNs = full + intervalNs;
      return true;
    }
  }

  private static final class Bucket {
    /** When the bucket is full again; in the past means full. */
    long fullAtNs = Long.MIN_VALUE;
  }
}
