package org.lamplight.patrol;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A recompute of coverage from history: its range, whether it is running, done or failed, and what
 * it did.
 *
 * @param fixes history rows read
 * @param message why it failed; empty otherwise
 */
public record RecomputeStatus(LocalDate first, LocalDate last, State state, String by, long startedAtMs,
                              long finishedAtMs, long fixes, int villageDays, int unitDays, String message) {

  /** Where a recompute is. */
  public enum State implements org.lamplight.domain.WireName { RUNNING, DONE, FAILED }

  public RecomputeStatus {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(last, "last");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(message, "message");
  }
}
