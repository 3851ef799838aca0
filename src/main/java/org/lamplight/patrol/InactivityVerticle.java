package org.lamplight.patrol;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.lamplight.alert.Alerts;
import org.lamplight.store.SettingsRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Now and then raises the alerts of villages that went past their patrol requirement window
 * without a visit: one per village and window, whichever node checks first. Windows of a village
 * never visited run from when coverage began (the first start, kept in the settings).
 */
final class InactivityVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(InactivityVerticle.class);
  static final String WATCHED_SINCE = "coverage.watched-since";
  private static final long DAY_MS = 86_400_000L;

  private final Alerts alerts;
  private final CoverageService coverage;
  private final SettingsRepository settings;
  private final long checkMs;
  private long watchedSinceMs;
  private long previousCheckMs;
  private boolean checking;

  InactivityVerticle(CoverageService coverage, SettingsRepository settings, Alerts alerts, long checkMs) {
    this.alerts = alerts;
    this.coverage = coverage;
    this.settings = settings;
    this.checkMs = checkMs;
  }

  @Override
  public Future<?> start() {
    long now = System.currentTimeMillis();
    return settings.getOrCreate(WATCHED_SINCE, Long.toString(now)).onSuccess(since -> {
      watchedSinceMs = Long.parseLong(since);
      // windows that ran out while no node was running are raised at the first check, once each
      previousCheckMs = watchedSinceMs;
      vertx.setPeriodic(checkMs, id -> check());
      vertx.setPeriodic(DAY_MS, id -> coverage.forgetOldAlerts()
          .onFailure(e -> LOG.warn("old inactivity alerts not forgotten: {}", e.getMessage())));
    });
  }

  private void check() {
    if (checking) {
      return;
    }
    checking = true;
    long now = System.currentTimeMillis();
    coverage.inactivityAlerts(watchedSinceMs, previousCheckMs, now)
        .onSuccess(due -> {
          previousCheckMs = now;
          due.forEach(a -> alerts.raise(a).onFailure(e -> LOG.warn("an inactivity alert not raised: {}", e.getMessage())));
        })
        .onFailure(e -> LOG.warn("inactive villages not checked: {}", e.getMessage()))
        .onComplete(ar -> checking = false);
  }
}
