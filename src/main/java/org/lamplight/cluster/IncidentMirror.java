package org.lamplight.cluster;

import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.lamplight.dispatch.UnitStates;
import org.lamplight.store.IncidentJson;
import org.lamplight.domain.dispatch.Incident;
import org.lamplight.domain.tracking.LiveUnits;

/**
 * Every node's copy of the cluster's unfinished incidents, for consoles (snapshots, scope
 * checks) and for the dispatch state of units: loaded from PostgreSQL at start, then kept up to
 * date from the changes owners publish to consoles ({@code DispatchBus.INCIDENTS}), newest
 * sequence number wins. Incidents this node drives show their units already.
 * Written on one context; read from any thread.
 */
public final class IncidentMirror {

  private final LiveUnits units;
  private final Predicate<String> drivenHere;
  private final Map<String, Incident> open = new ConcurrentHashMap<>();
  /** Incidents that ended while the load was under way, so a stale stored copy does not return. */
  private Set<String> endedBeforeLoad = new HashSet<>();

  public IncidentMirror(LiveUnits units, Predicate<String> drivenHere) {
    this.units = units;
    this.drivenHere = drivenHere;
  }

  /** A change as dispatch publishes it: {@code {incident: stored snapshot, event, stationId}}. */
  public void changed(JsonObject change) {
    apply(IncidentJson.fromJson(change.getJsonObject("incident")));
  }

  /** The unfinished incidents as stored when this node started. */
  public void load(List<Incident> stored) {
    for (Incident incident : stored) {
      if (!endedBeforeLoad.contains(incident.id())) {
        apply(incident);
      }
    }
    endedBeforeLoad = null;
  }

  public Collection<Incident> all() {
    return List.copyOf(open.values());
  }

  private void apply(Incident incident) {
    Incident known = open.get(incident.id());
    if (known != null && known.seq() >= incident.seq()) {
      return;
    }
    if (incident.isFinished()) {
      open.remove(incident.id());
      if (endedBeforeLoad != null) {
        endedBeforeLoad.add(incident.id());
      }
    } else {
      open.put(incident.id(), incident);
    }
    if (!drivenHere.test(incident.id())) {
      UnitStates.show(units, incident);
    }
  }
}
