package org.lamplight.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.lamplight.console.Views.UnitPart;

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

  @Test
  void anEntryCarriesThePositionAsAFixArrayWithoutTrailingNullsOrAnUnchangedSource() {
    JsonObject before = unit();
    before.getJsonObject("position").put("source", "owntracks");
    JsonObject moved = unit().put("position", new JsonObject().put("lat", 33.71).put("lon", 114.4).put("ts", 2_000L)
        .put("acc", 8.0).put("source", "owntracks"));
    JsonObject changes = Views.unitChanges(before, moved).orElseThrow();
    assertThat(Views.unitEntry(changes, EnumSet.allOf(UnitPart.class), before))
        .isEqualTo(new JsonObject().put("id", "aux-0001").put("fix", new JsonArray().add(33.71).add(114.4).add(2_000L).add(8.0)));
    // the console does not know what it holds: the source goes too, and a gap before it is null
    assertThat(Views.unitEntry(moved, EnumSet.of(UnitPart.MOVE), null).getJsonArray("fix"))
        .containsExactly(33.71, 114.4, 2_000L, 8.0, null, null, null, null, "owntracks");
  }

  @Test
  void anEntryCarriesOnlyTheGivenParts() {
    JsonObject entry = Views.unitEntry(unit(), EnumSet.of(UnitPart.STATE), null);
    assertThat(entry.fieldNames()).containsExactlyInAnyOrder("id", "status", "online", "incidentId");
    assertThat(Views.partsOf(Views.unitChanges(unit(), unit().put("name", "王伟东").put("status", "busy")).orElseThrow()))
        .containsExactlyInAnyOrder(UnitPart.IDENTITY, UnitPart.STATE);
  }

  @Test
  void aPositionThatBecameNullIsANullFix() {
    JsonObject entry = Views.unitEntry(unit().put("position", null), EnumSet.of(UnitPart.MOVE), unit());
    assertThat(entry.containsKey("fix")).isTrue();
    assertThat(entry.getValue("fix")).isNull();
  }
}
