package org.lamplight.domain.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class PositionFixTest {

  private static final double NONE = PositionFix.ABSENT;

  @Test
  void hasTellsPresentFromAbsent() {
    assertThat(PositionFix.has(0)).isTrue();
    assertThat(PositionFix.has(-1.5)).isTrue();
    assertThat(PositionFix.has(PositionFix.ABSENT)).isFalse();
  }

  @Test
  void fixesWithAbsentValuesAreEqual() {
    // Records compare doubles bit-wise, so NaN equals NaN and fixes can be compared in tests.
    assertThat(fix("dev-1")).isEqualTo(fix("dev-1")).hasSameHashCodeAs(fix("dev-1"));
  }

  @Test
  void requiresDeviceAndSource() {
    assertThatNullPointerException().isThrownBy(() -> fix(null));
    assertThatNullPointerException().isThrownBy(
        () -> new PositionFix("d", 1, 2, 3, NONE, NONE, NONE, NONE, NONE, null));
  }

  private static PositionFix fix(String deviceId) {
    return new PositionFix(deviceId, 1, 2, 3, NONE, NONE, NONE, NONE, NONE, FixSource.SIMULATOR);
  }
}
