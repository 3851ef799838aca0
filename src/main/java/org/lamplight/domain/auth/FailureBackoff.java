package org.lamplight.domain.auth;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed authentications per key (an account, a device, an address) with exponential back-off:
 * after {@code lockAfter} failures in a row the key is locked for {@code firstLockMs}, and after
 * each further one for twice as long as before, up to {@code maxLockMs}. While a key is locked its attempts are refused unchecked and not counted. A
 * success clears the key; a key that has not failed for {@code forgetMs} starts afresh. At most
 * {@code capacity} keys are kept, the one whose last failure is oldest forgotten first, so memory
 * stays bounded however many keys an attacker makes up. Time comes in as a parameter; thread-safe.
 */
public final class FailureBackoff {

  /** The rules of one back-off. */
  public record Policy(int lockAfter, long firstLockMs, long maxLockMs, long forgetMs, int capacity) {

    public Policy {
      if (lockAfter < 1 || firstLockMs < 1 || maxLockMs < firstLockMs || forgetMs < maxLockMs || capacity < 1) {
        throw new IllegalArgumentException("a back-off needs at least one failure, positive locks, a longest lock"
            + " no shorter than the first, a memory no shorter than the longest lock and room for a key: " + this);
      }
    }
  }

  private static final class Failures {
    int count;
    long lastMs;
    long lockedUntilMs;
  }

  private final Policy policy;
  /** Ordered by last failure, oldest first: the order in which keys are forgotten when full. */
  private final LinkedHashMap<String, Failures> keys = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
      return size() > policy.capacity();
    }
  };

  public FailureBackoff(Policy policy) {
    this.policy = policy;
  }

  /** How long {@code key} must wait before its next attempt is checked; 0 when it may try now. */
  public synchronized long lockedForMs(String key, long nowMs) {
    Failures f = current(key, nowMs);
    return f == null ? 0 : Math.max(0, f.lockedUntilMs - nowMs);
  }

  /** An attempt of {@code key} failed. */
  public synchronized void failed(String key, long nowMs) {
    Failures f = current(key, nowMs);
    if (f == null) {
      f = new Failures();
    } else {
      keys.remove(key);
    }
    keys.put(key, f);
    f.count++;
    f.lastMs = nowMs;
    if (f.count >= policy.lockAfter()) {
      int doublings = Math.min(f.count - policy.lockAfter(), 62);
      long lock = policy.firstLockMs() > (policy.maxLockMs() >> doublings) ? policy.maxLockMs()
          : policy.firstLockMs() << doublings;
      f.lockedUntilMs = nowMs + lock;
    }
  }

  /** An attempt of {@code key} succeeded: its failures are forgotten. */
  public synchronized void succeeded(String key) {
    keys.remove(key);
  }

  /** Keys held now (some may be due to be forgotten). */
  public synchronized int size() {
    return keys.size();
  }

  private Failures current(String key, long nowMs) {
    Failures f = keys.get(key);
    if (f != null && nowMs - f.lastMs >= policy.forgetMs()) {
      keys.remove(key);
      return null;
    }
    return f;
  }
}
