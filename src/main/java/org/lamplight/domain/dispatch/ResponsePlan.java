package org.lamplight.domain.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.lamplight.domain.PlainValues;

/**
 * How dispatch answers one incident type at one severity. Level 1 is described by the plan's own
 * fields, levels 2 and up by {@link #levels()}.
 *
 * @param units auxiliaries needed at level 1
 * @param notifyOfficer tell the community officer of the police office covering the location
 * @param assignOfficer offer the incident to that officer as well (not counted in units)
 * @param offerTimeoutMs how long a unit has to answer an offer
 * @param phoneTimeoutMs how long a dispatcher has to phone a unit whose devices cannot show an
 *     offer and answer for it
 * @param radiusM the level-1 search radius
 * @param maxFixAgeMs positions older than this are not trusted for ranking
 * @param escalateAfterMs escalate to level 2 when the level-1 units have not all accepted within
 *     this long; 0 never (only when candidates run out). Levels above say the same for themselves.
 */
public record ResponsePlan(IncidentType type, int severity, int units, boolean notifyOfficer,
    boolean assignOfficer, long offerTimeoutMs, long phoneTimeoutMs, double radiusM, long maxFixAgeMs,
    long escalateAfterMs, List<EscalationLevel> levels) {

  private static final Set<String> KEYS = Set.of("type", "severity", "units", "notify_officer",
      "assign_officer", "offer_timeout_ms", "phone_timeout_ms", "radius_m", "max_fix_age_ms", "escalate_after_ms",
      "levels");
  /** A call takes longer than a tap on a screen. */
  static final int PHONE_TIMEOUT_FACTOR = 2;

  public ResponsePlan {
    Objects.requireNonNull(type, "type");
    levels = List.copyOf(levels);
    String plan = "response plan " + type.wire() + "/" + severity + ": ";
    if (severity < Incident.MIN_SEVERITY || severity > Incident.MAX_SEVERITY) {
      throw new IllegalArgumentException(plan + "severity must be " + Incident.MIN_SEVERITY + ".."
          + Incident.MAX_SEVERITY);
    }
    if (units < 1) {
      throw new IllegalArgumentException(plan + "units must be at least 1, got " + units);
    }
    if (offerTimeoutMs <= 0) {
      throw new IllegalArgumentException(plan + "offer_timeout_ms must be positive, got " + offerTimeoutMs);
    }
    if (phoneTimeoutMs <= 0) {
      throw new IllegalArgumentException(plan + "phone_timeout_ms must be positive, got " + phoneTimeoutMs);
    }
    if (!(radiusM > 0) || Double.isInfinite(radiusM)) {
      throw new IllegalArgumentException(plan + "radius_m must be a positive number, got " + radiusM);
    }
    if (maxFixAgeMs <= 0) {
      throw new IllegalArgumentException(plan + "max_fix_age_ms must be positive, got " + maxFixAgeMs);
    }
    if (escalateAfterMs < 0) {
      throw new IllegalArgumentException(plan + "escalate_after_ms must not be negative, got " + escalateAfterMs);
    }
    long lastEscalateAfterMs = levels.isEmpty() ? escalateAfterMs : levels.get(levels.size() - 1).escalateAfterMs();
    if (lastEscalateAfterMs > 0) {
      throw new IllegalArgumentException(plan + "the last level (" + (levels.size() + 1)
          + ") has nowhere to escalate to: leave out its escalate_after_ms");
    }
    double previousRadius = radiusM;
    for (int i = 0; i < levels.size(); i++) {
      double radius = levels.get(i).radiusM();
      if (radius < previousRadius) {
        throw new IllegalArgumentException(plan + "level " + (i + 2) + " radius_m " + radius
            + " is smaller than the level below's " + previousRadius);
      }
      previousRadius = radius;
    }
  }

  /** A plan whose phone calls get twice the offer timeout, and that escalates only when candidates run out. */
  public ResponsePlan(IncidentType type, int severity, int units, boolean notifyOfficer, boolean assignOfficer,
      long offerTimeoutMs, double radiusM, long maxFixAgeMs, List<EscalationLevel> levels) {
    this(type, severity, units, notifyOfficer, assignOfficer, offerTimeoutMs, offerTimeoutMs * PHONE_TIMEOUT_FACTOR,
        radiusM, maxFixAgeMs, 0, levels);
  }

  /**
   * Reads a plan from plain values: {@code type} (wire name), {@code severity}, {@code units},
   * {@code offer_timeout_ms}, {@code radius_m}, {@code max_fix_age_ms} (all required),
   * {@code phone_timeout_ms} (default twice the offer timeout), {@code escalate_after_ms}
   * (default 0: never), {@code notify_officer},
   * {@code assign_officer} (default false) and {@code levels}, a list of maps read by
   * {@link EscalationLevel#fromMap}, the first being level 2.
   */
  public static ResponsePlan fromMap(Map<String, ?> map) {
    PlainValues unnamed = new PlainValues(map, "response plan");
    String typeName = unnamed.string("type");
    IncidentType type;
    try {
      type = IncidentType.fromWire(typeName);
    } catch (IllegalArgumentException e) {
      throw unnamed.error(e.getMessage());
    }
    int severity = unnamed.wholeNumber("severity");
    String context = "response plan " + type.wire() + "/" + severity;
    PlainValues values = unnamed.in(context).onlyKeys(KEYS);
    List<EscalationLevel> levels = new ArrayList<>();
    for (Map<String, ?> level : values.maps("levels")) {
      levels.add(EscalationLevel.fromMap(level, context + " level " + (levels.size() + 2)));
    }
    long offerTimeoutMs = values.longNumber("offer_timeout_ms");
    long phoneTimeoutMs = values.keys().contains("phone_timeout_ms") ? values.longNumber("phone_timeout_ms")
        : offerTimeoutMs * PHONE_TIMEOUT_FACTOR;
    return new ResponsePlan(type, severity, values.wholeNumber("units"), values.flag("notify_officer"),
        values.flag("assign_officer"), offerTimeoutMs, phoneTimeoutMs, values.number("radius_m"),
        values.longNumber("max_fix_age_ms"),
        values.keys().contains("escalate_after_ms") ? values.longNumber("escalate_after_ms") : 0, levels);
  }

  /** The highest level this plan escalates to. */
  public int maxLevel() {
    return 1 + levels.size();
  }

  /**
   * Auxiliaries needed at a level: the level-1 units plus every extra up to it. Levels above
   * {@link #maxLevel()} (left behind by a configuration change) count as the last level.
   */
  public int requiredUnitsAt(int level) {
    int required = units;
    for (int l = 2; l <= Math.min(level, maxLevel()); l++) {
      required += escalation(l).extraUnits();
    }
    return required;
  }

  /** The search radius at a level; levels above {@link #maxLevel()} count as the last level. */
  public double radiusAt(int level) {
    int effective = Math.min(level, maxLevel());
    return effective == 1 ? radiusM : escalation(effective).radiusM();
  }

  /**
   * How long the units a level needs have to accept before the incident escalates to the next
   * level; 0 when it escalates only as candidates run out (always at the last level).
   */
  public long escalateAfterAt(int level) {
    if (level >= maxLevel()) {
      return 0;
    }
    return level == 1 ? escalateAfterMs : escalation(level).escalateAfterMs();
  }

  /** The escalation that leads to a level, 2..{@link #maxLevel()}. */
  public EscalationLevel escalation(int level) {
    if (level < 2 || level > maxLevel()) {
      throw new IllegalArgumentException("no escalation level " + level + " in response plan "
          + type.wire() + "/" + severity);
    }
    return levels.get(level - 2);
  }
}
