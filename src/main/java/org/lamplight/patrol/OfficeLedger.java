package org.lamplight.patrol;

import java.util.Objects;
import org.lamplight.domain.ledger.HazardTally;
import org.lamplight.domain.ledger.LedgerCounts;

/**
 * An office's ledger over a period: the work its people recorded and the hazards of its villages.
 */
public record OfficeLedger(String officeId, String name, String stationId, LedgerCounts work, HazardTally hazards) {

  public OfficeLedger {
    Objects.requireNonNull(officeId, "officeId");
    Objects.requireNonNull(work, "work");
    Objects.requireNonNull(hazards, "hazards");
  }
}
