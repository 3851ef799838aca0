package org.lamplight.domain.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FailureBackoffTest {

  private static final long SECOND = 1_000;
  private final FailureBackoff backoff = new FailureBackoff(new FailureBackoff.Policy(5, SECOND, 8 * SECOND,
      60 * SECOND, 3));

  private void fail(String key, int times, long nowMs) {
    for (int i = 0; i < times; i++) {
      backoff.failed(key, nowMs);
    }
  }

  @Test
  void theFirstFailuresCostNothingAndTheFifthLocksTheKeyForASecond() {
    fail("ann", 4, 0);
    assertThat(backoff.lockedForMs("ann", 0)).isZero();
    backoff.failed("ann", 0);
    assertThat(backoff.lockedForMs("ann", 0)).isEqualTo(SECOND);
    assertThat(backoff.lockedForMs("ann", 400)).isEqualTo(600);
    assertThat(backoff.lockedForMs("ann", SECOND)).isZero();
  }

  @Test
  void eachFurtherFailureDoublesTheLockUpToTheLongest() {
    fail("ann", 5, 0);
    long now = 0;
    for (long expected : new long[] {2, 4, 8, 8, 8}) {
      now += backoff.lockedForMs("ann", now);
      backoff.failed("ann", now);
      assertThat(backoff.lockedForMs("ann", now)).isEqualTo(expected * SECOND);
    }
  }

  @Test
  void aSuccessClearsTheKey() {
    fail("ann", 5, 0);
    backoff.succeeded("ann");
    assertThat(backoff.lockedForMs("ann", 0)).isZero();
    fail("ann", 4, 0);
    assertThat(backoff.lockedForMs("ann", 0)).isZero();
  }

  @Test
  void aKeyQuietForTheMemoryStartsAfresh() {
    fail("ann", 4, 0);
    backoff.failed("ann", 60 * SECOND);
    assertThat(backoff.lockedForMs("ann", 60 * SECOND)).isZero();
  }

  @Test
  void keysAreCountedApart() {
    fail("ann", 5, 0);
    assertThat(backoff.lockedForMs("bob", 0)).isZero();
  }

  @Test
  void aFullMemoryForgetsTheKeyThatFailedLongestAgo() {
    fail("ann", 5, 0);
    fail("bob", 5, 1);
    fail("cat", 5, 2);
    fail("dan", 1, 3);
    assertThat(backoff.size()).isEqualTo(3);
    assertThat(backoff.lockedForMs("ann", 3)).isZero();
    assertThat(backoff.lockedForMs("bob", 3)).isPositive();
    backoff.failed("bob", 4);
    fail("eve", 1, 5);
    assertThat(backoff.lockedForMs("cat", 5)).as("cat failed longest ago once bob failed again").isZero();
    assertThat(backoff.lockedForMs("bob", 5)).isPositive();
  }

  @Test
  void aPolicyThatCannotWorkIsRefused() {
    assertThatThrownBy(() -> new FailureBackoff.Policy(0, SECOND, SECOND, SECOND, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FailureBackoff.Policy(5, SECOND, 10 * SECOND, SECOND, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
