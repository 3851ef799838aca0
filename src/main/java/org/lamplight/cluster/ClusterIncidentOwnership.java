package org.lamplight.cluster;

import com.hazelcast.map.IMap;
import java.util.concurrent.CompletionStage;
import org.lamplight.dispatch.IncidentOwnership;

/**
 * Which node drives each unfinished incident: a Hazelcast map incident → node id. The node that
 * opens an incident owns it, unless another node owns it already (a report sent again to another
 * node names the same incident); when its owner is no longer a member, the first node to replace
 * the entry (an atomic compare-and-set) takes the incident over.
 */
public final class ClusterIncidentOwnership implements IncidentOwnership {

  private final Cluster cluster;
  private final IMap<String, String> ownerByIncident;

  public ClusterIncidentOwnership(Cluster cluster) {
    this.cluster = cluster;
    this.ownerByIncident = cluster.incidentOwners();
  }

  @Override
  public boolean opened(String incidentId) {
    String owner = ownerByIncident.putIfAbsent(incidentId, cluster.nodeId());
    return owner == null || owner.equals(cluster.nodeId());
  }

  @Override
  public boolean adopt(String incidentId) {
    String self = cluster.nodeId();
    while (true) {
      String owner = ownerByIncident.get(incidentId);
      if (self.equals(owner)) {
        return true;
      }
      if (owner != null && cluster.isMember(owner)) {
        return false;
      }
      boolean won = owner == null ? ownerByIncident.putIfAbsent(incidentId, self) == null
          : ownerByIncident.replace(incidentId, owner, self);
      if (won) {
        return true;
      }
      // another node changed the entry first: look again
    }
  }

  @Override
  public void closed(String incidentId) {
    ownerByIncident.remove(incidentId, cluster.nodeId());
  }

  /** The owner's node id, or null when nobody owns the incident; completes on a Hazelcast thread. */
  CompletionStage<String> owner(String incidentId) {
    return ownerByIncident.getAsync(incidentId);
  }
}
