package org.lamplight.domain.coverage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Calendar days in the county's zone. Remembers the last day it worked out: nearly every fix
 * falls on the same day as the one before, so nearly every call is two comparisons.
 */
final class Days {

  private final ZoneId zone;
  private long start = Long.MAX_VALUE;
  private long end = Long.MIN_VALUE;
  private LocalDate day;

  Days(ZoneId zone) {
    this.zone = zone;
  }

  LocalDate dayOf(long ms) {
    if (ms < start || ms >= end) {
      day = Instant.ofEpochMilli(ms).atZone(zone).toLocalDate();
      start = day.atStartOfDay(zone).toInstant().toEpochMilli();
      end = day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
    }
    return day;
  }

  /** The next midnight after ms. */
  long endOfDay(long ms) {
    dayOf(ms);
    return end;
  }
}
