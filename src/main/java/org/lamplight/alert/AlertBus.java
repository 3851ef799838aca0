package org.lamplight.alert;

/** Event-bus addresses of alerts, reaching every node of a cluster. */
public final class AlertBus {

  private AlertBus() {
  }

  /** {@link AlertJson}: an alert was raised or acknowledged. */
  public static final String CHANGED = "lamplight.alerts.changed";
}
