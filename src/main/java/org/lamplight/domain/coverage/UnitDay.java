package org.lamplight.domain.coverage;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What one unit did on one day, or an increment to it; increments merge by {@link #plus} (sums).
 * Only time on duty counts.
 *
 * @param onDutyMs tracked time on duty, wherever the unit was
 * @param onPostMs presence in one of the unit's post villages
 * @param patrolMs presence in any other village
 * @param distanceM great-circle distance between consecutive fixes on duty, leaving out intervals
 *     longer than max-gap
 * @param visits visits the unit made, counted on the day they reached the minimum visit
 */
public record UnitDay(String unitId, LocalDate day, long onDutyMs, long onPostMs, long patrolMs,
    double distanceM, int visits) {

  public UnitDay {
    Objects.requireNonNull(unitId, "unitId");
    Objects.requireNonNull(day, "day");
  }

  /** The two summed; both must be about the same unit and day. */
  public UnitDay plus(UnitDay other) {
    if (!unitId.equals(other.unitId) || !day.equals(other.day)) {
      throw new IllegalArgumentException("cannot add " + other.unitId + " " + other.day + " to "
          + unitId + " " + day);
    }
    return new UnitDay(unitId, day, onDutyMs + other.onDutyMs, onPostMs + other.onPostMs,
        patrolMs + other.patrolMs, distanceM + other.distanceM, visits + other.visits);
  }
}
