package org.lamplight.cluster;

import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import java.util.Optional;
import java.util.Set;
import org.lamplight.domain.dispatch.UnitClaims;

/**
 * Unit claims shared by every node: one Hazelcast map unit → incident, so claiming is atomic
 * across the cluster (putIfAbsent on the unit's partition owner) and survives a node's death
 * (one synchronous backup). Every call is a blocking round trip: the dispatch verticle runs on
 * a worker in a cluster for that reason.
 */
public final class ClusterUnitClaims implements UnitClaims {

  private final IMap<String, String> holderByUnit;

  public ClusterUnitClaims(Cluster cluster) {
    this.holderByUnit = cluster.unitClaims();
  }

  @Override
  public boolean tryClaim(String unitId, String incidentId) {
    String holder = holderByUnit.putIfAbsent(unitId, incidentId);
    return holder == null || holder.equals(incidentId);
  }

  @Override
  public void release(String unitId, String incidentId) {
    holderByUnit.remove(unitId, incidentId);
  }

  @Override
  public Optional<String> holder(String unitId) {
    return Optional.ofNullable(holderByUnit.get(unitId));
  }

  @Override
  public void retain(String incidentId, Set<String> keep) {
    for (String unitId : holderByUnit.keySet(Predicates.equal("this", incidentId))) {
      if (!keep.contains(unitId)) {
        holderByUnit.remove(unitId, incidentId);
      }
    }
  }
}
