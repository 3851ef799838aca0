package org.lamplight.domain.dispatch;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Unit claims kept in a concurrent map unit → incident; thread safe. A single node keeps them in
 * its own memory; a cluster passes a map shared by every node, whose {@code putIfAbsent} and
 * {@code remove(key, value)} are atomic across the cluster.
 */
public class MapUnitClaims implements UnitClaims {

  private final ConcurrentMap<String, String> holderByUnit;

  public MapUnitClaims() {
    this(new ConcurrentHashMap<>());
  }

  protected MapUnitClaims(ConcurrentMap<String, String> holderByUnit) {
    this.holderByUnit = holderByUnit;
  }

  @Override
  public Claim claim(String unitId, String incidentId) {
    String holder = holderByUnit.putIfAbsent(unitId, incidentId);
    return holder == null ? Claim.TAKEN : holder.equals(incidentId) ? Claim.HELD : Claim.REFUSED;
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
    holderByUnit.entrySet().removeIf(e -> e.getValue().equals(incidentId) && !keep.contains(e.getKey()));
  }
}
