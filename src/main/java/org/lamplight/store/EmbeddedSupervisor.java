package org.lamplight.store;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restarts the embedded PostgreSQL when its postmaster dies (a crash, the OOM killer, a stray
 * kill -9), waiting 1 s, 2 s, 4 s… up to {@link #MAX_BACKOFF} between attempts. Runs on a thread
 * of its own: pg_ctl blocks. Connection pools need no help: they open new connections once the
 * server is back.
 */
final class EmbeddedSupervisor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSupervisor.class);
  static final Duration CHECK_INTERVAL = Duration.ofMillis(500);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final EmbeddedCluster cluster;
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "lamplight-pg-supervisor");
    t.setDaemon(true);
    return t;
  });
  /** 0 while the server runs; else the restart attempt that comes next. */
  private int attempt;
  private long nextAttemptNanos;
  private volatile String outage;

  EmbeddedSupervisor(EmbeddedCluster cluster) {
    this.cluster = cluster;
    thread.scheduleWithFixedDelay(this::check, CHECK_INTERVAL.toMillis(), CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Why the server is not serving, while it is being restarted. */
  Optional<String> outage() {
    return Optional.ofNullable(outage);
  }

  /** The wait before restart attempt {@code attempt} (1 for the first): doubling from 1 s, capped. */
  static Duration backoff(int attempt) {
    long seconds = 1L << Math.min(attempt - 1, 30);
    return seconds >= MAX_BACKOFF.toSeconds() ? MAX_BACKOFF : Duration.ofSeconds(seconds);
  }

  private void check() {
    if (attempt == 0) {
      if (cluster.alive()) {
        return;
      }
      LOG.error("embedded PostgreSQL (pid {}) died; restarting it", cluster.pid());
      scheduleAttempt(1);
      return;
    }
    if (System.nanoTime() - nextAttemptNanos < 0) {
      return;
    }
    try {
      cluster.restart();
      LOG.info("embedded PostgreSQL restarted (pid {}, attempt {})", cluster.pid(), attempt);
      attempt = 0;
      outage = null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("restart attempt {} of the embedded PostgreSQL failed: {}; next in {} s", attempt, e.getMessage(),
          backoff(attempt + 1).toSeconds());
      scheduleAttempt(attempt + 1);
    }
  }

  private void scheduleAttempt(int next) {
    attempt = next;
    nextAttemptNanos = System.nanoTime() + backoff(next).toNanos();
    outage = "restarting (attempt " + next + ")";
  }

  /** Stops supervising; a restart under way is abandoned (pg_ctl is stopped with it). */
  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
