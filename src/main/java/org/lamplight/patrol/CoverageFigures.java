package org.lamplight.patrol;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * Coverage of one village, workstation, office, station or unit over a range of days.
 *
 * @param stationId the station whose dispatchers see it; null for a village no office covers
 * @param presenceMs presence of all units in its villages (a unit: its presence in any village)
 * @param visits visits to its villages (a unit: visits it made)
 * @param units distinct units present in its villages (a unit: 1 when it was present anywhere)
 * @param lastVisitMs the end of the latest visit to its villages; empty for a unit
 * @param villageDays its villages (a unit: its post villages) times the days of the range
 * @param villageDaysMet of those, the ones that had the visits they need
 * @param onDutyMs tracked time on duty of its units (an area: the units posted there)
 * @param onPostMs of that, time in their post villages
 * @param patrolMs time of its units in other villages
 * @param distanceM distance its units travelled on duty
 */
public record CoverageFigures(String code, String name, String stationId, long presenceMs, int visits, int units,
                              OptionalLong lastVisitMs, int villageDays, int villageDaysMet, long onDutyMs,
                              long onPostMs, long patrolMs, double distanceM) {

  public CoverageFigures {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(lastVisitMs, "lastVisitMs");
  }

  /** Every village-day of the range had the visits it needed. */
  public boolean requirementMet() {
    return villageDays > 0 && villageDaysMet == villageDays;
  }
}
