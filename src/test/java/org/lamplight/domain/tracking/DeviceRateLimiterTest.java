package org.lamplight.domain.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DeviceRateLimiterTest {

  private static final long T0 = 1_700_000_000_000L;

  private final DeviceRateLimiter limiter = new DeviceRateLimiter(5, 50);

  @Test
  void aBurstIsTakenAtOnceAndTheNextFixIsRefused() {
    assertThat(IntStream.range(0, 50).allMatch(i -> limiter.tryTake("dev-1", T0))).isTrue();
    assertThat(limiter.tryTake("dev-1", T0)).isFalse();
  }

  @Test
  void tokensComeBackAtTheRate() {
    IntStream.range(0, 50).forEach(i -> limiter.tryTake("dev-1", T0));
    assertThat(limiter.tryTake("dev-1", T0 + 199)).isFalse();
    assertThat(limiter.tryTake("dev-1", T0 + 200)).isTrue();
    assertThat(limiter.tryTake("dev-1", T0 + 200)).isFalse();
    // a second is worth five fixes
    assertThat(IntStream.range(0, 6).filter(i -> limiter.tryTake("dev-1", T0 + 1200)).count()).isEqualTo(5);
  }

  @Test
  void aQuietDeviceSavesUpNoMoreThanTheBurst() {
    limiter.tryTake("dev-1", T0);
    long later = T0 + 3_600_000;
    assertThat(IntStream.range(0, 51).filter(i -> limiter.tryTake("dev-1", later)).count()).isEqualTo(50);
  }

  @Test
  void oneDeviceSpendingItsBudgetLeavesOthersTheirs() {
    IntStream.range(0, 1000).forEach(i -> limiter.tryTake("dev-flood", T0));
    assertThat(limiter.tryTake("dev-flood", T0)).isFalse();
    assertThat(IntStream.range(0, 50).allMatch(i -> limiter.tryTake("dev-2", T0))).isTrue();
  }

  @Test
  void aClockStepBackwardsGivesNothingAway() {
    IntStream.range(0, 50).forEach(i -> limiter.tryTake("dev-1", T0));
    assertThat(limiter.tryTake("dev-1", T0 - 60_000)).isFalse();
    assertThat(limiter.tryTake("dev-1", T0 + 200)).isTrue();
  }

  @Test
  void refusesNonsenseLimits() {
    assertThatIllegalArgumentException().isThrownBy(() -> new DeviceRateLimiter(0, 10));
    assertThatIllegalArgumentException().isThrownBy(() -> new DeviceRateLimiter(Double.NaN, 10));
    assertThatIllegalArgumentException().isThrownBy(() -> new DeviceRateLimiter(1, 0));
  }
}
