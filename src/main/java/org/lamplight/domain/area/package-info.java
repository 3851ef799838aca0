/**
 * Where positions lie among the county's areas. Plain Java over JTS: no Vert.x, no I/O.
 *
 * <h2>How callers use {@link org.lamplight.domain.area.VillageIndex}</h2>
 * <ol>
 *   <li>Build one index from the county's areas when the county is loaded ({@code of} keeps the
 *       villages and committees) and share it: lookups take no lock. Building indexes every
 *       polygon's edges (a fraction of a second and about 50 KB per real-sized village), so do it
 *       off the event loop. The first hinted lookup in a village also runs a relate test against
 *       its lower-coded neighbours, once, about a millisecond.
 *   <li>When an import changes a polygon, build a new index and swap it in whole; fixes already
 *       counted keep the village they were given (recompute the affected days to apply the new
 *       shapes to them).
 *   <li>On the ingest path ask with the unit's previous village: {@code villageAt(lat, lon,
 *       previous)}. The answer is the same as without it, only cheaper while the unit stays put.
 *   <li>A position on a shared border, or where shapes overlap, belongs to the lowest code among
 *       the villages whose closed shape holds it. Give codes of equal length (the national
 *       statistical codes are) so that string order is numeric order.
 * </ol>
 */
package org.lamplight.domain.area;
