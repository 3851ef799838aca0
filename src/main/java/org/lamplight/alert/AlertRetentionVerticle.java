package org.lamplight.alert;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.lamplight.store.AlertRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps the alerts bounded: those older than {@code keepMs} and beyond the newest {@code max} go, every so often. */
final class AlertRetentionVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(AlertRetentionVerticle.class);
  private static final long EVERY_MS = 3_600_000;

  private final AlertRepository repository;
  private final long keepMs;
  private final int max;

  AlertRetentionVerticle(AlertRepository repository, long keepMs, int max) {
    this.repository = repository;
    this.keepMs = keepMs;
    this.max = max;
  }

  @Override
  public Future<?> start() {
    vertx.setPeriodic(EVERY_MS, id -> prune());
    prune();
    return Future.succeededFuture();
  }

  private void prune() {
    repository.prune(System.currentTimeMillis() - keepMs, max)
        .onSuccess(n -> {
          if (n > 0) {
            LOG.info("pruned {} old alert(s)", n);
          }
        })
        .onFailure(e -> LOG.warn("pruning alerts failed: {}", e.getMessage()));
  }
}
