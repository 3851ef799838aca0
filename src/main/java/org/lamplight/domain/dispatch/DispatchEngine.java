package org.lamplight.domain.dispatch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.lamplight.domain.dispatch.DispatchEvent.AddNote;
import org.lamplight.domain.dispatch.DispatchEvent.AnswerForUnit;
import org.lamplight.domain.dispatch.DispatchEvent.Cancel;
import org.lamplight.domain.dispatch.DispatchEvent.Close;
import org.lamplight.domain.dispatch.DispatchEvent.Create;
import org.lamplight.domain.dispatch.DispatchEvent.DeviceReport;
import org.lamplight.domain.dispatch.DispatchEvent.Edit;
import org.lamplight.domain.dispatch.DispatchEvent.Escalate;
import org.lamplight.domain.dispatch.DispatchEvent.EscalationDue;
import org.lamplight.domain.dispatch.DispatchEvent.ManualAssign;
import org.lamplight.domain.dispatch.DispatchEvent.OfferExpired;
import org.lamplight.domain.dispatch.DispatchEvent.OrderReply;
import org.lamplight.domain.dispatch.DispatchEvent.Release;
import org.lamplight.domain.dispatch.DispatchEvent.ReminderDue;
import org.lamplight.domain.dispatch.DispatchEvent.Resolve;
import org.lamplight.domain.dispatch.DispatchEvent.Retry;
import org.lamplight.domain.dispatch.DispatchEvent.UnitOffline;
import org.lamplight.domain.dispatch.DispatchEvent.UnitOnline;
import org.lamplight.domain.dispatch.DispatchException.Code;
import org.lamplight.domain.alert.AlertLevel;
import org.lamplight.domain.geo.GeoPoint;

/**
 * The dispatch state machine: {@link #apply} takes an incident and an event and returns the new
 * incident and the effects that must follow. It keeps no state and does no I/O; the only thing
 * it changes outside the returned decision is unit claims, which it takes through
 * {@link UnitClaims} so that two incidents can never be offered the same unit.
 *
 * <p>Thread safe as long as the directory and claims are. Events for one incident must be applied
 * one at a time, each decision persisted and carried out before the next event is applied.
 */
public final class DispatchEngine {

  private final ResponsePlans plans;
  private final UnitDirectory directory;
  private final UnitClaims claims;
  private final RankingSettings rankingSettings;
  private final Ranking ranking;
  private final long clearedReminderMs;
  private final Supplier<String> orderIds;

  /**
   * @param travelTimes how candidates are timed: {@link TravelTimeEstimator#byRoad} or the straight line
   * @param clearedReminderMs how long an incident whose units all reported clear waits for its
   *     dispatcher to resolve it before they are reminded
   */
  public DispatchEngine(ResponsePlans plans, UnitDirectory directory, UnitClaims claims,
      RankingSettings rankingSettings, TravelTimeEstimator travelTimes, long clearedReminderMs,
      Supplier<String> orderIds) {
    this.plans = plans;
    this.directory = directory;
    this.claims = claims;
    this.rankingSettings = rankingSettings;
    this.ranking = new Ranking(rankingSettings, travelTimes);
    this.clearedReminderMs = clearedReminderMs;
    this.orderIds = orderIds;
  }

  /** With random UUIDs as order ids. */
  public DispatchEngine(ResponsePlans plans, UnitDirectory directory, UnitClaims claims,
      RankingSettings rankingSettings, TravelTimeEstimator travelTimes, long clearedReminderMs) {
    this(plans, directory, claims, rankingSettings, travelTimes, clearedReminderMs, () -> UUID.randomUUID().toString());
  }

  /**
   * Decides what an event does to an incident.
   *
   * @param current the stored incident, or null when it does not exist (yet)
   * @throws DispatchException when the command is refused; nothing changed and no claim is held
   */
  public Decision apply(Incident current, DispatchEvent event, long nowMs) {
    Incident working = isReport(event) ? reported(current, event, nowMs) : existing(current, event);
    ResponsePlan plan = plans.plan(working.type(), working.severity());
    Transition t = new Transition(current, working, plan, claims, nowMs);
    try {
      handle(t, event);
      return t.decision();
    } catch (RuntimeException e) {
      t.undoClaims();
      throw e;
    }
  }

