/**
 * The dispatch domain: incidents, response plans, candidate ranking, unit claims and the state
 * machine that ties them together. Plain Java: no Vert.x, no I/O, no threads or timers.
 *
 * <h2>How the dispatch verticle drives {@link org.lamplight.domain.dispatch.DispatchEngine}</h2>
 * <ol>
 *   <li>Apply one incident's events strictly one at a time: load the incident (null if absent),
 *       {@code apply}, persist, carry out the actions, and only then take its next event.
 *       Different incidents may be handled concurrently; claims keep them from sharing units.
 *   <li>If {@code Decision.events()} is empty nothing changed: skip the write and just carry out
 *       the actions (at most {@code RequestFix}). Otherwise write {@code Decision.next()} and the
 *       events in one transaction; a unique key on (incident_id, seq) catches two writers.
 *   <li>If the write fails, discard {@code next} and release every unit in
 *       {@code Decision.claimedUnits()}. Carry out no action. If the database gave no answer once
 *       the transaction had begun (a deadline passed, the connection dropped) the write may
 *       still have committed: keep the claims, carry out nothing, and before the incident's next
 *       event ask the database what became of the transaction: committed, carry out the actions
 *       then; rolled back, discard as above.
 *   <li>After the write, carry out {@code Decision.actions()} in order: {@code SendOrder},
 *       {@code ArmTimer}/{@code CancelTimer} (keyed by incident and order id; a fired timer feeds
 *       {@code OfferExpired}), {@code ReleaseClaim} (claims are released only now, so a failed
 *       write never frees a unit the stored incident still holds), {@code RequestFix} (send an
 *       order with action {@code locate}; feed {@code Retry} when the fresh fix arrives),
 *       {@code Alert} and {@code Notify}.
 *   <li>{@code UnitOffline} needs the incident: look it up with {@code UnitClaims.holder}.
 *   <li>A {@code DispatchException} means the command was refused and nothing changed; map its
 *       code to the client's answer (each code's javadoc suggests an HTTP status). Late replies
 *       are refused with {@code offer_expired} and leave the timed-out offer as it is; the device
 *       gets a cancel order when the offer times out, if it has not already.
 *   <li>On start-up, load the active incidents and use {@code Recovery.of}: re-claim its units
 *       ({@code UnitClaims.retain} frees any other the incident still holds), arm its timers,
 *       feed its due offers as events. A cluster node taking over a dead node's incident does the
 *       same for that incident.
 * </ol>
 */
package org.lamplight.domain.dispatch;
