package org.lamplight.sim;

/** Where a simulated device is and how it moves: degrees, m/s, degrees clockwise from north. */
record Motion(double lat, double lon, double speedMps, double headingDeg) {
}
