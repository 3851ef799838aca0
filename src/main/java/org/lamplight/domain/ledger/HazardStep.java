package org.lamplight.domain.ledger;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One step of a hazard's timeline: who did what, when. Persisted with the hazard; (hazardId, seq)
 * is unique.
 *
 * @param deadlineMs the deadline set, on an {@link HazardAction#ORDER} step only
 * @param note free text, the reason for a dismissal; may be empty, never null
 */
public record HazardStep(String hazardId, int seq, HazardAction action, String by, long atMs,
    OptionalLong deadlineMs, String note) {

  public HazardStep {
    Objects.requireNonNull(hazardId, "hazardId");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(deadlineMs, "deadlineMs");
    Objects.requireNonNull(note, "note");
  }
}
