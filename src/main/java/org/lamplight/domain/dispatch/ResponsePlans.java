package org.lamplight.domain.dispatch;

import static org.lamplight.domain.dispatch.IncidentType.FIRE;
import static org.lamplight.domain.dispatch.IncidentType.OTHER;
import static org.lamplight.domain.dispatch.IncidentType.RESCUE;
import static org.lamplight.domain.dispatch.IncidentType.SECURITY;
import static org.lamplight.domain.dispatch.IncidentType.TRAFFIC;
import static org.lamplight.domain.dispatch.NotifyTarget.COUNTY;
import static org.lamplight.domain.dispatch.NotifyTarget.OFFICER;
import static org.lamplight.domain.dispatch.NotifyTarget.STATION;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One response plan for every incident type and severity. */
public final class ResponsePlans {

  private static final String FIRE_SERVICE = "119";
  private static final String TRAFFIC_POLICE = "122";

  private final Map<IncidentType, ResponsePlan[]> bySeverity = new EnumMap<>(IncidentType.class);

  private ResponsePlans(Collection<ResponsePlan> plans) {
    for (ResponsePlan plan : plans) {
      ResponsePlan[] forType = bySeverity.computeIfAbsent(plan.type(),
          t -> new ResponsePlan[Incident.MAX_SEVERITY + 1]);
      if (forType[plan.severity()] != null) {
        throw new IllegalArgumentException("two response plans for " + name(plan.type(), plan.severity()));
      }
      forType[plan.severity()] = plan;
    }
    List<String> missing = new ArrayList<>();
    for (IncidentType type : IncidentType.values()) {
      for (int severity = Incident.MIN_SEVERITY; severity <= Incident.MAX_SEVERITY; severity++) {
        if (!bySeverity.containsKey(type) || bySeverity.get(type)[severity] == null) {
          missing.add(name(type, severity));
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("no response plan for " + String.join(", ", missing));
    }
  }

  /** Exactly one plan for every type and severity, or IllegalArgumentException naming the gaps. */
  public static ResponsePlans of(Collection<ResponsePlan> plans) {
    return new ResponsePlans(plans);
  }

  /** These plans with some replaced, e.g. by those read from configuration. */
  public ResponsePlans overriddenBy(Collection<ResponsePlan> overrides) {
    Set<String> overridden = new HashSet<>();
    for (ResponsePlan plan : overrides) {
      if (!overridden.add(name(plan.type(), plan.severity()))) {
        throw new IllegalArgumentException("two response plans for " + name(plan.type(), plan.severity()));
      }
    }
    List<ResponsePlan> merged = new ArrayList<>(overrides);
    all().stream()
        .filter(plan -> !overridden.contains(name(plan.type(), plan.severity())))
        .forEach(merged::add);
    return new ResponsePlans(merged);
  }

  public ResponsePlan plan(IncidentType type, int severity) {
    if (severity < Incident.MIN_SEVERITY || severity > Incident.MAX_SEVERITY) {
      throw new IllegalArgumentException("severity must be " + Incident.MIN_SEVERITY + ".."
          + Incident.MAX_SEVERITY + ", got " + severity);
    }
    return bySeverity.get(type)[severity];
  }

  /** Every plan, by type then severity. */
  public List<ResponsePlan> all() {
    return bySeverity.values().stream()
        .flatMap(plans -> Arrays.stream(plans, Incident.MIN_SEVERITY, Incident.MAX_SEVERITY + 1))
        .toList();
  }

  /**
   * The built-in plans. Serious incidents get more units, quicker offers, fresher positions and
   * less time before they escalate while short of units; each escalation widens the search and
   * tells someone higher up; fires and traffic accidents end with the external service (119, 122).
   */
  public static ResponsePlans defaults() {
    return of(List.of(
        plan(FIRE, 3, 3, 5_000, Officer.NONE,
            level(2, 10_000, null, OFFICER), level(0, 20_000, null, STATION),
            level(0, 30_000, FIRE_SERVICE, COUNTY)),
        plan(FIRE, 2, 2, 5_000, Officer.NONE,
            level(1, 10_000, null, OFFICER), level(0, 20_000, FIRE_SERVICE, STATION)),
        plan(FIRE, 1, 1, 3_000, Officer.NONE,
            level(1, 8_000, null, OFFICER), level(0, 15_000, null, STATION)),
        plan(TRAFFIC, 3, 2, 5_000, Officer.NOTIFIED,
            level(1, 10_000, null, STATION), level(0, 20_000, TRAFFIC_POLICE, COUNTY)),
        plan(TRAFFIC, 2, 1, 5_000, Officer.NOTIFIED,
            level(1, 10_000, TRAFFIC_POLICE, STATION)),
        plan(TRAFFIC, 1, 1, 3_000, Officer.NONE,
            level(0, 8_000, null, OFFICER)),
        plan(SECURITY, 3, 1, 5_000, Officer.ASSIGNED,
            level(1, 10_000, null, STATION), level(0, 20_000, null, COUNTY)),
        plan(SECURITY, 2, 1, 5_000, Officer.NOTIFIED,
            level(0, 10_000, null, STATION)),
        plan(SECURITY, 1, 1, 3_000, Officer.NONE,
            level(0, 8_000, null, OFFICER)),
        plan(RESCUE, 3, 3, 5_000, Officer.NOTIFIED,
            level(2, 10_000, null, STATION), level(0, 20_000, null, COUNTY)),
        plan(RESCUE, 2, 2, 5_000, Officer.NOTIFIED,
            level(1, 10_000, null, STATION)),
        plan(RESCUE, 1, 1, 3_000, Officer.NONE,
            level(0, 8_000, null, OFFICER)),
        plan(OTHER, 3, 1, 5_000, Officer.NOTIFIED,
            level(0, 10_000, null, STATION)),
        plan(OTHER, 2, 1, 3_000, Officer.NONE,
            level(0, 8_000, null, OFFICER)),
        plan(OTHER, 1, 1, 3_000, Officer.NONE)));
  }

  /** What a default plan does with the covering community officer at level 1. */
  private enum Officer { NONE, NOTIFIED, ASSIGNED }

  private static ResponsePlan plan(IncidentType type, int severity, int units, double radiusM,
      Officer officer, EscalationLevel... levels) {
    long offerTimeoutMs = switch (severity) {
      case 3 -> 30_000;
      case 2 -> 45_000;
      default -> 60_000;
    };
    long maxFixAgeMs = severity == 3 ? 120_000 : 300_000;
    long escalateAfterMs = switch (severity) {
      case 3 -> 120_000;
      case 2 -> 180_000;
      default -> 300_000;
    };
    // every level but the last escalates in time
    List<EscalationLevel> timed = new ArrayList<>();
    for (int i = 0; i < levels.length; i++) {
      EscalationLevel l = levels[i];
      timed.add(new EscalationLevel(l.extraUnits(), l.radiusM(), l.notifyOfficer(), l.notifyStation(),
          l.notifyCounty(), l.externalService(), i < levels.length - 1 ? escalateAfterMs : 0));
    }
    return new ResponsePlan(type, severity, units, officer == Officer.NOTIFIED, officer == Officer.ASSIGNED,
        offerTimeoutMs, offerTimeoutMs * ResponsePlan.PHONE_TIMEOUT_FACTOR, radiusM, maxFixAgeMs,
        levels.length == 0 ? 0 : escalateAfterMs, timed);
  }

  private static EscalationLevel level(int extraUnits, double radiusM, String externalService,
      NotifyTarget notified) {
    return new EscalationLevel(extraUnits, radiusM, notified == OFFICER, notified == STATION,
        notified == COUNTY, externalService);
  }

  private static String name(IncidentType type, int severity) {
    return type.wire() + "/" + severity;
  }
}
