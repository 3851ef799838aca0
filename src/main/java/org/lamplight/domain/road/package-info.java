/**
 * The county's roads as one network, shared by dispatch (travel times to an incident, see
 * {@link org.lamplight.domain.road.RoadTravel}) and the simulator (patrols). Plain Java: no
 * Vert.x, no I/O; a built network is immutable.
 */
package org.lamplight.domain.road;
