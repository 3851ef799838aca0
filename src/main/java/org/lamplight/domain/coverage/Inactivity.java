package org.lamplight.domain.coverage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Villages gone longer than their window ({@link PatrolRequirements#windowMs}) without a visit.
 * Checked now and then; each check reports a village once for every window that ran out since the
 * previous check, so a village unvisited for three windows is reported three times in all, once
 * as each window ends, however often the check runs.
 */
public final class Inactivity {

  /**
   * A village to report.
   *
   * @param lastVisitMs empty when it has had no visit since watching began
   * @param windowsMissed whole windows since the last visit (or since watching began)
   * @param missedSinceMs when the latest of those windows ran out
   */
  public record InactiveVillage(String village, OptionalLong lastVisitMs, long windowMs,
      long windowsMissed, long missedSinceMs) {}

  private Inactivity() {
  }

  /**
   * The villages whose window ran out in (previousCheckMs, nowMs].
   *
   * @param lastVisitMs the end of each village's last visit; villages absent had none
   * @param watchedSinceMs the window of a village never visited runs from here (when coverage began)
   * @param previousCheckMs when the previous check ran; on the first check, {@code watchedSinceMs}
   */
  public static List<InactiveVillage> due(Collection<String> villages, Map<String, Long> lastVisitMs,
      PatrolRequirements requirements, long watchedSinceMs, long previousCheckMs, long nowMs) {
    List<InactiveVillage> due = new ArrayList<>();
    for (String village : villages) {
      long window = requirements.windowMs(village);
      Long last = lastVisitMs.get(village);
      long since = last != null ? last : watchedSinceMs;
      long missedNow = windowsPassed(since, window, nowMs);
      if (missedNow > windowsPassed(since, window, previousCheckMs)) {
        due.add(new InactiveVillage(village, last == null ? OptionalLong.empty() : OptionalLong.of(last),
            window, missedNow, since + missedNow * window));
      }
    }
    return due;
  }

  private static long windowsPassed(long sinceMs, long windowMs, long atMs) {
    return atMs <= sinceMs ? 0 : (atMs - sinceMs) / windowMs;
  }
}
