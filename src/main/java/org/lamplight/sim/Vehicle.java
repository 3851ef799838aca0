package org.lamplight.sim;

import org.lamplight.domain.org.Road.RoadKind;

/** How a simulated unit gets about, and how fast on each kind of road. */
enum Vehicle {
  WALK(1.4, 1.4),
  EBIKE(5, 5),
  /** Cars keep to 12 m/s on county roads and slow down on narrow village roads. */
  CAR(12, 8);

  private final double countyMps;
  private final double villageMps;

  Vehicle(double countyMps, double villageMps) {
    this.countyMps = countyMps;
    this.villageMps = villageMps;
  }

  double speedOn(RoadKind kind) {
    return kind == RoadKind.COUNTY ? countyMps : villageMps;
  }

  /** Driving to an incident and back: straight across country at county-road car speed. */
  static double responseSpeed() {
    return CAR.countyMps;
  }
}