  private void handle(Transition t, DispatchEvent event) {
    if (event instanceof Create) {
      open(t, Optional.empty());
    } else if (event instanceof DeviceReport report) {
      open(t, Optional.of(knownUnit(report.unitId())));
    } else if (event instanceof OrderReply reply) {
      reply(t, reply);
    } else if (event instanceof AnswerForUnit answer) {
      answerForUnit(t, answer);
    } else if (event instanceof OfferExpired expired) {
      expire(t, expired);
    } else if (event instanceof EscalationDue due) {
      escalationDue(t, due);
    } else if (event instanceof ReminderDue due) {
      remind(t, due);
    } else if (event instanceof UnitOffline offline) {
      unitOffline(t, offline);
    } else if (event instanceof UnitOnline online) {
      unitOnline(t, online);
    } else if (event instanceof Escalate escalate) {
      escalateByHand(t, escalate);
    } else if (event instanceof Cancel cancel) {
      end(t, IncidentStatus.CANCELLED, EventKind.CANCELLED, cancel.by(), "reason", cancel.reason());
    } else if (event instanceof Resolve resolve) {
      end(t, IncidentStatus.RESOLVED, EventKind.RESOLVED, resolve.by(), "note", resolve.note());
    } else if (event instanceof Close close) {
      close(t, close);
    } else if (event instanceof ManualAssign assign) {
      assignByHand(t, assign);
    } else if (event instanceof Release release) {
      release(t, release);
    } else if (event instanceof AddNote note) {
      requireNotClosed(t);
      t.record(EventKind.NOTE_ADDED, null, note.by(), "text", note.text());
    } else if (event instanceof Edit edit) {
      correct(t, edit);
    } else if (event instanceof Retry) {
      if (t.incident().isActive()) {
        settle(t);
      }
    } else {
      throw new IllegalArgumentException("unhandled event " + event);
    }
  }

  // ---- commands -------------------------------------------------------------------------------

  private void open(Transition t, Optional<UnitSnapshot> reporter) {
    Incident incident = t.incident();
    // claim before recording "created" so the timeline says whether the reporter was free
    boolean reporterAssigned = reporter.isPresent() && t.claim(reporter.get().unitId());
    t.record(EventKind.CREATED, null, incident.reportedBy(),
        "type", incident.type().wire(), "severity", incident.severity(),
        "lat", incident.lat(), "lon", incident.lon(), "description", incident.description(),
        "source", incident.source().wire(), "reporter_assigned", reporter.isPresent() ? reporterAssigned : null);
    if (reporterAssigned) {
      assignDirectly(t, reporter.get(), EventKind.ACCEPTED, reporter.get().unitId());
    }
    notifyParties(t, t.plan.notifyOfficer(), false, false, null);
    if (t.plan.assignOfficer()) {
      offerToCoveringOfficer(t);
    }
    settle(t);
  }

  private void reply(Transition t, OrderReply reply) {
    Incident incident = t.incident();
    Assignment assignment = incident.assignmentByOrder(reply.orderId())
        .filter(a -> a.unitId().equals(reply.unitId()))
        .orElseThrow(() -> new DispatchException(Code.UNKNOWN_ORDER, "incident " + incident.id()
            + " has no order " + reply.orderId() + " for unit " + reply.unitId()));
    if (answer(t, assignment, reply.action(), reply.reason())) {
      t.record(reply.action().eventKind(), assignment.unitId(), assignment.unitId(),
          "order_id", assignment.orderId(), "reason", reply.reason());
      if (reply.action() == ReplyAction.ACCEPT && !incident.caller().isNone()) {
        // the offer left the caller out; the unit that took the job is told whom to call
        t.sendOrder(t.incident().assignmentByOrder(assignment.orderId()).orElseThrow(), OrderAction.UPDATE);
      }
      settle(t);
    }
  }

  /** The dispatcher's answer stands for the unit's; the unit's devices, if they show orders, are told. */
  private void answerForUnit(Transition t, AnswerForUnit answer) {
    requireActive(t);
    Assignment assignment = activeAssignment(t, answer.unitId());
    if (answer(t, assignment, answer.action(), answer.reason())) {
      ReplyAction action = answer.action();
      // as moved: an update to a unit that now holds the job tells it whom to call
      t.sendOrder(t.incident().assignmentByOrder(assignment.orderId()).orElseThrow(),
          action.target().isActive() ? OrderAction.UPDATE : OrderAction.CANCEL);
      t.record(action.eventKind(), assignment.unitId(), answer.by(),
          "order_id", assignment.orderId(), "reason", answer.reason(), "for_unit", true);
      settle(t);
    }
  }

  /**
   * Moves the assignment as the answer says; false when it was so already (the same answer
   * delivered twice, as MQTT QoS 1 may).
   */
  private static boolean answer(Transition t, Assignment assignment, ReplyAction action, String reason) {
    AssignmentStatus from = assignment.status();
    AssignmentStatus to = action.target();
    if (from == to) {
      return false;
    }
    boolean pastDeadline = from == AssignmentStatus.OFFERED && t.nowMs >= assignment.expiresAtMs();
    if (from == AssignmentStatus.TIMED_OUT || (to == AssignmentStatus.ACCEPTED && pastDeadline)) {
      throw new DispatchException(Code.OFFER_EXPIRED, "order " + assignment.orderId() + " expired at "
          + assignment.expiresAtMs(), Map.of("unitId", assignment.unitId(), "expiresAt", assignment.expiresAtMs()));
    }
    if (!from.isActive()) {
      throw new DispatchException(Code.ORDER_CLOSED, "order " + assignment.orderId() + " is "
          + from.wire(), Map.of("unitId", assignment.unitId(), "status", from.wire()));
    }
    if (!action.allowedFrom(from)) {
      throw new DispatchException(Code.INVALID_REPLY, "cannot " + action.wire()
          + " order " + assignment.orderId() + " while it is " + from.wire(),
          Map.of("unitId", assignment.unitId(), "action", action.wire(), "status", from.wire()));
    }
    move(t, assignment, to, reason, false);
    return true;
  }

