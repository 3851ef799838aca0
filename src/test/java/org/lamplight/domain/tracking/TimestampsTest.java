package org.lamplight.domain.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimestampsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "1700000000, 1700000000000",       // seconds, as OwnTracks and Traccar Client send
      "1700000000123, 1700000000123",    // milliseconds stay
      "0, 0",
      "99999999999, 99999999999000",     // largest value still read as seconds
      "100000000000, 100000000000",      // smallest value read as milliseconds
      "-5, -5",                          // negative is never scaled
      "-9223372036854775808, -9223372036854775808",
      "9223372036854775807, 9223372036854775807"
  })
  void normalizesSecondsToMilliseconds(long value, long expected) {
    assertThat(Timestamps.normalizeEpoch(value)).isEqualTo(expected);
  }
}
