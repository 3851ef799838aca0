package org.lamplight.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class UnitChangesTest {

  private static JsonObject unit() {
    return new JsonObject().put("id", "aux-0001").put("name", "王伟").put("phone", "13800000001").put("stationId", "S01")
        .put("status", "available").put("online", true).put("incidentId", null)
        .put("position", new JsonObject().put("lat", 33.7).put("lon", 114.4).put("ts", 1_000L));
  }

  @Test
  void aMoveCarriesTheIdAndTheNewPositionOnly() {
    JsonObject moved = unit().put("position", new JsonObject().put("lat", 33.71).put("lon", 114.4).put("ts", 2_000L));
    assertThat(Views.unitChanges(unit(), moved)).contains(new JsonObject().put("id", "aux-0001")
        .put("position", moved.getJsonObject("position")));
  }

  @Test
  void aFieldThatBecameNullIsSentAsNull() {
    JsonObject cleared = Views.unitChanges(unit().put("incidentId", "i-1").put("status", "assigned"), unit()).orElseThrow();
    assertThat(cleared.fieldNames()).containsExactlyInAnyOrder("id", "incidentId", "status");
    assertThat(cleared.containsKey("incidentId")).isTrue();
    assertThat(cleared.getValue("incidentId")).isNull();
    assertThat(cleared.encode()).contains("\"incidentId\":null");
  }

  @Test
  void aStaticFieldIsSentWhenItChanges() {
    JsonObject renamed = unit().put("name", "王伟东").put("stationId", "S02");
    assertThat(Views.unitChanges(unit(), renamed)).contains(new JsonObject().put("id", "aux-0001").put("name", "王伟东")
        .put("stationId", "S02"));
  }

  @Test
  void nothingChangedIsNothingToSend() {
    assertThat(Views.unitChanges(unit(), unit())).isEmpty();
  }
}
