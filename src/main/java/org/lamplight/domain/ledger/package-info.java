/**
 * The work ledger (台账): entries of work done in the villages, and the life cycle of the hazards
 * among them. Plain Java: no Vert.x, no I/O, no clocks.
 *
 * <h2>How the ledger module drives {@link org.lamplight.domain.ledger.HazardLifecycle}</h2>
 * <ol>
 *   <li>An entry of a hazard kind ({@link org.lamplight.domain.ledger.LedgerKind#isHazard}) is
 *       stored as a {@link org.lamplight.domain.ledger.LedgerEntry} and reported as a hazard with
 *       the same id: {@code apply(null, Report, now)}. A second report with the same id (a
 *       device resending) is refused with {@code duplicate_hazard}; answer it as already done.
 *   <li>Apply one hazard's events one at a time: load it, {@code apply}, and store
 *       {@code next} with the {@code step} in one transaction; a unique key on (hazard_id, seq)
 *       catches two writers. Time comes in as {@code now}: every step is stamped with it.
 *   <li>A {@link org.lamplight.domain.ledger.HazardException} means the command was refused and
 *       nothing changed; map its code to the answer (each code's javadoc suggests an HTTP status).
 *       {@code POST /api/hazards/{id}/{action}} maps {@code action} with
 *       {@link org.lamplight.domain.ledger.HazardAction#fromWire}.
 *   <li>Overdue alerts: now and then, {@code becameOverdue(ordered hazards, previous check, now)}
 *       gives each hazard once, when its deadline has passed unrectified.
 *   <li>Monthly figures: {@link org.lamplight.domain.ledger.HazardTally#of} with the month's
 *       [start, end) instants, summed per village or office (the ledger summary has the database
 *       sum them by the same rules); {@link org.lamplight.domain.ledger.LedgerCounts#byGroup} for
 *       entries.
 * </ol>
 */
package org.lamplight.domain.ledger;
