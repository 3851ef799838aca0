package org.lamplight.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  private static final long WINDOW = 60_000;
  private final LoginThrottle throttle = new LoginThrottle(3, WINDOW, 100);

  @Test
  void aNameIsRefusedAfterItsFailuresUntilTheWindowHasPassed() {
    for (int i = 0; i < 3; i++) {
      assertThat(throttle.retryAfterMs("dev-1", "10.0.0.1", 1000 + i)).isZero();
      throttle.failed("dev-1", "10.0.0.1", 1000 + i);
    }
    assertThat(throttle.retryAfterMs("dev-1", "10.0.0.2", 2000)).isEqualTo(1000 + WINDOW - 2000);
    assertThat(throttle.retryAfterMs("dev-2", "10.0.0.1", 2000)).as("another name from the same address").isZero();
    assertThat(throttle.retryAfterMs("dev-1", "10.0.0.1", 1000 + WINDOW)).isZero();
  }

  @Test
  void aCorrectLoginClearsTheNamesFailures() {
    throttle.failed("dev-1", "10.0.0.1", 1000);
    throttle.failed("dev-1", "10.0.0.1", 1001);
    throttle.succeeded("dev-1");
    throttle.failed("dev-1", "10.0.0.1", 1002);
    assertThat(throttle.retryAfterMs("dev-1", "10.0.0.1", 1003)).isZero();
  }

  @Test
  void anAddressGuessingManyNamesIsRefusedAfterTenTimesAsMany() {
    for (int i = 0; i < 30; i++) {
      throttle.failed("dev-" + i, "10.0.0.9", 1000);
    }
    assertThat(throttle.retryAfterMs("dev-new", "10.0.0.9", 1001)).isPositive();
    assertThat(throttle.retryAfterMs("dev-new", "10.0.0.8", 1001)).isZero();
  }

  @Test
  void memoryIsBoundedByForgettingTheLeastRecentlyFailed() {
    LoginThrottle small = new LoginThrottle(1, WINDOW, 4);
    small.failed("dev-old", "10.0.0.1", 1000);
    for (int i = 0; i < 4; i++) {
      small.failed("dev-" + i, "10.0.0.2", 1001);
    }
    assertThat(small.retryAfterMs("dev-old", "10.0.0.3", 1002)).isZero();
    assertThat(small.retryAfterMs("dev-3", "10.0.0.3", 1002)).isPositive();
  }
}
