package org.lamplight.auth;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows down guessing of passwords and device secrets: after {@code maxFailures} failed logins
 * for one name (a user name or device id) within a window, that name is refused until the window
 * has passed; an address gets ten times as many, since phones behind a carrier's NAT share one.
 * Memory is bounded: the least recently failed names are forgotten first. Thread-safe; time comes
 * in as a parameter.
 */
public final class LoginThrottle {

  private static final int ADDRESS_FACTOR = 10;

  private static final class Window {
    long startMs;
    int failures;
  }

  private final int maxFailures;
  private final long windowMs;
  private final Map<String, Window> windows;

  public LoginThrottle(int maxFailures, long windowMs, int maxTracked) {
    if (maxFailures < 1 || windowMs < 1 || maxTracked < 1) {
      throw new IllegalArgumentException("login throttle settings must be positive");
    }
    this.maxFailures = maxFailures;
    this.windowMs = windowMs;
    this.windows = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
        return size() > maxTracked;
      }
    };
  }

  /** How long the caller must wait before trying again: 0 when a login may be tried now. */
  public synchronized long retryAfterMs(String name, String address, long nowMs) {
    return Math.max(wait("name:" + name, maxFailures, nowMs), wait("address:" + address, maxFailures * ADDRESS_FACTOR, nowMs));
  }

  public synchronized void failed(String name, String address, long nowMs) {
    count("name:" + name, nowMs);
    count("address:" + address, nowMs);
  }

  /** A correct login clears the name's failures (not its address's). */
  public synchronized void succeeded(String name) {
    windows.remove("name:" + name);
  }

  private long wait(String key, int limit, long nowMs) {
    Window w = windows.get(key);
    if (w == null || nowMs - w.startMs >= windowMs || w.failures < limit) {
      return 0;
    }
    return w.startMs + windowMs - nowMs;
  }

  private void count(String key, long nowMs) {
    Window w = windows.computeIfAbsent(key, k -> new Window());
    if (w.failures == 0 || nowMs - w.startMs >= windowMs) {
      w.startMs = nowMs;
      w.failures = 0;
    }
    w.failures++;
  }
}
