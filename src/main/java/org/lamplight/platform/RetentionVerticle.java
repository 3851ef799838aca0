package org.lamplight.platform;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what has been kept longer than its retention, once at start and then every hour: a
 * timer around a repository's delete, which is given the cut-off (epoch ms) and answers how many
 * rows went. A run still going when the next is due is left to finish; a failed run is logged
 * and the next one tries again.
 */
public final class RetentionVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(RetentionVerticle.class);
  private static final long EVERY_MS = 3_600_000;

  private final String what;
  private final long keepMs;
  private final LongFunction<Future<Integer>> deleteBefore;
  private Future<?> running = Future.succeededFuture();

  /** @param what the rows deleted, as a log line names them ("old alert(s)") */
  public RetentionVerticle(String what, long keepMs, LongFunction<Future<Integer>> deleteBefore) {
    this.what = what;
    this.keepMs = keepMs;
    this.deleteBefore = deleteBefore;
  }

  private void deleteUnlessRunning() {
    if (!running.isComplete()) {
      return;
    }
    running = deleteBefore.apply(System.currentTimeMillis() - keepMs)
        .onSuccess(n -> {
          if (n > 0) {
            LOG.info("deleted {} {}", n, what);
          }
        })
        .onFailure(e -> LOG.warn("deleting {} failed: {}", what, e.getMessage()));
  }

  @Override
  public Future<?> start() {
    vertx.setPeriodic(EVERY_MS, id -> deleteUnlessRunning());
    deleteUnlessRunning();
    return Future.succeededFuture();
  }
}
