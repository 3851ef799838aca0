package org.lamplight;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/** Waiting on conditions, never on time: every test waits through here with one deadline. */
public final class Await {

  private Await() {
  }

  public static ConditionFactory await() {
    return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(25)).pollInSameThread();
  }
}
