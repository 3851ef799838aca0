package org.lamplight.alert;

import io.vertx.core.Future;
import org.lamplight.config.Config;
import org.lamplight.config.Keys;
import org.lamplight.platform.Deployer;
import org.lamplight.platform.Module;
import org.lamplight.platform.Platform;
import org.lamplight.platform.RetentionVerticle;
import org.lamplight.store.AlertRepository;

/**
 * Alerts for dispatchers: the service every producer raises them through, their storage and its
 * retention. Below the gateways, so that everything that raises alerts can reach it.
 */
public final class AlertModule implements Module {

  private final Config config;
  private final AlertRepository repository;
  private final AlertService service;

  public AlertModule(Platform platform) {
    this.config = platform.config();
    this.repository = new AlertRepository(platform.pool());
    this.service = new AlertService(repository, platform.vertx().eventBus());
  }

  @Override
  public Future<Void> deploy(Deployer deployer) {
    int max = config.get(Keys.ALERTS_MAX);
    return deployer.deploy(() -> new RetentionVerticle("old alert(s)", config.get(Keys.ALERTS_KEEP),
        before -> repository.prune(before, max)), 1);
  }

  /** What producers raise alerts through. */
  public Alerts alerts() {
    return service;
  }

  /** Listing and acknowledging, for the console. */
  public AlertService service() {
    return service;
  }
}
