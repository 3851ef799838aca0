/**
 * The monthly evaluation of police offices (警务室考核), workstations and people: indicators from
 * coverage, dispatch, the ledger and the brigade's inspections, scored, classed, paid and ranked.
 * Plain Java: no Vert.x, no I/O, no clocks. {@code docs/evaluation.md} defines every indicator
 * for the people who use it.
 *
 * <h2>How the evaluation module uses it</h2>
 * <ol>
 *   <li>Read {@code conf/evaluation.yaml} into {@link org.lamplight.domain.evaluation.EvaluationSettings#fromMap}
 *       at start-up; a bad file stops the start with the message it gives.
 *   <li>For a month ({@link org.lamplight.domain.evaluation.EvaluationMonth}, named after the
 *       month it closes in), load its records into {@link org.lamplight.domain.evaluation.MonthRecords}:
 *       the village-day and unit-day coverage rows of its days, the offers made (each incident's
 *       timeline through {@link org.lamplight.domain.evaluation.OfferTimeline}), ledger entries and
 *       hazards of its instants (hazards whose deadline falls in it, too), the inspections, and
 *       the villages' visit requirements. Records outside the month are left out by it.
 *   <li>Build one {@link org.lamplight.domain.evaluation.Subject} per office, workstation, officer
 *       and auxiliary from the county model: which villages and units each answers for.
 *   <li>{@link org.lamplight.domain.evaluation.MonthlyEvaluation#evaluate} with the offices'
 *       classes of the months before (latest first) gives everything the sheet shows: facts,
 *       points, missing indicators, scores, ranks, classes, amounts and the rotation flag.
 *   <li>Closing a month freezes its result; refuse to close while
 *       {@link org.lamplight.domain.evaluation.MonthlyEvaluation#missingInspections} is not empty.
 *       Store each subject's score and each office's class: next month's rotation flag and the
 *       {@link org.lamplight.domain.evaluation.YearRanking} are computed from them.
 * </ol>
 */
package org.lamplight.domain.evaluation;
