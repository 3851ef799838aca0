package org.lamplight.cluster;

import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import java.util.Set;
import org.lamplight.domain.dispatch.MapUnitClaims;

/**
 * Unit claims shared by every node: one Hazelcast map unit → incident, so claiming is atomic
 * across the cluster (putIfAbsent on the unit's partition owner) and survives a node's death
 * (one synchronous backup). Every call is a blocking round trip: the dispatch verticle runs on
 * a worker in a cluster for that reason. {@link #holder} reads this node's near cache: a claim
 * made on another node shows once its invalidation arrives (a network hop); dispatch only uses
 * it to pass over busy units, and {@link #tryClaim} is exact.
 */
public final class ClusterUnitClaims extends MapUnitClaims {

  private final IMap<String, String> shared;

  public ClusterUnitClaims(Cluster cluster) {
    this(cluster.unitClaims());
  }

  private ClusterUnitClaims(IMap<String, String> shared) {
    super(shared);
    this.shared = shared;
  }

  /** Asks the partition owners for the incident's claims instead of fetching the whole map. */
  @Override
  public void retain(String incidentId, Set<String> keep) {
    for (String unitId : shared.keySet(Predicates.equal("this", incidentId))) {
      if (!keep.contains(unitId)) {
        shared.remove(unitId, incidentId);
      }
    }
  }
}
