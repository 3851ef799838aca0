package org.lamplight.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.lamplight.auth.Tokens.Principal;
import org.lamplight.domain.alert.Alert;
import org.lamplight.domain.alert.AlertLevel;

/**
 * This node's copy of the newest alerts, for console snapshots and for repeating critical alerts
 * nobody has acknowledged: loaded from PostgreSQL at start, then kept up to date from the changes
 * every node publishes, so every node shows the same. Bounded; used from one event loop.
 */
final class RecentAlerts {

  private static final int KEEP = 1_000;

  private final TreeMap<Long, Alert> byId = new TreeMap<>(Comparator.reverseOrder());

  /** A raised or acknowledged alert; an acknowledgement is never undone by an older copy arriving late. */
  void put(Alert alert) {
    Alert known = byId.get(alert.id());
    if (known != null && known.isAcknowledged() && !alert.isAcknowledged()) {
      return;
    }
    byId.put(alert.id(), alert);
    while (byId.size() > KEEP) {
      byId.pollLastEntry();
    }
  }

  /** The newest alerts the console may see, newest first. */
  List<Alert> visibleTo(Principal principal, int limit) {
    List<Alert> out = new ArrayList<>();
    for (Alert a : byId.values()) {
      if (out.size() == limit) {
        break;
      }
      if (principal.sees(a.raised().stationId())) {
        out.add(a);
      }
    }
    return out;
  }

  /** Critical alerts nobody has acknowledged, newest first: they are shown again until someone does. */
  List<Alert> unacknowledgedCritical() {
    return byId.values().stream().filter(a -> !a.isAcknowledged() && a.raised().level() == AlertLevel.CRITICAL).toList();
  }
}
