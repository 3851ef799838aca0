package org.lamplight.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lamplight.domain.geo.GeoPoint;
import org.lamplight.domain.org.Road;
import org.lamplight.domain.org.Road.RoadKind;

class BasemapRoadsTest {

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

    assertThat(BasemapRoads.of(basemap)).containsExactly(new Road("R1", "x", RoadKind.COUNTY,
        List.of(new GeoPoint(33.70, 114.40), new GeoPoint(33.70, 114.41))));
  }

  @Test
  void townshipRoadsKeepTheirKindAndUnknownKindsAreDrivenAsVillageRoads() {
    JsonObject basemap = new JsonObject("""
        {"type":"FeatureCollection","features":[
          {"type":"Feature","geometry":{"type":"LineString","coordinates":[[114.40,33.70],[114.41,33.70]]},
           "properties":{"layer":"road","id":"R1","name":"x","kind":"Township"}},
          {"type":"Feature","geometry":{"type":"LineString","coordinates":[[114.41,33.70],[114.42,33.70]]},
           "properties":{"layer":"road","id":"R2","name":"y","kind":"track"}}]}""");

    assertThat(BasemapRoads.of(basemap)).extracting(Road::kind)
        .containsExactly(RoadKind.TOWNSHIP, RoadKind.VILLAGE);
  }
}
