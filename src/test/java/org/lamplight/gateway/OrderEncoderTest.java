package org.lamplight.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.lamplight.domain.dispatch.Caller;
import org.lamplight.domain.dispatch.IncidentType;
import org.lamplight.domain.dispatch.Order;
import org.lamplight.domain.dispatch.OrderAction;
import org.lamplight.domain.dispatch.Travel;

class OrderEncoderTest {

  private static Order order(OrderAction action, long expiresAt, Travel travel, Caller caller) {
    return new Order("ord-000187", "inc-000042", "20261129-0042", action, IncidentType.FIRE, 2, 51.5031, -0.1276,
        "Barn fire", expiresAt, travel, caller);
  }

  @Test
  void anOfferCarriesTheIncidentItsDeadlineAndTheWayButNoCaller() {
    JsonObject offer = new JsonObject(OrderEncoder.encode(order(OrderAction.OFFER, 1_700_000_090_000L,
        new Travel(372_000, 3240, true), Caller.NONE)));

    assertThat(offer.getMap()).containsEntry("orderId", "ord-000187").containsEntry("incidentNumber", "20261129-0042")
        .containsEntry("action", "offer").containsEntry("type", "fire").containsEntry("severity", 2)
        .containsEntry("expiresAt", 1_700_000_090_000L).doesNotContainKey("caller");
    assertThat(offer.getJsonObject("travel")).isEqualTo(new JsonObject().put("etaMs", 372_000).put("distanceM", 3240)
        .put("byRoad", true));
  }

  @Test
  void anUpdateToTheUnitOnTheJobNamesTheCallerAndHisPhone() {
    JsonObject update = new JsonObject(OrderEncoder.encode(order(OrderAction.UPDATE, 0, null,
        new Caller("王先生", "13800000000"))));

    assertThat(update.getString("action")).isEqualTo("update");
    assertThat(update.getJsonObject("caller").getMap()).containsEntry("name", "王先生")
        .containsEntry("phone", "13800000000");
    assertThat(update.getMap()).doesNotContainKeys("expiresAt", "travel");
  }

  @Test
  void aLocateCarriesNothingAboutTheIncident() {
    JsonObject locate = new JsonObject(OrderEncoder.encode(order(OrderAction.LOCATE, 0, null,
        new Caller("王先生", "13800000000"))));

    assertThat(locate.fieldNames()).containsExactlyInAnyOrder("orderId", "incidentId", "incidentNumber", "action");
  }
}