  private void expire(Transition t, OfferExpired expired) {
    Assignment assignment = t.incident().assignmentByOrder(expired.orderId())
        .orElseThrow(() -> new DispatchException(Code.UNKNOWN_ORDER, "incident "
            + t.incident().id() + " has no order " + expired.orderId()));
    if (assignment.status() != AssignmentStatus.OFFERED) {
      return; // the unit answered before the timer fired
    }
    move(t, assignment, AssignmentStatus.TIMED_OUT, null, true);
    t.record(EventKind.TIMED_OUT, assignment.unitId(), null, "order_id", assignment.orderId());
    settle(t);
  }

  /**
   * An offered unit's offer moves on (unless the unit is phoned anyway, or went with many others
   * at once: then the offer waits for its timeout). A unit that took the job stays on it, marked
   * unreachable, with one alert: rural coverage comes back. A phoned unit whose positions still
   * come in lost nothing.
   */
  private void unitOffline(Transition t, UnitOffline offline) {
    Assignment assignment = activeAssignment(t, offline.unitId());
    AssignmentStatus was = assignment.status();
    if (assignment.byPhone() && offline.tracked()) {
      return;
    }
    Boolean tracked = offline.tracked() ? true : null; // a parameter only when it says something
    String lost = offline.tracked() ? "lost the device that shows its orders (its positions still come in)"
        : "went offline";
    if (was == AssignmentStatus.OFFERED) {
      if (assignment.byPhone() || offline.massDisconnect()) {
        return;
      }
      // the cancel order waits in the device's session and tells it on reconnect
      move(t, assignment, AssignmentStatus.DECLINED, "offline", true);
      t.record(EventKind.UNIT_OFFLINE, assignment.unitId(), null,
          "order_id", assignment.orderId(), "was", was.wire(), "tracked", tracked);
      t.alert(AlertLevel.WARNING, AlertCode.UNIT_OFFLINE_OFFERED, assignment.unitId(),
          "Unit " + assignment.unitId() + " " + lost + " while offered; the offer moved on", "tracked", tracked);
      settle(t);
      return;
    }
    if (assignment.unreachable()) {
      return;
    }
    t.update(i -> i.withAssignment(assignment.reachable(false, t.nowMs)));
    t.record(EventKind.UNIT_UNREACHABLE, assignment.unitId(), null, "order_id", assignment.orderId(),
        "was", was.wire(), "mass_disconnect", offline.massDisconnect() ? true : null, "tracked", tracked);
    if (!offline.massDisconnect()) {
      t.alert(AlertLevel.WARNING, AlertCode.UNIT_OFFLINE_ASSIGNED, assignment.unitId(), "Unit "
          + assignment.unitId() + " " + (offline.tracked() ? lost : "lost its connection") + " while " + was.wire()
          + "; it stays on the incident",
          "was", was.wire(), "tracked", tracked);
    }
  }

  /**
   * A unit marked unreachable is back once it can be told again (orders on a device, or a
   * dispatcher's phone); any other unit coming online changes nothing.
   */
  private void unitOnline(Transition t, UnitOnline online) {
    t.incident().activeAssignmentOf(online.unitId()).filter(Assignment::unreachable)
        .filter(a -> online.receivesOrders() || a.byPhone()).ifPresent(assignment -> {
      t.update(i -> i.withAssignment(assignment.reachable(true, t.nowMs)));
      t.record(EventKind.UNIT_REACHABLE, assignment.unitId(), null, "order_id", assignment.orderId());
    });
  }

  /** Nobody (or too few) accepted within the plan's time at this level: the next level. */
  private void escalationDue(Transition t, EscalationDue due) {
    Incident incident = t.incident();
    if (!incident.isActive() || incident.level() != due.level() || incident.escalateAtMs() == 0
        || t.nowMs < incident.escalateAtMs()) {
      return; // staffed in time, escalated already, or a deadline set again later
    }
    if (!escalationRuns(incident, t.plan)) {
      settle(t); // the plan changed under the deadline (reconfigured since it was set): settle ends it
      return;
    }
    escalate(t, Ranking.Shortfall.noAcceptance(), null);
    settle(t);
  }

