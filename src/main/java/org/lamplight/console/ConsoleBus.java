package org.lamplight.console;

/** Event-bus addresses the console feed listens on (published by dispatch, reaching every node). */
public final class ConsoleBus {

  private ConsoleBus() {
  }

  /** {@code {incident, event}}: an incident was created or changed. */
  public static final String INCIDENTS = "lamplight.console.incidents";
  /** {@code {level, kind, incidentId, unitId, message}}: an alert for dispatchers. */
  public static final String ALERTS = "lamplight.console.alerts";
}
