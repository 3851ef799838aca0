package org.lamplight.domain.coverage;

import java.time.ZoneId;
import java.util.Objects;

/**
 * The parameters of the coverage definition.
 *
 * @param maxGapMs an interval between two fixes counts for at most this long; a longer one also
 *     ends the run it belongs to (the device went silent)
 * @param minVisitMs a run of presence in one village counts as a visit once it lasts this long
 * @param zone the county's time zone: days run from midnight to midnight there
 */
public record CoverageSettings(long maxGapMs, long minVisitMs, ZoneId zone) {

  public static final long DEFAULT_MAX_GAP_MS = 5 * 60_000L;
  public static final long DEFAULT_MIN_VISIT_MS = 10 * 60_000L;
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

  public CoverageSettings {
    Objects.requireNonNull(zone, "zone");
    if (maxGapMs <= 0) {
      throw new IllegalArgumentException("coverage max-gap must be positive, got " + maxGapMs + " ms");
    }
    if (minVisitMs <= 0) {
      throw new IllegalArgumentException("coverage min-visit must be positive, got " + minVisitMs + " ms");
    }
  }

  /** Five minutes' gap, ten minutes' visit, China Standard Time. */
  public static CoverageSettings defaults() {
    return new CoverageSettings(DEFAULT_MAX_GAP_MS, DEFAULT_MIN_VISIT_MS, DEFAULT_ZONE);
  }
}
