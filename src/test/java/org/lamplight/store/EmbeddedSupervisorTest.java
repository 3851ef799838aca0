package org.lamplight.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EmbeddedSupervisorTest {

  @Test
  void restartAttemptsWaitTwiceAsLongEachTimeUpToThirtySeconds() {
    assertThat(EmbeddedSupervisor.backoff(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(EmbeddedSupervisor.backoff(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(EmbeddedSupervisor.backoff(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(EmbeddedSupervisor.backoff(5)).isEqualTo(Duration.ofSeconds(16));
    assertThat(EmbeddedSupervisor.backoff(6)).isEqualTo(Duration.ofSeconds(30));
    assertThat(EmbeddedSupervisor.backoff(1000)).isEqualTo(Duration.ofSeconds(30));
  }
}
