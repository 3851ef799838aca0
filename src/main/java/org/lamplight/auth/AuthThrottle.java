package org.lamplight.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.lamplight.config.Config;
import org.lamplight.config.Keys;
import org.lamplight.domain.auth.FailureBackoff;

/**
 * Failed authentications of one kind of client (people logging in, devices connecting), counted
 * per identity (an account, a device) and per address, each with its own exponential back-off
 * ({@code auth.throttle.*}); an attempt waits for the longer of the two. Per address the limit
 * is generous: phones behind a carrier's NAT and dispatchers behind an office's share one. Kept
 * in memory, per node: in a cluster each node counts the attempts it receives. Thread-safe.
 */
public final class AuthThrottle {

  private final String client;
  private final FailureBackoff identities;
  private final FailureBackoff addresses;
  private final MeterRegistry registry;

  AuthThrottle(String client, Config config, MeterRegistry registry) {
    this.client = client;
    this.registry = registry;
    long first = config.get(Keys.AUTH_THROTTLE_FIRST_LOCK);
    long max = Math.max(first, config.get(Keys.AUTH_THROTTLE_MAX_LOCK));
    // an account that failed within four longest locks still counts as failing
    long forget = 4 * max;
    int capacity = config.get(Keys.AUTH_THROTTLE_KEYS);
    this.identities = new FailureBackoff(new FailureBackoff.Policy(config.get(Keys.AUTH_THROTTLE_FAILURES), first, max,
        forget, capacity));
    this.addresses = new FailureBackoff(new FailureBackoff.Policy(config.get(Keys.AUTH_THROTTLE_ADDRESS_FAILURES), first,
        max, forget, capacity));
    Gauge.builder("lamplight.auth.throttle.keys", identities, FailureBackoff::size).tag("client", client).tag("key", "identity")
        .description("Identities whose failed authentications are remembered").register(registry);
    Gauge.builder("lamplight.auth.throttle.keys", addresses, FailureBackoff::size).tag("client", client).tag("key", "address")
        .description("Addresses whose failed authentications are remembered").register(registry);
  }

  /**
   * How long the identity and address must wait before an attempt of theirs is checked; 0 when
   * they may try now. A positive answer is counted as a refused attempt on {@code listener}. A null
   * identity (none given, or not of an identity's shape) counts the address only, so junk names
   * take no room among the identities.
   */
  public long waitMs(String identity, String address, String listener) {
    long now = System.currentTimeMillis();
    long wait = Math.max(identity == null ? 0 : identities.lockedForMs(identity, now), addresses.lockedForMs(address, now));
    if (wait > 0) {
      counter("lamplight.auth.throttled", "Authentication attempts refused unchecked while their account, device or"
          + " address waits out its back-off", listener).increment();
    }
    return wait;
  }

  /** Seconds to announce in {@code Retry-After} for a wait: whole seconds, never 0. */
  public static long retryAfterSeconds(long waitMs) {
    return Math.max(1, (waitMs + 999) / 1000);
  }

  /** Counts a failure against the identity (unless null) and the address. */
  public void failed(String identity, String address, String listener) {
    long now = System.currentTimeMillis();
    if (identity != null) {
      identities.failed(identity, now);
    }
    addresses.failed(address, now);
    counter("lamplight.auth.failures", "Failed authentications (wrong password or secret, unknown account or device)",
        listener).increment();
  }

  /** The identity proved itself: its failures are forgotten (its address's are not: one good account must not launder them). */
  public void succeeded(String identity) {
    identities.succeeded(String.valueOf(identity));
  }

  private Counter counter(String name, String description, String listener) {
    return Counter.builder(name).tag("client", client).tag("listener", listener).description(description)
        .register(registry);
  }
}
