package org.lamplight.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.lamplight.console.Views.UnitPart;
import org.lamplight.domain.geo.GeoPoint;
import org.lamplight.domain.org.Person;
import org.lamplight.domain.org.UnitKind;
import org.lamplight.domain.tracking.FixSource;
import org.lamplight.domain.tracking.OrderChannel;
import org.lamplight.domain.tracking.PositionFix;
import org.lamplight.domain.tracking.UnitView;

class UnitChangesTest {

  private static final Person WANG = new Person("aux-0001", "王伟", UnitKind.AUXILIARY, "13800000001", "W1", "O1", "S01",
      new GeoPoint(33.7, 114.4));
  private static final double NONE = PositionFix.ABSENT;

  private static PositionFix fix(double lat, long ts, double acc, FixSource source) {
    return new PositionFix("dev-1", lat, 114.4, ts, acc, NONE, NONE, NONE, NONE, source);
  }

  private static UnitView unit(Person person, PositionFix fix, String state, String incidentId) {
    return new UnitView(person, "dev-1", OrderChannel.NONE, fix, true, true, false, fix == null ? 0 : fix.timestampMs() + 5,
        state, incidentId, 1, false);
  }

  private static UnitView unit() {
    return unit(WANG, fix(33.7, 1_000, NONE, FixSource.OWNTRACKS), "available", null);
  }

  @Test
  void aMoveCarriesTheIdTheFixAndWhenItWasHeardOnly() {
    UnitView moved = unit(WANG, fix(33.71, 2_000, 8, FixSource.OWNTRACKS), "available", null);
    // lat, lon, ts, acc; the rest is absent, and the source is the one the console holds
    assertThat(Views.unitChanges(unit(), moved).entry()).isEqualTo(new JsonObject().put("id", "aux-0001").put("lastSeen", 2_005L)
        .put("fix", new JsonArray().add(33.71).add(114.4).add(2_000L).add(8.0)));
  }

  @Test
  void aFixFromAnotherSourceSaysSoAndAGapIsNull() {
    UnitView moved = unit(WANG, fix(33.71, 2_000, NONE, FixSource.OSMAND), "available", null);
    assertThat(Views.unitChanges(unit(), moved).entry().getJsonArray("fix"))
        .containsExactly(33.71, 114.4, 2_000L, null, null, null, null, null, "osmand");
  }

  @Test
  void aFieldThatBecameNullIsSentAsNull() {
    JsonObject cleared = Views.unitChanges(unit(WANG, unit().fix(), "assigned", "i-1"), unit()).entry();
    assertThat(cleared.fieldNames()).containsExactlyInAnyOrder("id", "incidentId", "status");
    assertThat(cleared.getValue("incidentId")).isNull();
    assertThat(cleared.encode()).contains("\"incidentId\":null");
    assertThat(Views.unitChanges(unit(), unit(WANG, null, "available", null)).entry().encode())
        .isEqualTo("{\"id\":\"aux-0001\",\"lastSeen\":null,\"fix\":null}");
  }

  @Test
  void aStaticFieldIsSentWhenItChanges() {
    Person moved = new Person("aux-0001", "王伟东", UnitKind.AUXILIARY, "13800000001", "W1", "O1", "S02",
        new GeoPoint(33.7, 114.4));
    UnitView renamed = unit(moved, unit().fix(), "available", null);
    assertThat(Views.unitChanges(unit(), renamed).entry()).isEqualTo(new JsonObject().put("id", "aux-0001").put("name", "王伟东")
        .put("stationId", "S02"));
    assertThat(Views.unitChanges(unit(), unit(moved, unit().fix(), "busy", null)).parts())
        .containsExactlyInAnyOrder(UnitPart.IDENTITY, UnitPart.STATE);
  }

  @Test
  void nothingChangedIsNothingToSend() {
    assertThat(Views.unitChanges(unit(), unit())).isNull();
  }

  @Test
  void aCatchUpEntryCarriesTheGivenPartsWholeWithTheSource() {
    JsonObject entry = Views.unitEntry(unit(), EnumSet.of(UnitPart.STATE, UnitPart.MOVE));
    assertThat(entry.fieldNames()).containsExactlyInAnyOrder("id", "status", "online", "onDuty", "sos", "incidentId",
        "lastSeen", "fix");
    assertThat(entry.getJsonArray("fix")).containsExactly(33.7, 114.4, 1_000L, null, null, null, null, null, "owntracks");
    assertThat(Views.unitEntry(unit(), EnumSet.of(UnitPart.IDENTITY)).fieldNames())
        .containsExactlyInAnyOrder("id", "name", "phone", "kind", "deviceId", "channel", "workstationId", "officeId",
            "stationId", "home");
  }
}
