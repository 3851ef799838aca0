package org.lamplight.domain.tracking;

import java.util.Objects;

/**
 * One decoded location fix.
 *
 * <p>Units: degrees (WGS-84), epoch milliseconds, metres, metres per second, degrees clockwise
 * from true north, percent. Optional measurements are {@link #ABSENT} when the device did not
 * send them: a NaN instead of a boxed null keeps the ingest path free of allocations.
 */
public record PositionFix(
    String deviceId,
    double lat,
    double lon,
    long timestampMs,
    double accuracyM,
    double speedMps,
    double headingDeg,
    double altitudeM,
    double batteryPct,
    FixSource source) {

  /** Marks an optional measurement the device did not send. */
  public static final double ABSENT = Double.NaN;

  public PositionFix {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(source, "source");
  }

  /** True when an optional measurement is present. */
  public static boolean has(double value) {
    return !Double.isNaN(value);
  }
}