  /** Once: the units cleared a while ago and the incident still waits to be resolved. */
  private void remind(Transition t, ReminderDue due) {
    Incident incident = t.incident();
    if (incident.status() != IncidentStatus.CLEARED || incident.remindAtMs() == 0 || t.nowMs < incident.remindAtMs()) {
      return;
    }
    long clearedAtMs = incident.remindAtMs() - clearedReminderMs;
    t.update(i -> i.remindingAt(0));
    t.record(EventKind.REMINDED, null, null, "cleared_at_ms", clearedAtMs);
    t.alert(AlertLevel.WARNING, AlertCode.CLEARED_UNRESOLVED, null, "Every unit reported clear "
        + (t.nowMs - clearedAtMs) / 60_000 + " min ago; the incident waits to be resolved", "clearedAt", clearedAtMs);
  }

  private void escalateByHand(Transition t, Escalate escalate) {
    requireActive(t);
    if (t.incident().level() >= t.plan.maxLevel()) {
      throw new DispatchException(Code.MAX_LEVEL, "incident " + t.incident().id()
          + " is already at the last escalation level " + t.plan.maxLevel(), Map.of("level", t.plan.maxLevel()));
    }
    escalate(t, null, escalate.by());
    settle(t);
  }

  private void assignByHand(Transition t, ManualAssign assign) {
    requireActive(t);
    UnitSnapshot unit = knownUnit(assign.unitId());
    if (t.incident().activeAssignmentOf(unit.unitId()).isPresent()) {
      throw new DispatchException(Code.ALREADY_ASSIGNED, "unit " + unit.unitId()
          + " is already on incident " + t.incident().id(), Map.of("unitId", unit.unitId()));
    }
    if (!t.claim(unit.unitId())) {
      throw new DispatchException(Code.UNIT_BUSY, "unit " + unit.unitId() + " is held by "
          + claims.holder(unit.unitId()).map(id -> "incident " + id).orElse("another incident"),
          Map.of("unitId", unit.unitId()));
    }
    assignDirectly(t, unit, EventKind.ASSIGNED_MANUALLY, assign.by());
    settle(t);
  }

  private void release(Transition t, Release release) {
    requireActive(t);
    Assignment assignment = activeAssignment(t, release.unitId());
    move(t, assignment, AssignmentStatus.RELEASED, null, true);
    t.record(EventKind.RELEASED, assignment.unitId(), release.by(), "order_id", assignment.orderId());
    settle(t);
  }

  /** Resolve or cancel: every active assignment ends, every claim is released. */
  private void end(Transition t, IncidentStatus outcome, EventKind kind, String by, String detailKey,
      String detail) {
    requireActive(t);
    for (Assignment assignment : t.incident().activeAssignments()) {
      // units on a resolved incident did their part: they are cleared, as if they had said so
      boolean withdrawn = outcome == IncidentStatus.CANCELLED || assignment.status() == AssignmentStatus.OFFERED;
      move(t, assignment, withdrawn ? AssignmentStatus.CANCELLED : AssignmentStatus.CLEARED, outcome.wire(), true);
    }
    t.update(i -> i.withStatus(outcome).escalatingAt(0).remindingAt(0));
    t.record(kind, null, by, detailKey, detail);
  }

  private void close(Transition t, Close close) {
    IncidentStatus status = t.incident().status();
    if (status != IncidentStatus.RESOLVED && status != IncidentStatus.CANCELLED) {
      throw new DispatchException(Code.INVALID_STATE, "incident " + t.incident().id() + " is "
          + status.wire() + "; only resolved or cancelled incidents can be closed", Map.of("incidentStatus", status.wire()));
    }
    t.update(i -> i.withStatus(IncidentStatus.CLOSED));
    t.record(EventKind.CLOSED, null, close.by());
  }

  /**
   * Each field that changes is one timeline entry with its old and new value. The response plan of
   * a new type or severity applies from dispatch's next step on (an offer answered, a timer),
   * except that a running escalation deadline the new plan would not set ends at once: its timer
   * must not escalate past the new plan's levels, nor an incident the new plan finds staffed.
   */
  private void correct(Transition t, Edit edit) {
    requireNotClosed(t);
    Incident was = t.incident();
    IncidentEdit to = edit.edit();
    IncidentType type = to.type().orElse(was.type());
    int severity = to.severity().orElse(was.severity());
    GeoPoint place = to.place().orElse(new GeoPoint(was.lat(), was.lon()));
    String description = to.description().orElse(was.description());
    t.update(i -> i.corrected(type, severity, place.lat(), place.lon(), description));
    if (type != was.type()) {
      t.record(EventKind.EDITED, null, edit.by(), "field", "type", "from", was.type().wire(), "to", type.wire());
    }
    if (severity != was.severity()) {
      t.record(EventKind.EDITED, null, edit.by(), "field", "severity", "from", was.severity(), "to", severity);
    }
    if (place.lat() != was.lat() || place.lon() != was.lon()) {
      t.record(EventKind.EDITED, null, edit.by(), "field", "place", "from_lat", was.lat(), "from_lon", was.lon(),
          "to_lat", place.lat(), "to_lon", place.lon());
    }
    if (!description.equals(was.description())) {
      t.record(EventKind.EDITED, null, edit.by(), "field", "description", "from", was.description(), "to", description);
    }
    if (t.incident().escalateAtMs() != 0 && !escalationRuns(t.incident(), plans.plan(type, severity))) {
      t.update(i -> i.escalatingAt(0));
    }
  }

