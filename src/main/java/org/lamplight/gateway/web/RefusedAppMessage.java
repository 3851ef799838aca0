package org.lamplight.gateway.web;

import org.lamplight.domain.tracking.RejectReason;

/**
 * A field-app message that cannot be read, with the id to acknowledge it under when the app's
 * envelope gave one (null otherwise).
 */
public final class RefusedAppMessage extends RuntimeException {

  private final String id;
  private final RejectReason reason;

  public RefusedAppMessage(String id, RejectReason reason, String message) {
    super(message, null, false, false);
    this.id = id;
    this.reason = reason;
  }

  public String id() {
    return id;
  }

  public RejectReason reason() {
    return reason;
  }
}
