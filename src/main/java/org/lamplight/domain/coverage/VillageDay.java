package org.lamplight.domain.coverage;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Patrol coverage of one village on one day, or an increment to it. Increments merge by
 * {@link #plus}: sums of presence and visits, the later last visit, the union of units.
 *
 * @param presenceMs presence time of all units together
 * @param visits runs of presence that reached the minimum visit on this day
 * @param lastVisitMs the end of the latest presence that belongs to a visit, on this day (at most
 *     the following midnight); empty when no visit was under way on this day
 * @param units the units with any presence in the village on this day
 */
public record VillageDay(String village, LocalDate day, long presenceMs, int visits,
    OptionalLong lastVisitMs, Set<String> units) {

  public VillageDay {
    Objects.requireNonNull(village, "village");
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(lastVisitMs, "lastVisitMs");
    units = Set.copyOf(units);
  }

  /** The two merged; both must be about the same village and day. */
  public VillageDay plus(VillageDay other) {
    if (!village.equals(other.village) || !day.equals(other.day)) {
      throw new IllegalArgumentException("cannot add " + other.village + " " + other.day + " to "
          + village + " " + day);
    }
    Set<String> allUnits = new HashSet<>(units);
    allUnits.addAll(other.units);
    return new VillageDay(village, day, presenceMs + other.presenceMs, visits + other.visits,
        later(lastVisitMs, other.lastVisitMs), allUnits);
  }

  private static OptionalLong later(OptionalLong a, OptionalLong b) {
    if (a.isEmpty()) {
      return b;
    }
    return b.isEmpty() || a.getAsLong() >= b.getAsLong() ? a : b;
  }
}
