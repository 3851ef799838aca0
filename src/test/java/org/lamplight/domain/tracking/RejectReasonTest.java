package org.lamplight.domain.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RejectReasonTest {

  @Test
  void codesAreLowerSnakeCaseAndUnique() {
    assertThat(RejectReason.values())
        .extracting(RejectReason::code)
        .allMatch(code -> code.matches("[a-z]+(_[a-z]+)*"))
        .doesNotHaveDuplicates();
  }

  @Test
  void wireCodesAreTheDocumentedOnes() {
    // These strings are a published contract (docs/device-protocol.md): never rename them.
    assertThat(Arrays.stream(RejectReason.values()).map(RejectReason::code)).containsExactly(
        "malformed_json", "payload_too_large", "missing_field", "wrong_type", "invalid_value",
        "not_a_number", "lat_out_of_range", "lon_out_of_range", "no_fix", "timestamp_in_future",
        "timestamp_too_old", "implausible_jump", "topic_not_allowed", "unknown_device",
        "bad_credentials", "unsupported_message", "malformed_request", "rate_limited", "unavailable",
        "too_many_subscriptions");
  }
}
