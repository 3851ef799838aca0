package org.lamplight.domain.dispatch;

import org.lamplight.domain.WireName;

import java.util.EnumSet;
import java.util.Set;

/** What a unit answers to an order, and the assignment move each answer makes. */
public enum ReplyAction implements WireName {
  ACCEPT(AssignmentStatus.ACCEPTED, EventKind.ACCEPTED, EnumSet.of(AssignmentStatus.OFFERED)),
  DECLINE(AssignmentStatus.DECLINED, EventKind.DECLINED, EnumSet.of(AssignmentStatus.OFFERED)),
  ENROUTE(AssignmentStatus.ENROUTE, EventKind.ENROUTE, EnumSet.of(AssignmentStatus.ACCEPTED)),
  ONSCENE(AssignmentStatus.ON_SCENE, EventKind.ON_SCENE,
      EnumSet.of(AssignmentStatus.ACCEPTED, AssignmentStatus.ENROUTE)),
  CLEAR(AssignmentStatus.CLEARED, EventKind.CLEARED,
      EnumSet.of(AssignmentStatus.ACCEPTED, AssignmentStatus.ENROUTE, AssignmentStatus.ON_SCENE));

  private final AssignmentStatus target;
  private final EventKind eventKind;
  private final Set<AssignmentStatus> allowedFrom;

  ReplyAction(AssignmentStatus target, EventKind eventKind, Set<AssignmentStatus> allowedFrom) {
    this.target = target;
    this.eventKind = eventKind;
    this.allowedFrom = allowedFrom;
  }

  /** The assignment status this reply moves to. */
  public AssignmentStatus target() {
    return target;
  }

  public EventKind eventKind() {
    return eventKind;
  }

  public boolean allowedFrom(AssignmentStatus status) {
    return allowedFrom.contains(status);
  }

  public static ReplyAction fromWire(String wire) {
    return WireName.parse(ReplyAction.class, wire);
  }
}
