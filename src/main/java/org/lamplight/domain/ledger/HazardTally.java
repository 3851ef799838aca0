package org.lamplight.domain.ledger;

import java.util.Collection;
import java.util.OptionalDouble;

/**
 * Hazard figures of a period [fromMs, toMs), for an office or any group of villages.
 *
 * @param reported hazards found in the period
 * @param notAHazard hazards closed as not a hazard in the period
 * @param due hazards whose rectification deadline fell in the period, except those closed as not
 *     a hazard before their deadline (closing one after its deadline does not undo its lateness)
 * @param onTime of those due, the ones rectified by their deadline
 * @param rectified hazards reported rectified in the period, whenever due
 * @param verified hazards whose rectification was checked in the period
 */
public record HazardTally(int reported, int notAHazard, int due, int onTime, int rectified, int verified) {

  public static final HazardTally NONE = new HazardTally(0, 0, 0, 0, 0, 0);

  /** Due but not rectified by the deadline. */
  public int late() {
    return due - onTime;
  }

  /** On time out of due; empty when nothing was due, which is no data rather than a rate of 0 or 1. */
  public OptionalDouble onTimeRate() {
    return due == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) onTime / due);
  }

  public HazardTally plus(HazardTally other) {
    return new HazardTally(reported + other.reported, notAHazard + other.notAHazard, due + other.due,
        onTime + other.onTime, rectified + other.rectified, verified + other.verified);
  }

  /** The figures of one hazard. */
  public static HazardTally of(Hazard hazard, long fromMs, long toMs) {
    boolean dismissed = hazard.status() == HazardStatus.NOT_A_HAZARD;
    boolean due = hazard.deadlineMs().isPresent() && within(hazard.deadlineMs().getAsLong(), fromMs, toMs)
        && !(dismissed && hazard.closedAtMs().getAsLong() <= hazard.deadlineMs().getAsLong());
    return new HazardTally(
        count(within(hazard.reportedAtMs(), fromMs, toMs)),
        count(dismissed && within(hazard.closedAtMs().getAsLong(), fromMs, toMs)),
        count(due),
        count(due && hazard.wasRectifiedOnTime()),
        count(hazard.rectifiedAtMs().isPresent() && within(hazard.rectifiedAtMs().getAsLong(), fromMs, toMs)),
        count(hazard.status() == HazardStatus.VERIFIED && within(hazard.closedAtMs().getAsLong(), fromMs, toMs)));
  }

  public static HazardTally of(Collection<Hazard> hazards, long fromMs, long toMs) {
    return hazards.stream().map(h -> of(h, fromMs, toMs)).reduce(NONE, HazardTally::plus);
  }

  private static boolean within(long atMs, long fromMs, long toMs) {
    return atMs >= fromMs && atMs < toMs;
  }

  private static int count(boolean yes) {
    return yes ? 1 : 0;
  }
}
