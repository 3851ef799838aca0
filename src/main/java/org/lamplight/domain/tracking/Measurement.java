package org.lamplight.domain.tracking;

import org.lamplight.domain.WireName;

/**
 * The optional measurements of a {@link PositionFix}, each with the range a real device can
 * report. A value outside it is a device bug (or an attack on history, whose columns are
 * PostgreSQL {@code real}): it is dropped from the fix and counted, and the fix is kept.
 * Declared in the order of the fix's components.
 */
public enum Measurement implements WireName {
  /** Metres. Cell-tower positions can be kilometres off; beyond 100 km the value says nothing. */
  ACCURACY(0, 100_000),
  /** Metres per second: up to about the speed of sound, far above any patrol vehicle. */
  SPEED(0, 340),
  /** Degrees clockwise from true north; some devices send 360 for north. */
  HEADING(0, 360),
  /** Metres above sea level: from below the Dead Sea shore to above any road. */
  ALTITUDE(-500, 10_000),
  /** Percent. */
  BATTERY(0, 100);

  private final double min;
  private final double max;

  Measurement(double min, double max) {
    this.min = min;
    this.max = max;
  }

  public double min() {
    return min;
  }

  public double max() {
    return max;
  }

  /** True for a value within the range; false for one outside it and for an absent one. */
  public boolean accepts(double value) {
    return value >= min && value <= max;
  }

  /** The reason an out-of-range value is counted under, e.g. {@code battery_out_of_range}. */
  public String dropReason() {
    return wire() + "_out_of_range";
  }

  /** This measurement of {@code fix}, or {@link PositionFix#ABSENT}. */
  public double of(PositionFix fix) {
    return switch (this) {
      case ACCURACY -> fix.accuracyM();
      case SPEED -> fix.speedMps();
      case HEADING -> fix.headingDeg();
      case ALTITUDE -> fix.altitudeM();
      case BATTERY -> fix.batteryPct();
    };
  }
}
