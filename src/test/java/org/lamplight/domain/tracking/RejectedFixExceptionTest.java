package org.lamplight.domain.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class RejectedFixExceptionTest {

  @Test
  void carriesReasonAndMessage() {
    RejectedFixException e =
        new RejectedFixException(RejectReason.MISSING_FIELD, "lat is required");

    assertThat(e.reason()).isEqualTo(RejectReason.MISSING_FIELD);
    assertThat(e).hasMessage("lat is required").hasNoCause();
  }

  @Test
  void recordsNoStackTraceBecauseItIsThrownPerBadPing() {
    RejectedFixException e = new RejectedFixException(RejectReason.WRONG_TYPE, "x");

    assertThat(e.getStackTrace()).isEmpty();
    e.addSuppressed(new IllegalStateException());
    assertThat(e.getSuppressed()).isEmpty();
  }

  @Test
  void requiresAReason() {
    assertThatNullPointerException().isThrownBy(() -> new RejectedFixException(null, "x"));
  }
}
