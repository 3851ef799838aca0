package org.lamplight.patrol;

import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;
import org.lamplight.domain.coverage.PatrolRequirements;

/** One village's stored days over a range, added up: what {@link CoverageReport} rolls up. */
final class VillageTotals {

  long presenceMs;
  int visits;
  long lastVisitMs = Long.MIN_VALUE;
  int daysMet;
  final Set<String> units = new HashSet<>();

  /** Adds {@code days} stored days that each had {@code visitsThatDay} visits. */
  void addDays(String village, int visitsThatDay, int days, long presence, long lastVisit,
               PatrolRequirements requirements) {
    presenceMs += presence;
    visits += visitsThatDay * days;
    lastVisitMs = Math.max(lastVisitMs, lastVisit);
    if (requirements.visitsPerDay(village) > 0 && requirements.isMet(village, visitsThatDay)) {
      daysMet += days;
    }
  }

  OptionalLong lastVisit() {
    return lastVisitMs == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(lastVisitMs);
  }
}