  // ---- staffing -------------------------------------------------------------------------------

  /**
   * After every change to an active incident: top up offers, derive the status, keep the
   * escalation deadline and the reminder; a shortfall ends once the units the level needs accepted.
   */
  private void settle(Transition t) {
    staff(t);
    IncidentStatus was = t.incident().status();
    t.update(i -> i.withStatus(derivedStatus(i, t.plan)));
    Incident incident = t.incident();
    if (incident.status() == IncidentStatus.CLEARED && was != IncidentStatus.CLEARED) {
      long atMs = t.nowMs + clearedReminderMs;
      t.update(i -> i.remindingAt(atMs));
      t.add(new Effect.ArmReminder(incident.id(), atMs));
    } else if (incident.status() != IncidentStatus.CLEARED && incident.remindAtMs() != 0) {
      t.update(i -> i.remindingAt(0));
    }
    if (incident.shortfall() != null && incident.committedAuxiliaries() >= t.plan.requiredUnitsAt(incident.level())) {
      t.update(i -> i.withShortfall(null, false));
    }
    keepEscalationDeadline(t);
  }

  /**
   * While a level is short of accepted units and its plan says how long that may last, a
   * deadline runs from when it became short; it ends once the units have accepted.
   */
  private static void keepEscalationDeadline(Transition t) {
    Incident incident = t.incident();
    if (escalationRuns(incident, t.plan)) {
      if (incident.escalateAtMs() == 0) {
        long atMs = t.nowMs + t.plan.escalateAfterAt(incident.level());
        t.update(i -> i.escalatingAt(atMs));
        t.add(new Effect.ArmEscalation(incident.id(), incident.level(), atMs));
      }
    } else if (incident.escalateAtMs() != 0) {
      t.update(i -> i.escalatingAt(0));
    }
  }

  /** Whether the plan times the incident's level: active, short of accepted units, with a next level in time. */
  private static boolean escalationRuns(Incident incident, ResponsePlan plan) {
    return incident.isActive() && plan.escalateAfterAt(incident.level()) > 0
        && incident.committedAuxiliaries() < plan.requiredUnitsAt(incident.level());
  }

  /**
   * Offers the incident to the best candidates until offers and acceptances cover the units the
   * level needs. When candidates run out, escalates and tries again at the wider level; at the
   * last level the incident stays short and county command is alerted once.
   */
  private void staff(Transition t) {
    while (true) {
      Incident incident = t.incident();
      int missing = t.plan.requiredUnitsAt(incident.level()) - incident.committedAuxiliaries()
          - incident.pendingAuxiliaryOffers();
      if (missing <= 0) {
        if (incident.levelsExhausted()) {
          t.update(i -> i.withShortfall(i.shortfall(), false));
        }
        return;
      }
      Ranking.Query query = query(t);
      Ranking.Result ranked = ranking.rank(directory.nearFree(incident.lat(), incident.lon(), query.radiusM(),
          rankingSettings.candidateLimit(), unitId -> query.onIncidentUnitIds().contains(unitId)
              || query.triedUnitIds().contains(unitId)), query, this::claimedElsewhere);
      int lostClaims = 0;
      for (Iterator<Ranking.Candidate> it = ranked.eligible().iterator(); missing > 0 && it.hasNext(); ) {
        Ranking.Candidate candidate = it.next();
        if (offer(t, candidate.unit(), Travel.of(candidate))) {
          missing--;
        } else {
          lostClaims++;
        }
      }
      if (missing == 0) {
        continue;
      }
      // fresh fixes may make these units rankable; the verticle feeds Retry when they arrive
      ranked.stale().forEach(t::requestFix);
      Ranking.Shortfall shortfall = explain(query(t), lostClaims); // asked afresh: it holds the units just offered
      if (incident.level() < t.plan.maxLevel()) {
        escalate(t, shortfall, null);
      } else {
        reportExhausted(t, shortfall, missing);
        return;
      }
    }
  }

  private Ranking.Query query(Transition t) {
    Incident incident = t.incident();
    return new Ranking.Query(incident.lat(), incident.lon(), t.plan.radiusAt(incident.level()), t.plan.maxFixAgeMs(),
        incident.onIncidentUnitIds(), incident.triedUnitIds(),
        directory.nearestWorkstationId(incident.lat(), incident.lon()).orElse(null), t.nowMs);
  }

