package org.lamplight.domain.coverage;

import java.util.Map;

/**
 * How many visits a day each village needs: a default, and exceptions (more for a market town,
 * none for a village nobody lives in).
 *
 * @param visitsPerDay the default; at least 0
 * @param byVillage exceptions by village code; each at least 0
 */
public record PatrolRequirements(int visitsPerDay, Map<String, Integer> byVillage) {

  static final long DAY_MS = 24 * 3_600_000L;

  public PatrolRequirements {
    byVillage = Map.copyOf(byVillage);
    if (visitsPerDay < 0) {
      throw new IllegalArgumentException("visits per day must be at least 0, got " + visitsPerDay);
    }
    byVillage.forEach((village, visits) -> {
      if (visits < 0) {
        throw new IllegalArgumentException("village " + village + ": visits per day must be at least 0, got " + visits);
      }
    });
  }

  /** At least one visit a day everywhere. */
  public static PatrolRequirements defaults() {
    return new PatrolRequirements(1, Map.of());
  }

  public int visitsPerDay(String village) {
    return byVillage.getOrDefault(village, visitsPerDay);
  }

  /** Whether a village-day had the visits it needs; a village without a row had none. */
  public boolean isMet(String village, int visits) {
    return visits >= visitsPerDay(village);
  }

  /** Whether the village-day had the visits it needs. */
  public boolean isMet(VillageDay day) {
    return isMet(day.village(), day.visits());
  }

  /**
   * How long a village may go without a visit before it is reported inactive: a day divided by its
   * visits per day (8 hours for 3); {@link Long#MAX_VALUE} for a village that needs none.
   */
  public long windowMs(String village) {
    int visits = visitsPerDay(village);
    return visits == 0 ? Long.MAX_VALUE : DAY_MS / visits;
  }
}
