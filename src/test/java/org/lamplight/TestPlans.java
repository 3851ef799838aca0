package org.lamplight;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Response plans files for tests that dispatch. */
public final class TestPlans {

  private TestPlans() {
  }

  /** Fires of severity 1 need one unit, no officer is told or offered, and nothing escalates. */
  public static Path oneUnitPerFire(long offerTimeoutMs, int radiusM) throws IOException {
    Path plans = Files.createTempFile("plans", ".yaml");
    Files.writeString(plans, """
        plans:
          - type: fire
            severity: 1
            units: 1
            notify_officer: false
            assign_officer: false
            offer_timeout_ms: %d
            radius_m: %d
            max_fix_age_ms: 600000
            levels: []
        """.formatted(offerTimeoutMs, radiusM));
    return plans;
  }
}
