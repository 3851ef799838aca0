package org.lamplight.domain.ledger;

/** An input to {@link HazardLifecycle#apply}; {@code by} is the acting user or unit. Notes may be null. */
public sealed interface HazardEvent {

  String hazardId();

  String by();

  String note();

  /** The step this event takes. */
  HazardAction action();

  /** Someone found a hazard; hazardId is new (the id of its ledger entry). */
  record Report(String hazardId, LedgerKind kind, String village, String by, String note) implements HazardEvent {
    @Override
    public HazardAction action() {
      return HazardAction.REPORT;
    }
  }

  /** The officer ordered its rectification by a deadline (限期整改). */
  record Order(String hazardId, long deadlineMs, String by, String note) implements HazardEvent {
    @Override
    public HazardAction action() {
      return HazardAction.ORDER;
    }
  }

  /** Reported put right. */
  record Rectify(String hazardId, String by, String note) implements HazardEvent {
    @Override
    public HazardAction action() {
      return HazardAction.RECTIFY;
    }
  }

  /** The officer checked the rectification (复查). */
  record Verify(String hazardId, String by, String note) implements HazardEvent {
    @Override
    public HazardAction action() {
      return HazardAction.VERIFY;
    }
  }

  /** Closed as not a hazard; the note gives the reason and is required. */
  record Dismiss(String hazardId, String by, String note) implements HazardEvent {
    @Override
    public HazardAction action() {
      return HazardAction.DISMISS;
    }
  }
}
