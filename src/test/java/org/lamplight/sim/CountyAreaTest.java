package org.lamplight.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.lamplight.domain.geo.GeoPoint;

class CountyAreaTest {

  /** Two townships as /api/org gives them: an L-shaped county with its north-east corner missing. */
  static final JsonObject ORG = new JsonObject().put("townships", new JsonArray()
      .add(township(33.70, 114.40, 33.75, 114.50))
      .add(township(33.75, 114.40, 33.80, 114.45)));

  private static JsonObject township(double lat0, double lon0, double lat1, double lon1) {
    return new JsonObject().put("outline", new JsonArray().add(new JsonArray().add(lat0).add(lon0))
        .add(new JsonArray().add(lat0).add(lon1)).add(new JsonArray().add(lat1).add(lon1))
        .add(new JsonArray().add(lat1).add(lon0)).add(new JsonArray().add(lat0).add(lon0)));
  }

  @Test
  void randomPlacesFallInsideSomeTownshipAndCoverThemAll() {
    CountyArea county = CountyArea.fromOrg(ORG);
    Random random = new Random(5);
    int north = 0;
    for (int i = 0; i < 2000; i++) {
      GeoPoint p = county.randomPoint(random);
      assertThat(p.lat() < 33.75 || p.lon() < 114.45).as("%s is in the missing corner", p).isTrue();
      if (p.lat() >= 33.75) {
        north++;
      }
    }
    // the northern township is a third of the area
    assertThat(north).isBetween(560, 780);
  }

  @Test
  void containsFollowsTheOutlines() {
    CountyArea county = CountyArea.fromOrg(ORG);
    assertThat(county.contains(33.72, 114.48)).isTrue();
    assertThat(county.contains(33.78, 114.42)).isTrue();
    assertThat(county.contains(33.78, 114.48)).isFalse();
    assertThat(county.contains(33.60, 114.42)).isFalse();
  }
}
