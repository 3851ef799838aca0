package org.lamplight.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
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
  void theBasemapGivesItsRoadsInLonLatOrderAndNothingElse() {
    JsonObject basemap = new JsonObject("""
        {"type":"FeatureCollection","features":[
          {"type":"Feature","geometry":{"type":"LineString","coordinates":[[114.40,33.70],[114.41,33.70]]},
           "properties":{"layer":"road","id":"R1","name":"x","kind":"county"}},
          {"type":"Feature","geometry":{"type":"Point","coordinates":[114.40,33.70]},
           "properties":{"layer":"village","id":"V1","name":"y"}},
          {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[114.4,33.7],[114.5,33.7],[114.5,33.8],[114.4,33.7]]]},
           "properties":{"layer":"township","id":"T1","name":"z"}}]}""");
    RoadNetwork net = RoadNetwork.fromBasemap(basemap);

    assertThat(net.size()).isEqualTo(2);
    assertThat(net.node(net.nearestNode(A))).isEqualTo(A);
    assertThat(net.kind(0, 1)).isEqualTo(RoadKind.COUNTY);
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
