package org.lamplight.alert;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import java.util.List;
import java.util.Optional;
import org.lamplight.domain.alert.Alert;
import org.lamplight.domain.alert.AlertLevel;
import org.lamplight.domain.alert.NewAlert;
import org.lamplight.store.AlertRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place alerts go through: stored first (so every node and every later look shows the
 * same), then published to every node's consoles; acknowledged the same way. Thread safe.
 */
public final class AlertService implements Alerts {

  private static final Logger LOG = LoggerFactory.getLogger(AlertService.class);

  private final AlertRepository repository;
  private final EventBus bus;

  public AlertService(AlertRepository repository, EventBus bus) {
    this.repository = repository;
    this.bus = bus;
  }

  @Override
  public Future<Alert> raise(NewAlert alert) {
    return repository.raise(alert)
        .onSuccess(raised -> {
          if (raised.isNew()) {
            LOG.info("alert {} {} {}: {}", raised.alert().id(), alert.level().wire(), alert.code(), alert.message());
            bus.publish(AlertBus.CHANGED, AlertJson.toJson(raised.alert()));
          }
        })
        .onFailure(e -> LOG.warn("alert {} not stored ({}): {}", alert.code(), e.getMessage(), alert.message()))
        .map(AlertRepository.Raised::alert);
  }

  /** The alert acknowledged by {@code by} (or by whoever did it first); empty when there is no such alert. */
  public Future<Optional<Alert>> acknowledge(long id, String by) {
    return repository.acknowledge(id, by).onSuccess(acked -> acked.ifPresent(a -> {
      LOG.info("alert {} acknowledged by {}", id, a.acknowledged().by());
      bus.publish(AlertBus.CHANGED, AlertJson.toJson(a));
    }));
  }

  public Future<Optional<Alert>> find(long id) {
    return repository.find(id);
  }

  /** The newest alerts, of the given stations only unless {@code stationIds} is null. */
  public Future<List<Alert>> recent(List<String> stationIds, int limit) {
    return repository.recent(stationIds, limit);
  }

  /** The newest alerts at {@code level} nobody has acknowledged. */
  public Future<List<Alert>> open(AlertLevel level, int limit) {
    return repository.open(level, limit);
  }
}
