package org.lamplight.domain.dispatch;

import java.util.Map;
import java.util.Set;
import org.lamplight.domain.PlainValues;

/**
 * What changes when an incident reaches this level (levels 2 and up).
 *
 * @param extraUnits auxiliaries needed on top of the levels below
 * @param radiusM the search radius at this level; never smaller than the level below's
 * @param externalService the emergency number to alert ("119" fire, "122" traffic), or null
 * @param escalateAfterMs escalate to the next level when the units this level needs have not all
 *     accepted within this long of reaching it; 0 never (only when candidates run out)
 */
public record EscalationLevel(int extraUnits, double radiusM, boolean notifyOfficer,
    boolean notifyStation, boolean notifyCounty, String externalService, long escalateAfterMs) {

  private static final Set<String> KEYS = Set.of("extra_units", "radius_m", "notify_officer",
      "notify_station", "notify_county", "external_service", "escalate_after_ms");

  public EscalationLevel {
    if (extraUnits < 0) {
      throw new IllegalArgumentException("extra_units must be at least 0, got " + extraUnits);
    }
    if (!(radiusM > 0) || Double.isInfinite(radiusM)) {
      throw new IllegalArgumentException("radius_m must be a positive number, got " + radiusM);
    }
    if (externalService != null && externalService.isBlank()) {
      throw new IllegalArgumentException("external_service must be a number to call or absent");
    }
    if (escalateAfterMs < 0) {
      throw new IllegalArgumentException("escalate_after_ms must not be negative, got " + escalateAfterMs);
    }
  }

  /** A level that escalates further only when candidates run out. */
  public EscalationLevel(int extraUnits, double radiusM, boolean notifyOfficer, boolean notifyStation,
      boolean notifyCounty, String externalService) {
    this(extraUnits, radiusM, notifyOfficer, notifyStation, notifyCounty, externalService, 0);
  }

  /**
   * Reads a level from plain values: {@code radius_m} (required), {@code extra_units} (default
   * 0), {@code notify_officer}, {@code notify_station}, {@code notify_county} (default false),
   * {@code external_service} and {@code escalate_after_ms} (optional).
   *
   * @param context where the map came from, for error messages
   */
  public static EscalationLevel fromMap(Map<String, ?> map, String context) {
    PlainValues values = new PlainValues(map, context).onlyKeys(KEYS);
    int extraUnits = values.wholeNumber("extra_units", 0);
    double radiusM = values.number("radius_m");
    boolean officer = values.flag("notify_officer");
    boolean station = values.flag("notify_station");
    boolean county = values.flag("notify_county");
    String externalService = values.optionalString("external_service");
    long escalateAfterMs = values.keys().contains("escalate_after_ms") ? values.longNumber("escalate_after_ms") : 0;
    try {
      return new EscalationLevel(extraUnits, radiusM, officer, station, county, externalService, escalateAfterMs);
    } catch (IllegalArgumentException e) {
      throw values.error(e.getMessage());
    }
  }
}
