package org.lamplight.domain.road;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lamplight.domain.geo.GeoPoint;
import org.lamplight.domain.org.CountyGenerator;
import org.lamplight.domain.org.Road;
import org.lamplight.domain.org.Road.RoadKind;

class RoadNetworkTest {

  static final GeoPoint A = new GeoPoint(33.70, 114.40);
  static final GeoPoint B = new GeoPoint(33.70, 114.41);
  static final GeoPoint C = new GeoPoint(33.71, 114.41);

  @Test
  void roadsJoinWhereTheyShareAVertex() {
    RoadNetwork net = RoadNetwork.of(List.of(
        new Road("R1", "county", RoadKind.COUNTY, List.of(A, B)),
        new Road("R2", "village", RoadKind.VILLAGE, List.of(B, C))));

    assertThat(net.size()).isEqualTo(3);
    int b = net.nearestNode(new GeoPoint(33.7001, 114.4101));
    assertThat(net.node(b)).isEqualTo(B);
    assertThat(net.neighbours(b)).hasSize(2);
    assertThat(net.kind(b, net.nearestNode(A))).isEqualTo(RoadKind.COUNTY);
    assertThat(net.kind(b, net.nearestNode(C))).isEqualTo(RoadKind.VILLAGE);
    assertThatThrownBy(() -> net.kind(net.nearestNode(A), net.nearestNode(C))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void verticesTenCentimetresApartAreOneNodeAndARepeatedVertexMakesNoSegment() {
    GeoPoint nearlyB = new GeoPoint(B.lat() + 4e-7, B.lon() - 4e-7);
    RoadNetwork net = RoadNetwork.of(List.of(
        new Road("R1", "county", RoadKind.COUNTY, List.of(A, B, B)),
        new Road("R2", "village", RoadKind.VILLAGE, List.of(nearlyB, C))));

    assertThat(net.size()).isEqualTo(3);
    assertThat(net.neighbours(net.nearestNode(B))).hasSize(2);
  }

  @Test
  void aStretchTwoRoadsShareIsOneSegment() {
    RoadNetwork net = RoadNetwork.of(List.of(
        new Road("R1", "county", RoadKind.COUNTY, List.of(A, B)),
        new Road("R2", "village", RoadKind.VILLAGE, List.of(B, A, C))));

    assertThat(net.neighbours(net.nearestNode(A))).hasSize(2);
    assertThat(net.kind(net.nearestNode(A), net.nearestNode(B))).isEqualTo(RoadKind.COUNTY);
  }

  @Test
  void theNearestRoadPointIsFoundPastAFartherRoadWhoseBoundsAreNearer() {
    // a diagonal road 300/√2 = 212 m from the origin, whose bounding box holds the origin,
    // and a road whose nearest point (120 m east, 150 m south) is 192 m away
    RoadNetwork net = RoadNetwork.of(List.of(
        new Road("diagonal", "x", RoadKind.VILLAGE, List.of(TestRoads.at(-1000, -700), TestRoads.at(1000, 1300))),
        new Road("south", "y", RoadKind.VILLAGE, List.of(TestRoads.at(120, -150), TestRoads.at(500, -150)))));

    RoadNetwork.RoadPoint nearest = net.nearestRoadPoint(TestRoads.ORIGIN.lat(), TestRoads.ORIGIN.lon(), 2000).orElseThrow();

    assertThat(nearest.offRoadM()).isCloseTo(Math.hypot(120, 150), within(0.5));
    assertThat(nearest.fraction()).isZero();
    assertThat(net.nearestRoadPoint(TestRoads.ORIGIN.lat(), TestRoads.ORIGIN.lon(), 190)).isEmpty();
  }

  @Test
  void theDemoCountyRoadsAreOneConnectedNetwork() {
    RoadNetwork net = RoadNetwork.of(new CountyGenerator(20240601).generate().roads());
    BitSet seen = new BitSet();
    Deque<Integer> todo = new ArrayDeque<>(List.of(0));
    seen.set(0);
    while (!todo.isEmpty()) {
      for (int n : net.neighbours(todo.pop())) {
        if (!seen.get(n)) {
          seen.set(n);
          todo.push(n);
        }
      }
    }
    assertThat(seen.cardinality()).isEqualTo(net.size());
  }
}