  private Ranking.Shortfall explain(Ranking.Query query, int lostClaims) {
    int limit = rankingSettings.candidateLimit();
    return ranking.explain(
        directory.nearOnDuty(query.lat(), query.lon(), query.radiusM(), limit, query.onIncidentUnitIds()::contains),
        directory.near(query.lat(), query.lon(), query.radiusM(), limit), query, this::claimedElsewhere, lostClaims);
  }

  private boolean claimedElsewhere(String unitId) {
    return claims.holder(unitId).isPresent();
  }

  /**
   * Claims the unit and offers it the incident; false when another incident got it first. A unit
   * whose devices cannot show an offer is phoned by a dispatcher instead, who has the plan's
   * phone timeout to answer for it.
   */
  private boolean offer(Transition t, UnitSnapshot unit, Travel travel) {
    if (!t.claim(unit.unitId())) {
      return false;
    }
    Incident incident = t.incident();
    boolean byPhone = !unit.canReceiveOffers();
    long expiresAtMs = t.nowMs + (byPhone ? t.plan.phoneTimeoutMs() : t.plan.offerTimeoutMs());
    Assignment offered = Assignment.offered(unit, travel, orderIds.get(), t.nowMs, expiresAtMs);
    t.update(i -> i.withAssignment(offered));
    long distanceM = Math.round(GeoPoint.distanceMeters(incident.lat(), incident.lon(), unit.lat(), unit.lon()));
    t.record(EventKind.OFFER_SENT, unit.unitId(), null, "order_id", offered.orderId(),
        "level", incident.level(), "distance_m", distanceM, "expires_at_ms", expiresAtMs,
        "by_phone", byPhone ? true : null, "eta_ms", travel == null ? null : travel.etaMs(),
        "travel_m", travel == null ? null : travel.distanceM(), "by_road", travel == null ? null : travel.byRoad());
    if (byPhone) {
      t.alert(AlertLevel.WARNING, AlertCode.PHONE_TASK, unit.unitId(), "Unit " + unit.unitId()
          + " cannot receive the offer on its devices: phone it, and accept or decline for it", "expiresAt", expiresAtMs);
    }
    t.sendOrder(offered, OrderAction.OFFER);
    t.add(new Effect.ArmTimer(incident.id(), offered.orderId(), expiresAtMs));
    return true;
  }

  /**
   * A unit on the incident without an offer (the reporter, or a dispatcher's choice); claimed
   * already. One its devices cannot tell now (offline, or they cannot show orders) is phoned.
   */
  private void assignDirectly(Transition t, UnitSnapshot unit, EventKind kind, String actor) {
    Assignment assigned = Assignment.accepted(unit, orderIds.get(), t.nowMs);
    t.update(i -> i.withAssignment(assigned));
    t.record(kind, unit.unitId(), actor, "order_id", assigned.orderId());
    t.sendOrder(assigned, OrderAction.UPDATE);
    if (assigned.byPhone() || assigned.unreachable()) {
      t.alert(AlertLevel.WARNING, AlertCode.PHONE_ASSIGNED, unit.unitId(), "Unit " + unit.unitId()
          + " is on the incident but cannot be told on its devices now: phone it");
    }
  }

  private void offerToCoveringOfficer(Transition t) {
    Incident incident = t.incident();
    Optional<UnitSnapshot> officer = directory.coveringOfficer(incident.lat(), incident.lon());
    if (officer.isPresent() && incident.activeAssignmentOf(officer.get().unitId()).isPresent()) {
      return; // the officer reported it
    }
    boolean offered = officer.filter(UnitSnapshot::isAvailable).map(o -> offer(t, o, null)).orElse(false);
    if (!offered) {
      t.alert(AlertLevel.WARNING, AlertCode.OFFICER_UNAVAILABLE, officer.map(UnitSnapshot::unitId).orElse(null),
          "The community officer covering the location is unavailable and was not assigned");
    }
  }

  /** Moves an assignment on; ends its timer and claim as its new status requires. */
  private static void move(Transition t, Assignment assignment, AssignmentStatus to, String reason,
      boolean sendCancel) {
    t.update(i -> i.withAssignment(assignment.movedTo(to, t.nowMs, reason)));
    if (assignment.status() == AssignmentStatus.OFFERED && to != AssignmentStatus.TIMED_OUT) {
      t.add(new Effect.CancelTimer(t.incident().id(), assignment.orderId())); // a fired timer needs none
    }
    if (!to.isActive()) {
      t.releaseClaim(assignment.unitId());
    }
    if (sendCancel) {
      t.sendOrder(assignment, OrderAction.CANCEL);
    }
  }

