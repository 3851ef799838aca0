package org.lamplight.dispatch;

/**
 * Event-bus addresses dispatch publishes on, reaching every node: consoles show them and the
 * cluster's incident mirror follows them. Its alerts go through {@code org.lamplight.alert.Alerts}.
 */
public final class DispatchBus {

  private DispatchBus() {
  }

  /** {@code {incident: stored snapshot, event: timeline entry, stationId}}: an incident was created or changed. */
  public static final String INCIDENTS = "lamplight.dispatch.incidents";
}
