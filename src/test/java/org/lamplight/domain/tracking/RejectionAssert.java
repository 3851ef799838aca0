package org.lamplight.domain.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts that a call rejects a device message for a given reason. */
public final class RejectionAssert {

  private RejectionAssert() {}

  /** Returns the exception so a test can also check its message. */
  public static RejectedFixException assertRejected(ThrowingCallable call, RejectReason reason) {
    RejectedFixException rejection = catchThrowableOfType(RejectedFixException.class, call);
    assertThat(rejection).as("expected a rejection with reason %s", reason).isNotNull();
    assertThat(rejection.reason()).isEqualTo(reason);
    return rejection;
  }
}