  private static IncidentStatus derivedStatus(Incident incident, ResponsePlan plan) {
    if (!incident.isActive()) {
      return incident.status();
    }
    boolean anyActive = incident.assignments().stream().anyMatch(a -> a.status().isActive());
    boolean anyCleared = incident.assignments().stream().anyMatch(a -> a.status() == AssignmentStatus.CLEARED);
    if (!anyActive && anyCleared && incident.committedAuxiliaries() >= plan.requiredUnitsAt(incident.level())) {
      return IncidentStatus.CLEARED;
    }
    boolean onScene = incident.status() == IncidentStatus.ON_SCENE || incident.assignments().stream()
        .anyMatch(a -> a.status() == AssignmentStatus.ON_SCENE);
    if (onScene) {
      return IncidentStatus.ON_SCENE;
    }
    return incident.committedAuxiliaries() >= plan.requiredUnitsAt(incident.level())
        ? IncidentStatus.ASSIGNED : IncidentStatus.DISPATCHING;
  }

  // ---- escalation and notification ------------------------------------------------------------

  /** One level up: wider radius, more units, more people told. A manual escalation has no shortfall. */
  private void escalate(Transition t, Ranking.Shortfall shortfall, String by) {
    int from = t.incident().level();
    int to = from + 1;
    EscalationLevel level = t.plan.escalation(to);
    ShortfallReason reason = shortfall == null ? null : shortfall.reason();
    t.update(i -> i.escalatedTo(to, reason));
    String why = reason == null ? null : reason.wire();
    t.record(EventKind.ESCALATED, null, by, withCounts(shortfall, "from_level", from, "to_level", to, "reason", why,
        "radius_m", Math.round(level.radiusM()), "required_units", t.plan.requiredUnitsAt(to),
        "after_ms", reason == ShortfallReason.NO_ACCEPTANCE ? t.plan.escalateAfterAt(from) : null));
    t.alert(AlertLevel.WARNING, AlertCode.ESCALATED, null, "Escalated to level " + to
        + (reason == null ? " by " + by : " (" + why + ")"), "toLevel", to, "reason", why, "by", by);
    notifyParties(t, level.notifyOfficer(), level.notifyStation(), level.notifyCounty(),
        level.externalService());
  }

  private void reportExhausted(Transition t, Ranking.Shortfall shortfall, int missing) {
    if (t.incident().levelsExhausted()) {
      return; // county command knows already
    }
    ShortfallReason reason = shortfall.reason();
    t.update(i -> i.withShortfall(reason, true));
    t.record(EventKind.SHORTFALL, null, null, withCounts(shortfall, "reason", reason.wire(),
        "level", t.incident().level(), "missing_units", missing));
    t.alert(AlertLevel.CRITICAL, AlertCode.SHORTFALL, null, missing
        + " unit(s) still missing at the last escalation level (" + reason.wire() + ")",
        "missingUnits", missing, "level", t.incident().level(), "reason", reason.wire());
  }

  /** Timeline details with how many units near the incident were passed over for each reason. */
  private static Object[] withCounts(Ranking.Shortfall shortfall, Object... keysAndValues) {
    List<Object> all = new ArrayList<>(Arrays.asList(keysAndValues));
    if (shortfall != null) {
      shortfall.passedOver().forEach((reason, count) -> {
        all.add(switch (reason) {
          case ALL_BUSY -> "busy_units";
          case STALE_LOCATIONS -> "stale_units";
          case OUTSIDE_RADIUS -> "outside_units";
          case OFFLINE -> "offline_units";
          case DECLINED -> "declined_units";
          case NO_CANDIDATES, NO_ACCEPTANCE -> throw new IllegalStateException("no unit is passed over for " + reason);
        });
        all.add(count);
      });
    }
    return all.toArray();
  }

  private void notifyParties(Transition t, boolean officer, boolean station, boolean county,
      String externalService) {
    Incident incident = t.incident();
    if (officer || station) {
      Optional<UnitSnapshot> covering = directory.coveringOfficer(incident.lat(), incident.lon());
      if (covering.isEmpty()) {
        t.alert(AlertLevel.WARNING, AlertCode.NO_COVERAGE, null, "No police office covers the incident location");
      } else {
        if (officer) {
          notify(t, new NotifiedParty(NotifyTarget.OFFICER, covering.get().unitId()));
        }
        if (station && covering.get().stationId() != null) {
          notify(t, new NotifiedParty(NotifyTarget.STATION, covering.get().stationId()));
        }
      }
    }
    if (county) {
      notify(t, new NotifiedParty(NotifyTarget.COUNTY, NotifiedParty.COUNTY_ID));
    }
    if (externalService != null) {
      notify(t, new NotifiedParty(NotifyTarget.EXTERNAL, externalService));
    }
  }

