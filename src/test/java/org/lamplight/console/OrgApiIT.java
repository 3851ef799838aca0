package org.lamplight.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.TestNode;

/** The county and its units as the API shows them, on the demo county. */
class OrgApiIT {

  static TestNode node;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void unitsListTheDemoCountysAuxiliariesAndOfficers() {
    var r = node.get("/api/units");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonArray units = r.bodyAsJsonArray();
    assertThat(units.stream().map(JsonObject.class::cast).filter(u -> "auxiliary".equals(u.getString("kind")))).hasSize(452);
    assertThat(units.stream().map(JsonObject.class::cast).filter(u -> "officer".equals(u.getString("kind")))).hasSize(64);
    JsonObject first = units.getJsonObject(0);
    assertThat(first.fieldNames()).contains("id", "name", "kind", "deviceId", "workstationId", "officeId", "stationId",
        "home", "status", "position");
  }

  @Test
  void orgIsTheHierarchy() {
    JsonObject org = node.get("/api/org").bodyAsJsonObject();
    assertThat(org.getJsonArray("townships")).hasSize(22);
    assertThat(org.getJsonArray("stations")).hasSize(20);
    int offices = org.getJsonArray("stations").stream().mapToInt(s -> ((JsonObject) s).getJsonArray("offices").size()).sum();
    assertThat(offices).isEqualTo(64);
  }
}
