package org.lamplight.domain.ledger;

import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import org.lamplight.domain.ledger.HazardEvent.Dismiss;
import org.lamplight.domain.ledger.HazardEvent.Order;
import org.lamplight.domain.ledger.HazardEvent.Rectify;
import org.lamplight.domain.ledger.HazardEvent.Report;
import org.lamplight.domain.ledger.HazardException.Code;

/**
 * The hazard life cycle as a pure function: {@link #apply} takes a hazard and an event and
 * returns the changed hazard and the step to record, or refuses. Also which hazards are overdue.
 */
public final class HazardLifecycle {

  private HazardLifecycle() {
  }

  /**
   * What an event does to a hazard.
   *
   * @param current the stored hazard, or null when it does not exist (yet)
   * @throws HazardException when refused; nothing changed
   */
  public static HazardDecision apply(Hazard current, HazardEvent event, long nowMs) {
    if (event.by() == null || event.by().isBlank()) {
      throw new HazardException(Code.INVALID_REQUEST, "hazard " + event.hazardId() + ": who did it is missing");
    }
    String note = event.note() == null ? "" : event.note();
    if (event instanceof Report report) {
      return report(current, report, note, nowMs);
    }
    if (current == null) {
      throw new HazardException(Code.UNKNOWN_HAZARD, "no hazard " + event.hazardId());
    }
    if (!current.id().equals(event.hazardId())) {
      throw new HazardException(Code.INVALID_REQUEST, "event for hazard " + event.hazardId()
          + " applied to hazard " + current.id());
    }
    HazardAction action = event.action();
    if (!action.allowedFrom(current.status())) {
      throw new HazardException(Code.INVALID_TRANSITION, "hazard " + current.id() + " is "
          + current.status().wire() + ": cannot " + action.wire() + " it");
    }
    Hazard next = current.movedTo(action.target());
    OptionalLong deadline = OptionalLong.empty();
    if (event instanceof Order order) {
      if (order.deadlineMs() <= nowMs) {
        throw new HazardException(Code.INVALID_REQUEST, "hazard " + current.id()
            + ": the rectification deadline must be in the future");
      }
      deadline = OptionalLong.of(order.deadlineMs());
      next = next.withDeadline(order.deadlineMs());
    } else if (event instanceof Rectify) {
      next = next.rectifiedAt(nowMs);
    } else {
      if (event instanceof Dismiss && note.isBlank()) {
        throw new HazardException(Code.INVALID_REQUEST, "hazard " + current.id()
            + ": say why it is not a hazard");
      }
      next = next.closedAt(nowMs);
    }
    return new HazardDecision(next, new HazardStep(current.id(), next.seq(), action, event.by(), nowMs,
        deadline, note));
  }

  private static HazardDecision report(Hazard current, Report report, String note, long nowMs) {
    if (current != null) {
      throw new HazardException(Code.DUPLICATE_HAZARD, "hazard " + report.hazardId() + " exists");
    }
    if (report.kind() == null || !report.kind().isHazard()) {
      throw new HazardException(Code.INVALID_REQUEST, "hazard " + report.hazardId() + ": "
          + (report.kind() == null ? "no kind" : report.kind().wire() + " is not a hazard kind"));
    }
    if (report.village() == null || report.village().isBlank()) {
      throw new HazardException(Code.INVALID_REQUEST, "hazard " + report.hazardId() + ": no village");
    }
    Hazard hazard = new Hazard(report.hazardId(), report.kind(), report.village(), note, HazardStatus.REPORTED,
        1, nowMs, report.by(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());
    return new HazardDecision(hazard, new HazardStep(hazard.id(), 1, HazardAction.REPORT, report.by(), nowMs,
        OptionalLong.empty(), note));
  }

  /** The hazards overdue at nowMs: ordered, not rectified, deadline passed. */
  public static List<Hazard> overdue(Collection<Hazard> hazards, long nowMs) {
    return hazards.stream().filter(h -> h.isOverdueAt(nowMs)).toList();
  }

  /**
   * The hazards that became overdue in (previousCheckMs, nowMs]: checked now and then, each
   * overdue hazard is reported once.
   */
  public static List<Hazard> becameOverdue(Collection<Hazard> hazards, long previousCheckMs, long nowMs) {
    return hazards.stream()
        .filter(h -> h.isOverdueAt(nowMs) && !h.isOverdueAt(previousCheckMs))
        .toList();
  }
}
