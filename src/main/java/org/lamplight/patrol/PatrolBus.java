package org.lamplight.patrol;

/** Event-bus addresses the patrol module publishes on, reaching every node's consoles. */
public final class PatrolBus {

  private PatrolBus() {
  }

  /**
   * {@code {level, kind, code, params, stationId, villageCode, message}}: a village past its patrol
   * requirement window without a visit ({@code patrol_inactivity}) or a hazard past its
   * rectification deadline ({@code hazard_overdue}); raised once, by whichever node checks first.
   * {@code code} and {@code params} say it for any language, {@code message} is a plain English
   * fallback.
   */
  public static final String ALERTS = "lamplight.patrol.alerts";
}
