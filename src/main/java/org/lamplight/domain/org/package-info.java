/**
 * The county model: administrative {@link org.lamplight.domain.org.Area}s (county, townships,
 * villages, committees) with their polygons, the police organisation (stations, offices,
 * workstations), the people who are dispatched and their devices, and the roads; all held by one
 * immutable {@link org.lamplight.domain.org.County}. {@link org.lamplight.domain.org.Coverage}
 * says who covers a place; {@link org.lamplight.domain.org.CountyGenerator} makes the demo county.
 * Plain Java (and JTS geometry): no Vert.x, no I/O.
 *
 * <p>Identifiers are the codes of the county's bundle: an area's {@code code}, a station's,
 * office's or workstation's {@code id} (its code in the bundle), a person's {@code id} (also the
 * unit id dispatch and the console use) and a device's {@code id} (its MQTT user name). A device
 * id is never derived from a person: the county's devices say which person each reports for.
 */
package org.lamplight.domain.org;
