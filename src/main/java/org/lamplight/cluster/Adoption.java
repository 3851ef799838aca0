package org.lamplight.cluster;

import com.hazelcast.map.IMap;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lamplight.dispatch.IncidentDriver;
import org.lamplight.domain.dispatch.Incident;
import org.lamplight.store.IncidentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What survivors do about nodes that are gone, run when a member leaves and every so often:
 * adopt the unfinished incidents no live node owns (each goes to the first node to replace
 * its owner entry, and resumes from PostgreSQL as after a restart), and drop the owner entries
 * and unit claims dead nodes left for incidents that ended or were never stored.
 */
final class Adoption {

  private static final Logger LOG = LoggerFactory.getLogger(Adoption.class);

  private final Vertx vertx;
  private final Cluster cluster;
  private final IncidentRepository incidents;
  private final IncidentDriver dispatch;
  private final IMap<String, String> owners;
  private final IMap<String, String> claims;

  Adoption(Vertx vertx, Cluster cluster, IncidentRepository incidents, IncidentDriver dispatch) {
    this.vertx = vertx;
    this.cluster = cluster;
    this.incidents = incidents;
    this.dispatch = dispatch;
    this.owners = cluster.incidentOwners();
    this.claims = cluster.unitClaims();
  }

  /** Completes with the number of incidents this node adopted. */
  Future<Integer> sweep() {
    return incidents.unfinished()
        .compose(open -> vertx.executeBlocking(() -> orphansAndCleanUp(ids(open)), false))
        .compose(orphans -> Future.all(orphans.stream().map(dispatch::adopt).toList())
            .map(all -> (int) all.<Boolean>list().stream().filter(Boolean::booleanValue).count()))
        .onSuccess(n -> {
          if (n > 0) {
            LOG.info("adopted {} incident(s) of nodes that are gone", n);
          }
        });
  }

  /** Blocking: the open incidents nobody live owns; drops what dead owners left for the rest. */
  private List<String> orphansAndCleanUp(Set<String> open) {
    Map<String, String> ownerOf = owners.getAll(open);
    List<String> orphans = open.stream().filter(id -> !dispatch.drives(id)).filter(id -> gone(ownerOf.get(id))).toList();
    for (Map.Entry<String, String> e : owners.entrySet()) {
      if (!open.contains(e.getKey()) && gone(e.getValue())) {
        owners.remove(e.getKey(), e.getValue());
      }
    }
    int released = 0;
    for (Map.Entry<String, String> e : claims.entrySet()) {
      String incidentId = e.getValue();
      if (!open.contains(incidentId) && gone(owners.get(incidentId)) && claims.remove(e.getKey(), incidentId)) {
        released++;
      }
    }
    if (released > 0) {
      LOG.info("released {} unit claim(s) of incidents that ended or were never stored", released);
    }
    return orphans;
  }

  private boolean gone(String owner) {
    return owner == null || !cluster.isMember(owner);
  }

  private static Set<String> ids(List<Incident> open) {
    Set<String> ids = new HashSet<>();
    open.forEach(i -> ids.add(i.id()));
    return ids;
  }
}
