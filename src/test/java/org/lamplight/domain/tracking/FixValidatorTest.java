package org.lamplight.domain.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.lamplight.domain.tracking.RejectionAssert.assertRejected;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FixValidatorTest {

  private static final long NOW = 1_700_000_000_000L;
  private static final long MAX_FUTURE = 60_000;
  private static final long MAX_AGE = 3_600_000;
  private static final double MAX_SPEED = 40;
  private static final double NONE = PositionFix.ABSENT;

  private final FixValidator validator = new FixValidator(MAX_FUTURE, MAX_AGE, MAX_SPEED);

  @Nested
  class Validate {

    @Test
    void acceptsAnOrdinaryFix() {
      assertThatCode(() -> validator.validate(fix(51.5, -0.12, NOW), NOW))
          .doesNotThrowAnyException();
    }

    @Test
    void acceptsAbsentOptionalValues() {
      PositionFix fix = new PositionFix("dev-1", 51.5, -0.12, NOW,
          NONE, NONE, NONE, NONE, NONE, FixSource.LAMPLIGHT);
      assertThatCode(() -> validator.validate(fix, NOW)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0},{1}")
    @CsvSource({"90, 180", "-90, -180", "0, 1e-9", "1e-9, 0"})
    void acceptsTheEdgesOfTheMap(double lat, double lon) {
      assertThatCode(() -> validator.validate(fix(lat, lon, NOW), NOW)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(doubles = {90.000001, -90.000001, 1000})
    void rejectsLatitudeOutOfRange(double lat) {
      assertRejected(() -> validator.validate(fix(lat, 10, NOW), NOW),
          RejectReason.LAT_OUT_OF_RANGE);
    }

    @ParameterizedTest
    @ValueSource(doubles = {180.000001, -180.000001, 360})
    void rejectsLongitudeOutOfRange(double lon) {
      assertRejected(() -> validator.validate(fix(10, lon, NOW), NOW),
          RejectReason.LON_OUT_OF_RANGE);
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void rejectsCoordinatesThatAreNotNumbers(double bad) {
      assertRejected(() -> validator.validate(fix(bad, 10, NOW), NOW), RejectReason.NOT_A_NUMBER);
      assertRejected(() -> validator.validate(fix(10, bad, NOW), NOW), RejectReason.NOT_A_NUMBER);
    }

    @Test
    void rejectsNullIsland() {
      assertRejected(() -> validator.validate(fix(0, 0, NOW), NOW), RejectReason.NO_FIX);
      assertRejected(() -> validator.validate(fix(-0.0, 0, NOW), NOW), RejectReason.NO_FIX);
    }

    @ParameterizedTest(name = "field {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void rejectsInfiniteOptionalValues(int field) {
      double[] optional = {1, 1, 1, 1, 1};
      optional[field] = Double.POSITIVE_INFINITY;
      PositionFix fix = new PositionFix("dev-1", 51.5, -0.12, NOW,
          optional[0], optional[1], optional[2], optional[3], optional[4], FixSource.LAMPLIGHT);
      assertRejected(() -> validator.validate(fix, NOW), RejectReason.NOT_A_NUMBER);
    }

    @Test
    void acceptsTimestampsAtTheEdgesOfTheWindow() {
      assertThatCode(() -> validator.validate(fix(51.5, 0.1, NOW + MAX_FUTURE), NOW))
          .doesNotThrowAnyException();
      assertThatCode(() -> validator.validate(fix(51.5, 0.1, NOW - MAX_AGE), NOW))
          .doesNotThrowAnyException();
    }

    @Test
    void rejectsTimestampsOutsideTheWindow() {
      assertRejected(() -> validator.validate(fix(51.5, 0.1, NOW + MAX_FUTURE + 1), NOW),
          RejectReason.TIMESTAMP_IN_FUTURE);
      assertRejected(() -> validator.validate(fix(51.5, 0.1, NOW - MAX_AGE - 1), NOW),
          RejectReason.TIMESTAMP_TOO_OLD);
    }

    @Test
    void rejectsExtremeTimestampsWithoutOverflowing() {
      assertRejected(() -> validator.validate(fix(51.5, 0.1, Long.MAX_VALUE), NOW),
          RejectReason.TIMESTAMP_IN_FUTURE);
      assertRejected(() -> validator.validate(fix(51.5, 0.1, Long.MIN_VALUE), NOW),
          RejectReason.TIMESTAMP_TOO_OLD);
    }

    @Test
    void unboundedLimitsDoNotOverflow() {
      FixValidator lenient = new FixValidator(Long.MAX_VALUE, Long.MAX_VALUE, MAX_SPEED);
      assertThatCode(() -> lenient.validate(fix(51.5, 0.1, Long.MAX_VALUE), NOW))
          .doesNotThrowAnyException();
      assertThatCode(() -> lenient.validate(fix(51.5, 0.1, Long.MIN_VALUE), -NOW))
          .doesNotThrowAnyException();
    }

    @Test
    void messagesSayWhatIsWrong() {
      RejectedFixException e = assertRejected(() -> validator.validate(fix(91, 0, NOW), NOW),
          RejectReason.LAT_OUT_OF_RANGE);
      assertThat(e).hasMessageContaining("91");
    }
  }

  @Nested
  class OptionalMeasurements {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"ACCURACY, 0", "ACCURACY, 100000", "SPEED, 0", "SPEED, 340", "HEADING, 0", "HEADING, 360",
        "ALTITUDE, -500", "ALTITUDE, 10000", "BATTERY, 0", "BATTERY, 100"})
    void keepsValuesAtTheEdgesOfTheirRange(Measurement measurement, double value) {
      ValidFix valid = validator.validate(with(measurement, value), NOW);
      assertThat(measurement.of(valid.fix())).isEqualTo(value);
      assertThat(valid.dropped()).isEmpty();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"ACCURACY, -0.5", "ACCURACY, 100001", "SPEED, -1", "SPEED, 341", "HEADING, -0.1",
        "HEADING, 360.1", "ALTITUDE, -501", "ALTITUDE, 10001", "BATTERY, -1", "BATTERY, 100.5",
        "BATTERY, 1e308", "ALTITUDE, -1e300"})
    void dropsAValueOutsideItsRangeAndKeepsTheFix(Measurement measurement, double value) {
      PositionFix sent = with(measurement, value);
      ValidFix valid = validator.validate(sent, NOW);
      assertThat(valid.dropped()).containsExactly(measurement);
      assertThat(PositionFix.has(measurement.of(valid.fix()))).isFalse();
      assertThat(valid.fix()).usingRecursiveComparison().ignoringFields(field(measurement)).isEqualTo(sent);
    }

    @Test
    void dropsEveryValueOutOfRangeAtOnce() {
      PositionFix sent = new PositionFix("dev-1", 51.5, -0.12, NOW, -1, 1000, 720, 1e9, 1e308, FixSource.LAMPLIGHT);
      ValidFix valid = validator.validate(sent, NOW);
      assertThat(valid.dropped()).containsExactlyInAnyOrder(Measurement.values());
      assertThat(valid.fix()).isEqualTo(new PositionFix("dev-1", 51.5, -0.12, NOW, NONE, NONE, NONE, NONE, NONE,
          FixSource.LAMPLIGHT));
    }

    @Test
    void anOrdinaryFixComesBackUnchanged() {
      PositionFix sent = fix(51.5, -0.12, NOW);
      assertThat(validator.validate(sent, NOW).fix()).isSameAs(sent);
    }

    @Test
    void everyRangeFitsAPostgresReal() {
      // history keeps these in PostgreSQL "real" columns (about +-3.4e38)
      for (Measurement m : Measurement.values()) {
        assertThat(Math.abs(m.min())).isLessThan(Float.MAX_VALUE);
        assertThat(Math.abs(m.max())).isLessThan(Float.MAX_VALUE);
      }
    }

    @Test
    void dropReasonsAreLowerSnakeCaseAndUnique() {
      assertThat(Measurement.values()).extracting(Measurement::dropReason)
          .allMatch(code -> code.matches("[a-z]+(_[a-z]+)*")).doesNotHaveDuplicates()
          .contains("battery_out_of_range");
    }

    private PositionFix with(Measurement measurement, double value) {
      double[] v = {5, 1, 90, 20, 80};
      v[measurement.ordinal()] = value;
      return new PositionFix("dev-1", 51.5, -0.12, NOW, v[0], v[1], v[2], v[3], v[4], FixSource.LAMPLIGHT);
    }

    private String field(Measurement measurement) {
      return switch (measurement) {
        case ACCURACY -> "accuracyM";
        case SPEED -> "speedMps";
        case HEADING -> "headingDeg";
        case ALTITUDE -> "altitudeM";
        case BATTERY -> "batteryPct";
      };
    }
  }

  @Nested
  class ImplausibleJump {

    // 0.001 degrees of latitude is about 111 m.
    private static final double LAT = 51.5;
    private static final double LON = -0.12;

    @Test
    void samePlaceAtTheSameInstantIsFine() {
      assertThat(jump(fix(LAT, LON, NOW), fix(LAT, LON, NOW))).isFalse();
    }

    @Test
    void gpsScatterAtTheSameInstantIsFine() {
      // About 33 m.
      assertThat(jump(fix(LAT, LON, NOW), fix(LAT + 0.0003, LON, NOW))).isFalse();
    }

    @Test
    void anotherPlaceAtTheSameInstantIsAJump() {
      // About 111 m.
      assertThat(jump(fix(LAT, LON, NOW), fix(LAT + 0.001, LON, NOW))).isTrue();
    }

    @Test
    void travelWithinTheSpeedLimitIsFine() {
      // About 1.1 km in 60 s: 18.5 m/s.
      assertThat(jump(fix(LAT, LON, NOW), fix(LAT + 0.01, LON, NOW + 60_000))).isFalse();
    }

    @Test
    void travelAboveTheSpeedLimitIsAJump() {
      // About 11 km in 60 s: 185 m/s.
      assertThat(jump(fix(LAT, LON, NOW), fix(LAT + 0.1, LON, NOW + 60_000))).isTrue();
    }

    @Test
    void theLimitIsTheSpeedPlusScatter() {
      // 40 m/s for 10 s plus 50 m of scatter allows 450 m; 0.004 deg is 445 m, 0.0041 is 456 m.
      assertThat(jump(fix(LAT, LON, NOW), fix(LAT + 0.004, LON, NOW + 10_000))).isFalse();
      assertThat(jump(fix(LAT, LON, NOW), fix(LAT + 0.0041, LON, NOW + 10_000))).isTrue();
    }

    @Test
    void orderDoesNotMatter() {
      PositionFix early = fix(LAT, LON, NOW);
      PositionFix late = fix(LAT + 0.1, LON, NOW + 60_000);
      assertThat(jump(late, early)).isTrue();
      assertThat(jump(early, fix(LAT + 0.01, LON, NOW - 60_000))).isFalse();
    }

    @Test
    void acrossTheAntimeridianIsShort() {
      assertThat(jump(fix(0.5, 179.9999, NOW), fix(0.5, -179.9999, NOW))).isFalse();
    }

    private boolean jump(PositionFix previous, PositionFix next) {
      return validator.isImplausibleJump(previous, next);
    }
  }

  @Test
  void rejectsNonsenseLimits() {
    assertThatIllegalArgumentException().isThrownBy(() -> new FixValidator(-1, 1, 1));
    assertThatIllegalArgumentException().isThrownBy(() -> new FixValidator(1, -1, 1));
    assertThatIllegalArgumentException().isThrownBy(() -> new FixValidator(1, 1, 0));
    assertThatIllegalArgumentException().isThrownBy(() -> new FixValidator(1, 1, Double.NaN));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new FixValidator(1, 1, Double.POSITIVE_INFINITY));
  }

  private static PositionFix fix(double lat, double lon, long timestampMs) {
    return new PositionFix("dev-1", lat, lon, timestampMs, 5, 1, 90, 20, 80, FixSource.LAMPLIGHT);
  }
}
