package org.lamplight.domain.dispatch;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Unit claims for a single process; thread safe. */
public final class LocalUnitClaims implements UnitClaims {

  private final ConcurrentMap<String, String> holderByUnit = new ConcurrentHashMap<>();

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
    holderByUnit.entrySet().removeIf(e -> e.getValue().equals(incidentId) && !keep.contains(e.getKey()));
  }
}
