package org.lamplight.domain.dispatch;

import org.lamplight.domain.WireName;

/**
 * Why dispatch found too few units at a level: the most common reason among the units it had to
 * pass over (offline ones only when nothing else, see {@link Ranking.Result#shortfall}),
 * {@link #NO_CANDIDATES} when there was nobody to pass over, or {@link #NO_ACCEPTANCE} when the
 * level's units had not accepted within the plan's time.
 */
public enum ShortfallReason implements WireName {
  NO_CANDIDATES, ALL_BUSY, STALE_LOCATIONS, OUTSIDE_RADIUS, OFFLINE, NO_ACCEPTANCE,
  /** The units near it declined, did not answer or were released. */
  DECLINED;

  public static ShortfallReason fromWire(String wire) {
    return WireName.parse(ShortfallReason.class, wire);
  }
}
