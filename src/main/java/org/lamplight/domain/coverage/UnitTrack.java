package org.lamplight.domain.coverage;

import java.util.Objects;

/**
 * All {@link CoverageAccumulator} keeps of one unit: its last point, its duty and the run of
 * presence it is on. Stored with the aggregates, it lets the accumulator carry on after a restart
 * without losing the interval in progress or counting a visit twice.
 *
 * @param atMs the time of the last point: the last fix, or a later duty change (the unit is taken
 *     to be where its last fix put it); {@link Long#MIN_VALUE} before the first fix
 * @param lat the last fix's latitude; NaN before the first fix
 * @param lon the last fix's longitude; NaN before the first fix
 * @param village the village of the last point; null outside every village
 * @param runMs the presence in {@code village} of the run under way; 0 when none is
 * @param visit the run under way has reached the minimum visit
 */
public record UnitTrack(String unitId, boolean onDuty, long atMs, double lat, double lon,
    String village, long runMs, boolean visit) {

  public UnitTrack {
    Objects.requireNonNull(unitId, "unitId");
  }

  /** A unit not seen yet: on duty, nowhere. */
  static UnitTrack unplaced(String unitId) {
    return new UnitTrack(unitId, true, Long.MIN_VALUE, Double.NaN, Double.NaN, null, 0, false);
  }

  /** True once the unit has had a fix. */
  public boolean placed() {
    return !Double.isNaN(lat);
  }
}
