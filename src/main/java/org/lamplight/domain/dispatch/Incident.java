package org.lamplight.domain.dispatch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * An incident as stored: the report, where dispatch is, and every assignment it made. Changed only
 * through {@link DispatchEngine#apply}.
 *
 * @param number what people say on the phone ({@code 20261129-0042}): given when the incident is
 *     first stored, null before
 * @param severity 1 (minor) to 3 (serious)
 * @param reportedBy the reporting unit id or user name
 * @param level the escalation level, 1 until the first escalation
 * @param assignments every assignment in the order made, ended ones included
 * @param shortfall why the last escalation or last-level shortfall happened; null before any
 * @param levelsExhausted still short of units at the last escalation level (county command has
 *     been alerted); cleared once the incident has enough units again
 * @param notified the parties told so far, each told once
 * @param seq the sequence number of the last timeline event, 0 before the first
 * @param escalateAtMs when the incident escalates unless its level's units have all accepted by
 *     then (the plan's escalate_after_ms); 0 when no such deadline runs
 * @param remindAtMs when the dispatcher is reminded to resolve a cleared incident; 0 when not due
 * @param caller who called it in, {@link Caller#NONE} when nobody was taken down
 */
public record Incident(String id, String number, IncidentType type, int severity, double lat, double lon,
    String description, IncidentSource source, String reportedBy, IncidentStatus status, int level,
    long createdAtMs, long updatedAtMs, List<Assignment> assignments, ShortfallReason shortfall,
    boolean levelsExhausted, Set<NotifiedParty> notified, long seq, long escalateAtMs, long remindAtMs,
    Caller caller) {

  public static final int MIN_SEVERITY = 1;
  public static final int MAX_SEVERITY = 3;

  public Incident {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(caller, "caller");
    assignments = List.copyOf(assignments);
    // insertion order, so the stored form is stable
    notified = Collections.unmodifiableSet(new LinkedHashSet<>(notified));
  }

  /** A freshly reported incident, before dispatch has done anything. */
  static Incident reported(String id, IncidentType type, int severity, double lat, double lon,
      String description, IncidentSource source, String reportedBy, Caller caller, long nowMs) {
    return new Incident(id, null, type, severity, lat, lon, description, source, reportedBy,
        IncidentStatus.NEW, 1, nowMs, nowMs, List.of(), null, false, Set.of(), 0, 0, 0, caller);
  }

  public boolean isActive() {
    return status.isActive();
  }

  public boolean isFinished() {
    return status.isFinished();
  }

  public Optional<Assignment> assignmentByOrder(String orderId) {
    return assignments.stream().filter(a -> a.orderId().equals(orderId)).findFirst();
  }

  /** The unit's assignment that still holds its claim, if any. */
  public Optional<Assignment> activeAssignmentOf(String unitId) {
    return assignments.stream()
        .filter(a -> a.unitId().equals(unitId) && a.status().isActive())
        .findFirst();
  }

  public List<Assignment> activeAssignments() {
    return assignments.stream().filter(a -> a.status().isActive()).toList();
  }

  /** Units that declined, timed out or were released: never offered this incident again. */
  public Set<String> triedUnitIds() {
    return unitIds(a -> a.status().isTried());
  }

  /**
   * Units on the incident now (offered or holding the job) or that took it and cleared: none is
   * offered it again; a cleared unit did its part and still counts towards the plan's units.
   */
  public Set<String> onIncidentUnitIds() {
    return unitIds(a -> a.status().isActive() || a.status().isCommitted());
  }

  /**
   * Auxiliaries that took the job; the response plan's unit count is met with these. Counted by
   * unit: one assigned again after it cleared is still one unit.
   */
  public int committedAuxiliaries() {
    return (int) assignments.stream().filter(a -> a.isAuxiliary() && a.status().isCommitted())
        .map(Assignment::unitId).distinct().count();
  }

  public int pendingAuxiliaryOffers() {
    return (int) assignments.stream()
        .filter(a -> a.isAuxiliary() && a.status() == AssignmentStatus.OFFERED)
        .count();
  }

  /** The incident with the number it was stored under. */
  public Incident numbered(String storedNumber) {
    return copy().number(storedNumber).build();
  }

  Incident withStatus(IncidentStatus next) {
    return copy().status(next).build();
  }

  /** Moved to a higher level; a manual escalation (no reason) keeps the last shortfall reason. */
  Incident escalatedTo(int nextLevel, ShortfallReason reason) {
    return copy().level(nextLevel).shortfall(reason == null ? shortfall : reason).levelsExhausted(false)
        .escalateAtMs(0).build();
  }

  Incident escalatingAt(long atMs) {
    return copy().escalateAtMs(atMs).build();
  }

  Incident remindingAt(long atMs) {
    return copy().remindAtMs(atMs).build();
  }

  Incident withShortfall(ShortfallReason reason, boolean exhausted) {
    return copy().shortfall(reason).levelsExhausted(exhausted).build();
  }

  /** Replaces the assignment with the same order id, or adds it. */
  Incident withAssignment(Assignment assignment) {
    List<Assignment> next = new ArrayList<>(assignments);
    next.replaceAll(a -> a.orderId().equals(assignment.orderId()) ? assignment : a);
    if (!next.contains(assignment)) {
      next.add(assignment);
    }
    return copy().assignments(next).build();
  }

  Incident withNotified(NotifiedParty party) {
    Set<NotifiedParty> next = new LinkedHashSet<>(notified);
    next.add(party);
    return copy().notified(next).build();
  }

  /** The report as a dispatcher corrected it. */
  Incident corrected(IncidentType nextType, int nextSeverity, double nextLat, double nextLon, String nextDescription) {
    return copy().report(nextType, nextSeverity, nextLat, nextLon, nextDescription).build();
  }

  /** After a timeline event: its sequence number and time. */
  Incident stamped(long eventSeq, long atMs) {
    return copy().seq(eventSeq).updatedAtMs(atMs).build();
  }

  private Copy copy() {
    return new Copy(this);
  }

  /** This incident with some fields changed: the with-methods above say which. */
  private static final class Copy {
    private final Incident from;
    private IncidentType type;
    private int severity;
    private double lat;
    private double lon;
    private String description;
    private String number;
    private IncidentStatus status;
    private int level;
    private long updatedAtMs;
    private List<Assignment> assignments;
    private ShortfallReason shortfall;
    private boolean levelsExhausted;
    private Set<NotifiedParty> notified;
    private long seq;
    private long escalateAtMs;
    private long remindAtMs;

    Copy(Incident from) {
      this.from = from;
      this.type = from.type;
      this.severity = from.severity;
      this.lat = from.lat;
      this.lon = from.lon;
      this.description = from.description;
      this.number = from.number;
      this.status = from.status;
      this.level = from.level;
      this.updatedAtMs = from.updatedAtMs;
      this.assignments = from.assignments;
      this.shortfall = from.shortfall;
      this.levelsExhausted = from.levelsExhausted;
      this.notified = from.notified;
      this.seq = from.seq;
      this.escalateAtMs = from.escalateAtMs;
      this.remindAtMs = from.remindAtMs;
    }

    Copy report(IncidentType t, int s, double la, double lo, String d) {
      type = t;
      severity = s;
      lat = la;
      lon = lo;
      description = d;
      return this;
    }

    Copy number(String v) {
      number = v;
      return this;
    }

    Copy status(IncidentStatus v) {
      status = v;
      return this;
    }

    Copy level(int v) {
      level = v;
      return this;
    }

    Copy updatedAtMs(long v) {
      updatedAtMs = v;
      return this;
    }

    Copy assignments(List<Assignment> v) {
      assignments = v;
      return this;
    }

    Copy shortfall(ShortfallReason v) {
      shortfall = v;
      return this;
    }

    Copy levelsExhausted(boolean v) {
      levelsExhausted = v;
      return this;
    }

    Copy notified(Set<NotifiedParty> v) {
      notified = v;
      return this;
    }

    Copy seq(long v) {
      seq = v;
      return this;
    }

    Copy escalateAtMs(long v) {
      escalateAtMs = v;
      return this;
    }

    Copy remindAtMs(long v) {
      remindAtMs = v;
      return this;
    }

    Incident build() {
      Incident f = from;
      return new Incident(f.id, number, type, severity, lat, lon, description, f.source, f.reportedBy,
          status, level, f.createdAtMs, updatedAtMs, assignments, shortfall, levelsExhausted, notified, seq,
          escalateAtMs, remindAtMs, f.caller);
    }
  }

  private Set<String> unitIds(Predicate<Assignment> filter) {
    return assignments.stream().filter(filter).map(Assignment::unitId)
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }
}
