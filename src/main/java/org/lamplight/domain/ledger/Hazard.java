package org.lamplight.domain.ledger;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A hazard found in a village (火灾/交通/治安隐患) and where it is in its life. Changed only by
 * {@link HazardLifecycle#apply}; who did what and when is in its {@link HazardStep}s.
 *
 * @param seq the number of steps taken: 1 once reported
 * @param deadlineMs the rectification deadline, once ordered
 * @param rectifiedAtMs when it was reported rectified
 * @param closedAtMs when it was verified or closed as not a hazard
 */
public record Hazard(String id, LedgerKind kind, String village, String description, HazardStatus status,
    int seq, long reportedAtMs, String reportedBy, OptionalLong deadlineMs, OptionalLong rectifiedAtMs,
    OptionalLong closedAtMs) {

  public Hazard {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(village, "village");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reportedBy, "reportedBy");
    Objects.requireNonNull(deadlineMs, "deadlineMs");
    Objects.requireNonNull(rectifiedAtMs, "rectifiedAtMs");
    Objects.requireNonNull(closedAtMs, "closedAtMs");
  }

  /** Ordered, not rectified, and the deadline has passed. */
  public boolean isOverdueAt(long nowMs) {
    return status == HazardStatus.ORDERED && nowMs > deadlineMs.orElseThrow();
  }

  /** Rectified at or before the deadline. */
  public boolean wasRectifiedOnTime() {
    return deadlineMs.isPresent() && rectifiedAtMs.isPresent()
        && rectifiedAtMs.getAsLong() <= deadlineMs.getAsLong();
  }

  Hazard movedTo(HazardStatus nextStatus) {
    return new Hazard(id, kind, village, description, nextStatus, seq + 1, reportedAtMs, reportedBy,
        deadlineMs, rectifiedAtMs, closedAtMs);
  }

  Hazard withDeadline(long deadline) {
    return new Hazard(id, kind, village, description, status, seq, reportedAtMs, reportedBy,
        OptionalLong.of(deadline), rectifiedAtMs, closedAtMs);
  }

  Hazard rectifiedAt(long atMs) {
    return new Hazard(id, kind, village, description, status, seq, reportedAtMs, reportedBy, deadlineMs,
        OptionalLong.of(atMs), closedAtMs);
  }

  Hazard closedAt(long atMs) {
    return new Hazard(id, kind, village, description, status, seq, reportedAtMs, reportedBy, deadlineMs,
        rectifiedAtMs, OptionalLong.of(atMs));
  }
}
