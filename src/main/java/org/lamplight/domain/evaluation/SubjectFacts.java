package org.lamplight.domain.evaluation;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.lamplight.domain.ledger.HazardTally;
import org.lamplight.domain.ledger.LedgerCounts;

/**
 * The month's figures of one subject, before any scoring: what the evaluation sheet shows next
 * to the points.
 *
 * @param villageDays its villages times the days counted
 * @param villageDaysMet of those, the ones with the visits they need
 * @param onDutyMs tracked time on duty of its units
 * @param onPostMs of that, time in their post villages
 * @param offers offers to its units, answered or timed out (cancelled ones left out)
 * @param offersAccepted of those, the accepted ones
 * @param medianAcceptMs from offer to acceptance; empty without accepted offers
 * @param medianArriveMs from offer to arrival on scene; empty without arrivals
 * @param ledger the entries of its units
 * @param hazards the hazards of its villages
 * @param inspection the brigade's inspection; empty when not entered (or not inspected)
 */
public record SubjectFacts(Subject subject, int villageDays, int villageDaysMet, long onDutyMs, long onPostMs,
    long patrolMs, double distanceM, int offers, int offersAccepted, OptionalLong medianAcceptMs,
    OptionalLong medianArriveMs, LedgerCounts ledger, HazardTally hazards, Optional<Inspection> inspection) {

  public SubjectFacts {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(medianAcceptMs, "medianAcceptMs");
    Objects.requireNonNull(medianArriveMs, "medianArriveMs");
    Objects.requireNonNull(ledger, "ledger");
    Objects.requireNonNull(hazards, "hazards");
    Objects.requireNonNull(inspection, "inspection");
  }
}
