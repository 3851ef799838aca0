package org.lamplight.sim;

import java.util.Random;

/** Events at random times, {@code perHour} on average: exponentially distributed gaps between them. */
final class PoissonArrivals {

  private final double meanGapMs;

  PoissonArrivals(double perHour) {
    if (!(perHour > 0) || Double.isInfinite(perHour)) {
      throw new IllegalArgumentException("rate must be a positive number per hour, got " + perHour);
    }
    this.meanGapMs = 3_600_000 / perHour;
  }

  /** Milliseconds until the next event. */
  long nextGapMs(Random random) {
    // 1 - nextDouble() is in (0, 1], so the logarithm is finite
    return Math.round(-Math.log(1 - random.nextDouble()) * meanGapMs);
  }
}
