package org.lamplight.domain.dispatch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.lamplight.domain.alert.AlertLevel;

/**
 * The working state of one {@link DispatchEngine#apply} call: the incident as changed so far, the
 * effects collected and the claims taken. Every change to the incident goes with a timeline
 * event, which is what makes sequence numbers gap-free and "no events" mean "no change".
 */
final class Transition {

  final ResponsePlan plan;
  final long nowMs;
  private final Incident before;
  private final UnitClaims claims;
  private Incident incident;
  private final List<Effect> effects = new ArrayList<>();
  private final List<String> claimed = new ArrayList<>();
  private final Set<String> fixesRequested = new HashSet<>();

  /** @param before the stored incident, or null when this event creates it */
  Transition(Incident before, Incident working, ResponsePlan plan, UnitClaims claims, long nowMs) {
    this.before = before;
    this.incident = working;
    this.plan = plan;
    this.claims = claims;
    this.nowMs = nowMs;
  }

  Incident incident() {
    return incident;
  }

  void update(UnaryOperator<Incident> change) {
    incident = change.apply(incident);
  }

  /** Appends a timeline event; details with null values are left out. */
  void record(EventKind kind, String unitId, String actor, Object... detailKeysAndValues) {
    Map<String, Object> details = pairs(detailKeysAndValues);
    long seq = incident.seq() + 1;
    incident = incident.stamped(seq, nowMs);
    effects.add(new Effect.Persist(new IncidentEvent(incident.id(), seq, nowMs, kind, unitId, actor, details)));
  }

  void add(Effect effect) {
    effects.add(effect);
  }

  /** An order for the assignment's unit; none for a unit that is phoned, whose devices cannot show it. */
  void sendOrder(Assignment assignment, OrderAction action) {
    if (!assignment.byPhone()) {
      effects.add(new Effect.SendOrder(assignment.deviceId(), assignment.unitId(),
          Order.about(incident, assignment, action)));
    }
  }

  /** Alerts dispatchers; parameters with null values are left out, the unit is one when given. */
  void alert(AlertLevel level, AlertCode code, String unitId, String message, Object... paramKeysAndValues) {
    Map<String, Object> params = pairs(paramKeysAndValues);
    if (unitId != null) {
      params.put("unitId", unitId);
    }
    effects.add(new Effect.Alert(level, code, incident.id(), unitId, params, message));
  }

  private static Map<String, Object> pairs(Object... keysAndValues) {
    Map<String, Object> pairs = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        pairs.put((String) keysAndValues[i], keysAndValues[i + 1]);
      }
    }
    return pairs;
  }

  /** Asks for a fresh fix once per decision, however many levels see the unit. */
  void requestFix(UnitSnapshot unit) {
    if (fixesRequested.add(unit.unitId())) {
      effects.add(new Effect.RequestFix(incident.id(), unit.unitId(), unit.deviceId()));
    }
  }

  /**
   * Claims the unit now; the caller releases it again if persisting the decision fails. A unit
   * the incident held already is not this decision's to release.
   */
  boolean claim(String unitId) {
    UnitClaims.Claim claim = claims.claim(unitId, incident.id());
    if (claim == UnitClaims.Claim.TAKEN) {
      claimed.add(unitId);
    }
    return claim != UnitClaims.Claim.REFUSED;
  }

  /** Releasing waits for the decision to be persisted: until then the stored incident holds it. */
  void releaseClaim(String unitId) {
    effects.add(new Effect.ReleaseClaim(unitId, incident.id()));
  }

  /** For a decision that failed half-way. */
  void undoClaims() {
    claimed.forEach(unitId -> claims.release(unitId, incident.id()));
  }

  Decision decision() {
    boolean changed = before == null || incident.seq() != before.seq();
    return new Decision(changed ? incident : before, effects, claimed);
  }
}
