package org.lamplight.domain.dispatch;

/**
 * How candidates are ordered.
 *
 * @param speedMps assumed travel speed for the straight-line time estimate, used wherever no
 *     better estimate is known
 * @param localSlackMs a unit from the workstation covering the location goes first when its
 *     estimate is at most this much behind the best ...
 * @param localSlackRatio ... or at most this fraction of the best estimate behind it
 * @param candidateLimit how many nearby units to ask the directory for at once
 * @param roadCandidates how many of the eligible units nearest in a straight line are timed by the
 *     {@link TravelTimeEstimator}; the others keep straight-line estimates and rank after them
 */
public record RankingSettings(double speedMps, long localSlackMs, double localSlackRatio,
    int candidateLimit, int roadCandidates) {

  /** 40 km/h on village roads. */
  public static final double DEFAULT_SPEED_MPS = 40 / 3.6;
  /** Enough to find the best few by road, few enough to keep the road search near the incident. */
  public static final int DEFAULT_ROAD_CANDIDATES = 20;

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
    if (roadCandidates < 1) {
      throw new IllegalArgumentException("road candidates must be at least 1, got " + roadCandidates);
    }
  }

  /**
   * 40 km/h; the local auxiliary goes first when within 60 s or 20 % of the best; 64 candidates,
   * the nearest 20 timed by road.
   */
  public static RankingSettings defaults() {
    return new RankingSettings(DEFAULT_SPEED_MPS, 60_000, 0.2, 64, DEFAULT_ROAD_CANDIDATES);
  }
}
