package org.lamplight.patrol;

import java.util.List;
import java.util.Objects;
import org.lamplight.domain.ledger.Hazard;
import org.lamplight.domain.ledger.HazardStep;

/** A hazard with the steps of its life so far (empty when only the hazard was asked for). */
public record HazardRecord(Hazard hazard, List<HazardStep> steps) {

  public HazardRecord {
    Objects.requireNonNull(hazard, "hazard");
    steps = List.copyOf(steps);
  }
}
