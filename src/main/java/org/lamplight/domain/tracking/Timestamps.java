package org.lamplight.domain.tracking;

/** Epoch time as devices send it. */
public final class Timestamps {

  /** 10^11 s is the year 5138 while 10^11 ms is in 1973: anything below it is seconds. */
  static final long SECONDS_BELOW = 100_000_000_000L;

  private Timestamps() {}

  /**
   * Epoch milliseconds from a device value in seconds or milliseconds. Negative values are returned
   * unchanged: scaling them could overflow into a plausible time, and they fail validation anyway.
   */
  public static long normalizeEpoch(long value) {
    return value >= 0 && value < SECONDS_BELOW ? value * 1000 : value;
  }
}
