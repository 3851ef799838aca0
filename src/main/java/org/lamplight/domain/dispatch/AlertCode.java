package org.lamplight.domain.dispatch;

import org.lamplight.domain.WireName;

/**
 * What a dispatch alert says, which a console renders with the alert's parameters in its
 * dispatcher's language; each code belongs to one {@link AlertKind}.
 */
public enum AlertCode implements WireName {
  /** {@code toLevel}, and {@code reason} (a shortfall reason) or {@code by} (the dispatcher). */
  ESCALATED(AlertKind.ESCALATION),
  /** {@code missingUnits}, {@code level}, {@code reason}: still short at the last level. */
  SHORTFALL(AlertKind.SHORTFALL),
  /** {@code unitId}: the covering community officer was told. */
  OFFICER_NOTIFIED(AlertKind.ESCALATION),
  /** {@code party}: a station id. */
  STATION_NOTIFIED(AlertKind.ESCALATION),
  /** County command was told. */
  COUNTY_NOTIFIED(AlertKind.COUNTY),
  /** {@code party}: the emergency number (119, 122). */
  EXTERNAL_NOTIFIED(AlertKind.ESCALATION),
  /**
   * {@code unitId}, {@code tracked} (when only the device that shows orders went): an offered
   * unit went offline; the offer moved on.
   */
  UNIT_OFFLINE_OFFERED(AlertKind.UNIT_OFFLINE),
  /**
   * {@code unitId}, {@code was}, {@code tracked} (when only the device that shows orders went, its
   * positions still come in): a unit on the incident lost its connection; it stays on it, unreachable.
   */
  UNIT_OFFLINE_ASSIGNED(AlertKind.UNIT_OFFLINE),
  /** No police office covers the place. */
  NO_COVERAGE(AlertKind.NO_COVERAGE),
  /** {@code unitId} (absent when nobody covers the place): the covering officer cannot be offered it. */
  OFFICER_UNAVAILABLE(AlertKind.OFFICER_UNAVAILABLE),
  /**
   * {@code unitId}, {@code expiresAt}: the unit's devices cannot show the offer; a dispatcher
   * phones it and accepts or declines for it before then ({@code unitName} and {@code phone} are
   * added for API clients).
   */
  PHONE_TASK(AlertKind.PHONE_TASK),
  /**
   * {@code unitId}: the unit was put on the incident without an offer (a dispatcher's choice) while
   * its devices cannot be told (offline, or they cannot show orders); a dispatcher phones it
   * ({@code unitName} and {@code phone} are added for API clients).
   */
  PHONE_ASSIGNED(AlertKind.PHONE_TASK),
  /** {@code clearedAt}: every unit reported clear a while ago and nobody has resolved the incident. */
  CLEARED_UNRESOLVED(AlertKind.REMINDER);

  private final AlertKind kind;

  AlertCode(AlertKind kind) {
    this.kind = kind;
  }

  public AlertKind kind() {
    return kind;
  }

  public static AlertCode fromWire(String wire) {
    return WireName.parse(AlertCode.class, wire);
  }
}