  /** Each party is told once per incident. */
  private static void notify(Transition t, NotifiedParty party) {
    if (t.incident().notified().contains(party)) {
      return;
    }
    t.update(i -> i.withNotified(party));
    String unitId = party.target() == NotifyTarget.OFFICER ? party.id() : null;
    t.record(party.target().eventKind(), unitId, null, "party", party.id());
    t.add(new Effect.Notify(t.incident().id(), party));
    // stations, county command and the external services are told through their consoles
    switch (party.target()) {
      case OFFICER -> t.alert(AlertLevel.INFO, AlertCode.OFFICER_NOTIFIED, party.id(),
          "Community officer " + party.id() + " notified");
      case STATION -> t.alert(AlertLevel.WARNING, AlertCode.STATION_NOTIFIED, null,
          "Police station " + party.id() + " notified", "party", party.id());
      case COUNTY -> t.alert(AlertLevel.CRITICAL, AlertCode.COUNTY_NOTIFIED, null, "County command notified");
      case EXTERNAL -> t.alert(AlertLevel.WARNING, AlertCode.EXTERNAL_NOTIFIED, null,
          "Emergency service " + party.id() + " notified", "party", party.id());
    }
  }

  // ---- lookups and checks ---------------------------------------------------------------------

  private static boolean isReport(DispatchEvent event) {
    return event instanceof Create || event instanceof DeviceReport;
  }

  /** The incident a Create or DeviceReport describes, before dispatch has done anything. */
  private static Incident reported(Incident current, DispatchEvent event, long nowMs) {
    if (current != null) {
      throw new DispatchException(Code.DUPLICATE_INCIDENT, "incident " + current.id() + " already exists");
    }
    if (event instanceof Create c) {
      requireValidReport(c.incidentId(), c.type(), c.severity(), c.lat(), c.lon());
      if (c.source() == null) {
        throw new DispatchException(Code.INVALID_REQUEST, "incident source is missing");
      }
      if (c.reportedBy() == null || c.reportedBy().isBlank()) {
        throw new DispatchException(Code.INVALID_REQUEST, "who reported the incident is missing");
      }
      return Incident.reported(c.incidentId(), c.type(), c.severity(), c.lat(), c.lon(),
          c.description(), c.source(), c.reportedBy(), c.caller() == null ? Caller.NONE : c.caller(), nowMs);
    }
    DeviceReport r = (DeviceReport) event;
    requireValidReport(r.incidentId(), r.type(), r.severity(), r.lat(), r.lon());
    return Incident.reported(r.incidentId(), r.type(), r.severity(), r.lat(), r.lon(),
        r.description(), IncidentSource.DEVICE, r.unitId(), Caller.NONE, nowMs);
  }

  private static void requireValidReport(String id, IncidentType type, int severity, double lat, double lon) {
    if (id == null || id.isBlank()) {
      throw new DispatchException(Code.INVALID_REQUEST, "incident id is missing");
    }
    if (type == null) {
      throw new DispatchException(Code.INVALID_REQUEST, "incident type is missing");
    }
    if (severity < Incident.MIN_SEVERITY || severity > Incident.MAX_SEVERITY) {
      throw new DispatchException(Code.INVALID_REQUEST, "severity must be " + Incident.MIN_SEVERITY
          + ".." + Incident.MAX_SEVERITY + ", got " + severity);
    }
    if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
      throw new DispatchException(Code.INVALID_REQUEST, "position out of range: " + lat + "," + lon);
    }
  }

  private static Incident existing(Incident current, DispatchEvent event) {
    if (current == null) {
      throw new DispatchException(Code.UNKNOWN_INCIDENT, "no incident " + event.incidentId());
    }
    if (!current.id().equals(event.incidentId())) {
      throw new IllegalArgumentException("event for incident " + event.incidentId()
          + " applied to incident " + current.id());
    }
    return current;
  }

  private UnitSnapshot knownUnit(String unitId) {
    return directory.get(unitId)
        .orElseThrow(() -> new DispatchException(Code.UNKNOWN_UNIT, "no unit " + unitId, Map.of("unitId", unitId)));
  }

  private static Assignment activeAssignment(Transition t, String unitId) {
    return t.incident().activeAssignmentOf(unitId)
        .orElseThrow(() -> new DispatchException(Code.NOT_ASSIGNED, "unit " + unitId
            + " is not on incident " + t.incident().id(), Map.of("unitId", unitId)));
  }

  /** A closed incident is the record as it was signed off; notes and corrections stop there. */
  private static void requireNotClosed(Transition t) {
    if (t.incident().status() == IncidentStatus.CLOSED) {
      throw new DispatchException(Code.INCIDENT_CLOSED, "incident " + t.incident().id()
          + " is closed; its record no longer changes", Map.of("incidentStatus", IncidentStatus.CLOSED.wire()));
    }
  }

  private static void requireActive(Transition t) {
    if (!t.incident().isActive()) {
      throw new DispatchException(Code.INVALID_STATE, "incident " + t.incident().id() + " is "
          + t.incident().status().wire(), Map.of("incidentStatus", t.incident().status().wire()));
    }
  }
}
