package org.lamplight.domain.dispatch;

/**
 * How candidates are ordered.
 *
 * @param speedMps assumed travel speed for the straight-line time estimate
 * @param localSlackMs a unit from the workstation covering the location goes first when its
 *     estimate is at most this much behind the best ...
 * @param localSlackRatio ... or at most this fraction of the best estimate behind it
 * @param candidateLimit how many nearby units to ask the directory for at once
 */
public record RankingSettings(double speedMps, long localSlackMs, double localSlackRatio,
    int candidateLimit) {

  /** 40 km/h on village roads. */
  public static final double DEFAULT_SPEED_MPS = 40 / 3.6;

  public RankingSettings {
    if (!(speedMps > 0) || Double.isInfinite(speedMps)) {
      throw new IllegalArgumentException("speed must be a positive number of m/s, got " + speedMps);
    }
    if (localSlackMs < 0) {
      throw new IllegalArgumentException("local slack must not be negative, got " + localSlackMs + " ms");
    }
    if (!(localSlackRatio >= 0) || Double.isInfinite(localSlackRatio)) {
      throw new IllegalArgumentException("local slack ratio must not be negative, got " + localSlackRatio);
    }
    if (candidateLimit < 1) {
      throw new IllegalArgumentException("candidate limit must be at least 1, got " + candidateLimit);
    }
  }

  /** 40 km/h; the local auxiliary goes first when within 60 s or 20 % of the best; 64 candidates. */
  public static RankingSettings defaults() {
    return new RankingSettings(DEFAULT_SPEED_MPS, 60_000, 0.2, 64);
  }
}
