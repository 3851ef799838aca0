package org.lamplight.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.lamplight.domain.geo.GeoPoint;

class LegTest {

  private static final GeoPoint START = new GeoPoint(33.79, 114.53);

  @Test
  void coversSpeedTimesTimeAndReportsTheTimeLeftOverAtTheEnd() {
    GeoPoint north = new GeoPoint(33.80, 114.53);
    double length = START.distanceTo(north);
    Leg leg = new Leg(START, north, 10);

    assertThat(leg.advance(20)).isZero();
    assertThat(START.distanceTo(leg.position())).isCloseTo(200, within(0.5));
    assertThat(leg.motion().speedMps()).isEqualTo(10);
    assertThat(leg.secondsLeft()).isCloseTo(length / 10 - 20, within(1e-6));

    double left = leg.advance(length / 10);
    assertThat(leg.arrived()).isTrue();
    assertThat(left).isCloseTo(20, within(1e-6));
    assertThat(leg.position()).isEqualTo(north);
    assertThat(leg.motion().speedMps()).isZero();
  }

  @Test
  void headingIsClockwiseFromNorth() {
    assertThat(Leg.bearingDeg(START, new GeoPoint(33.80, 114.53))).isCloseTo(0, within(0.01));
    assertThat(Leg.bearingDeg(START, new GeoPoint(33.79, 114.54))).isCloseTo(90, within(0.01));
    assertThat(Leg.bearingDeg(START, new GeoPoint(33.78, 114.53))).isCloseTo(180, within(0.01));
    assertThat(Leg.bearingDeg(START, new GeoPoint(33.79, 114.52))).isCloseTo(270, within(0.01));
  }

  @Test
  void aLegOfNoLengthIsArrivedAtOnceAndGivesAllTheTimeBack() {
    Leg leg = new Leg(START, START, 5);
    assertThat(leg.advance(3)).isEqualTo(3);
    assertThat(leg.arrived()).isTrue();
  }
}
