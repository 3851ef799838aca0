package org.lamplight.patrol;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * Where a village stands now: when it was last visited and how long it may go without a visit.
 *
 * @param stationId null for a village no office covers
 * @param lastVisitMs empty when it was never visited
 * @param windowMs a day divided by the visits it needs; {@link Long#MAX_VALUE} when it needs none
 */
public record PatrolStatus(String village, String name, String stationId, OptionalLong lastVisitMs, long windowMs) {

  public PatrolStatus {
    Objects.requireNonNull(village, "village");
    Objects.requireNonNull(lastVisitMs, "lastVisitMs");
  }

  /** Its window ran out since the last visit (or it was never visited). */
  public boolean overdueAt(long nowMs) {
    return windowMs != Long.MAX_VALUE && (lastVisitMs.isEmpty() || nowMs - lastVisitMs.getAsLong() > windowMs);
  }
}
