/**
 * Patrol coverage: how long the police were in each village, how many visits it had, and what
 * each unit did each day. Plain Java: no Vert.x, no I/O, no clocks.
 *
 * <h2>The definition</h2>
 * <ul>
 *   <li><b>Points.</b> A unit's accepted fixes in time order. A fix not later than the unit's last
 *       point (late or repeated) is ignored, and so is a fix the tracking pipeline flagged as an
 *       implausible jump: coverage, like the live map, keeps the unit where its last plausible fix
 *       put it. A duty change adds a point where the last fix put the unit; one time-stamped
 *       before the last point takes effect at the last point. Units start on duty.
 *   <li><b>Intervals.</b> Between two consecutive points, counted only if the unit was on duty at
 *       the first. An interval counts for its length, at most {@code max-gap} (default 5 min),
 *       placed at its start: the unit is taken to have stayed up to max-gap after a point.
 *   <li><b>Presence</b> in a village: the intervals whose two points both lie in that village
 *       (see {@link org.lamplight.domain.area.VillageIndex} for borders and holes).
 *   <li><b>Run</b>: consecutive presence intervals in one village. It ends at a point outside the
 *       village (another village or none), after an interval longer than max-gap (whose max-gap
 *       still counts for it: the device went silent) and when the unit goes off duty.
 *   <li><b>Visit</b>: a run whose presence reaches {@code min-visit} (default 10 min), counted
 *       once on the day in which its min-visit-th millisecond of presence falls.
 *   <li><b>Last visit</b> of a village on a day: the end of the latest presence that belongs to a
 *       visit (from the moment it reached min-visit on), at most the following midnight.
 *   <li><b>Units</b> of a village on a day: every unit with any presence there that day.
 *   <li><b>Per unit and day</b>: time on duty (every counted interval, wherever), time on post
 *       (presence in one of its {@link org.lamplight.domain.coverage.UnitPosts}), time on patrol
 *       elsewhere (presence in any other village), distance (great-circle distance between the
 *       two points of each counted interval no longer than max-gap) and visits made.
 *   <li><b>Days</b> run midnight to midnight in the county's zone; intervals and their distance
 *       are shared between the days they cross in proportion to time.
 * </ul>
 *
 * <h2>How the coverage writer drives {@link org.lamplight.domain.coverage.CoverageAccumulator}</h2>
 * <ol>
 *   <li>One accumulator per process (or one per thread with each unit always on the same one),
 *       built with the current {@code VillageIndex}, the units' posts and the settings. Feed it
 *       every accepted fix (with the pipeline's implausible flag) and every duty change, in the
 *       order they arrive. A STALE outcome is normal for late fixes: they stay in history. When
 *       the villages or posts change, drain, then carry on with a new accumulator built with the
 *       new index or posts and the old one's {@code tracks()}.
 *   <li>Every few seconds, {@code drain()} and add the increments to the stored rows in one
 *       transaction: presence, visits and per-unit figures by addition, last visit by
 *       {@code greatest}, units by inserting (village, day, unit) with "on conflict do nothing".
 *       Sums are not idempotent: apply each drain exactly once. Storing {@code tracks()} in the
 *       same transaction and restoring them on start-up keeps runs and visits whole across a
 *       restart; without them a restart loses at most one interval per unit and starts new runs.
 *   <li>Requirements ({@link org.lamplight.domain.coverage.PatrolRequirements}) are applied when
 *       reading: a village-day meets its requirement when its stored visits reach it; a village
 *       without a row that day had none.
 *   <li>For inactivity alerts, call {@link org.lamplight.domain.coverage.Inactivity#due} now and
 *       then with each village's latest last visit and the time of the previous call.
 *   <li>After a polygon changed, recompute the affected days with
 *       {@link org.lamplight.domain.coverage.CoverageAccumulator#recompute} over the history from
 *       the day before, and replace those days' rows. Late fixes the live path ignored are
 *       counted by a recompute, which sorts history by time.
 * </ol>
 */
package org.lamplight.domain.coverage;
