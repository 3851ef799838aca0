package org.lamplight.domain.coverage;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The villages where a unit is on post: an auxiliary's workstation village, a community
 * officer's villages. Time in any other village is patrol elsewhere.
 */
@FunctionalInterface
public interface UnitPosts {

  /** Never null; empty when the unit has no post. */
  Set<String> villagesOf(String unitId);

  /** From a plain map; units not in it have no post. */
  static UnitPosts of(Map<String, Set<String>> villagesOfUnit) {
    Map<String, Set<String>> copy = villagesOfUnit.entrySet().stream()
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Set.copyOf(e.getValue())));
    return unitId -> copy.getOrDefault(unitId, Set.of());
  }
}
