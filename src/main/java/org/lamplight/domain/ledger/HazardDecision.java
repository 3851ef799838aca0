package org.lamplight.domain.ledger;

/** The outcome of one hazard event: the hazard as it is now and the step to append to its timeline. */
public record HazardDecision(Hazard next, HazardStep step) {}
