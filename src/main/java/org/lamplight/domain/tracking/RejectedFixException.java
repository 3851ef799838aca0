package org.lamplight.domain.tracking;

import java.util.Objects;

/**
 * A device message that cannot be used, with a machine-readable reason and a message meant for
 * the device vendor. Thrown once per bad ping, so it records no stack trace.
 */
public final class RejectedFixException extends RuntimeException {

  private final RejectReason reason;

  public RejectedFixException(RejectReason reason, String message) {
    super(message, null, false, false);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public RejectReason reason() {
    return reason;
  }
}
