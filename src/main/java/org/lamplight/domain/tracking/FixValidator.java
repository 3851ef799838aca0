package org.lamplight.domain.tracking;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.lamplight.domain.geo.GeoPoint;

/** Plausibility rules for a decoded fix. Pure and thread-safe. */
public final class FixValidator {

  /**
   * How far two fixes may lie apart at the same instant: ordinary GPS scatter, so that a phone
   * sitting still is never flagged.
   */
  static final double GPS_NOISE_M = 50;

  private static final List<Measurement> MEASUREMENTS = List.of(Measurement.values());

  private final long maxFutureMs;
  private final long maxAgeMs;
  private final double maxSpeedMps;

  /**
   * @param maxFutureMs how far ahead of the server clock a fix may be (device clock skew)
   * @param maxAgeMs how old a fix may be
   * @param maxSpeedMps the fastest believable travel between two fixes
   */
  public FixValidator(long maxFutureMs, long maxAgeMs, double maxSpeedMps) {
    if (maxFutureMs < 0 || maxAgeMs < 0 || !(maxSpeedMps > 0) || Double.isInfinite(maxSpeedMps)) {
      throw new IllegalArgumentException("limits must be non-negative and the speed finite and"
          + " positive: " + maxFutureMs + ", " + maxAgeMs + ", " + maxSpeedMps);
    }
    this.maxFutureMs = maxFutureMs;
    this.maxAgeMs = maxAgeMs;
    this.maxSpeedMps = maxSpeedMps;
  }

  /**
   * The fix as it may be used at {@code nowMs}, with optional measurements outside their
   * {@link Measurement} range removed; throws {@link RejectedFixException} when the fix itself
   * is unusable.
   */
  public ValidFix validate(PositionFix fix, long nowMs) {
    double lat = fix.lat();
    double lon = fix.lon();
    requireNumber("lat", lat);
    requireNumber("lon", lon);
    if (lat < -90 || lat > 90) {
      throw new RejectedFixException(RejectReason.LAT_OUT_OF_RANGE,
          "lat " + lat + " is outside -90..90");
    }
    if (lon < -180 || lon > 180) {
      throw new RejectedFixException(RejectReason.LON_OUT_OF_RANGE,
          "lon " + lon + " is outside -180..180");
    }
    if (lat == 0 && lon == 0) {
      throw new RejectedFixException(RejectReason.NO_FIX, "0,0 means the device has no fix");
    }
    // Optional values may be absent (NaN), never infinite.
    for (Measurement m : MEASUREMENTS) {
      if (Double.isInfinite(m.of(fix))) {
        throw new RejectedFixException(RejectReason.NOT_A_NUMBER, m.wire() + " is " + m.of(fix));
      }
    }

    long ts = fix.timestampMs();
    long latest = nowMs > Long.MAX_VALUE - maxFutureMs ? Long.MAX_VALUE : nowMs + maxFutureMs;
    long earliest = nowMs < Long.MIN_VALUE + maxAgeMs ? Long.MIN_VALUE : nowMs - maxAgeMs;
    if (ts > latest) {
      throw new RejectedFixException(RejectReason.TIMESTAMP_IN_FUTURE,
          "timestamp " + ts + " is " + (ts - nowMs) + " ms ahead of the server clock");
    }
    if (ts < earliest) {
      throw new RejectedFixException(RejectReason.TIMESTAMP_TOO_OLD,
          "timestamp " + ts + " is older than " + maxAgeMs + " ms");
    }
    return withoutOutOfRange(fix);
  }

  private static ValidFix withoutOutOfRange(PositionFix fix) {
    Set<Measurement> dropped = null;
    for (Measurement m : MEASUREMENTS) {
      double value = m.of(fix);
      if (PositionFix.has(value) && !m.accepts(value)) {
        if (dropped == null) {
          dropped = EnumSet.noneOf(Measurement.class);
        }
        dropped.add(m);
      }
    }
    if (dropped == null) {
      return new ValidFix(fix, Set.of());
    }
    Set<Measurement> out = dropped;
    ToDoubleFunction<Measurement> kept = m -> out.contains(m) ? PositionFix.ABSENT : m.of(fix);
    return new ValidFix(new PositionFix(fix.deviceId(), fix.lat(), fix.lon(), fix.timestampMs(),
        kept.applyAsDouble(Measurement.ACCURACY), kept.applyAsDouble(Measurement.SPEED),
        kept.applyAsDouble(Measurement.HEADING), kept.applyAsDouble(Measurement.ALTITUDE),
        kept.applyAsDouble(Measurement.BATTERY), fix.source()), out);
  }

  /**
   * True when getting from {@code previous} to {@code next} needs more than the speed limit,
   * after allowing {@link #GPS_NOISE_M} of scatter: at equal timestamps any move beyond the
   * scatter is a jump. Order does not matter, so a late-arriving older fix is judged the same way.
   */
  public boolean isImplausibleJump(PositionFix previous, PositionFix next) {
    double meters = GeoPoint.distanceMeters(previous.lat(), previous.lon(), next.lat(), next.lon());
    double seconds = Math.abs((double) next.timestampMs() - previous.timestampMs()) / 1000;
    return meters > GPS_NOISE_M + maxSpeedMps * seconds;
  }

  private static void requireNumber(String field, double value) {
    if (!Double.isFinite(value)) {
      throw new RejectedFixException(RejectReason.NOT_A_NUMBER, field + " is " + value);
    }
  }
}
