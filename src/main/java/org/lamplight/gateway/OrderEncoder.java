package org.lamplight.gateway;

import io.vertx.core.json.JsonObject;
import org.lamplight.domain.dispatch.Order;
import org.lamplight.domain.dispatch.OrderAction;

/**
 * An order as a Lamplight device receives it on its orders topic (docs/device-protocol.md). A
 * {@code locate} asks only for a fresh position, so it carries nothing more about the incident; the
 * caller's name and phone come only with an update to a unit that holds the job.
 */
public final class OrderEncoder {

  private OrderEncoder() {
  }

  public static String encode(Order o) {
    JsonObject j = new JsonObject().put("orderId", o.orderId()).put("incidentId", o.incidentId())
        .put("incidentNumber", o.incidentNumber()).put("action", o.action().wire());
    if (o.action() == OrderAction.LOCATE) {
      return j.encode();
    }
    j.put("type", o.type().wire()).put("severity", o.severity()).put("lat", o.lat()).put("lon", o.lon())
        .put("description", o.description());
    if (o.expiresAtMs() > 0) {
      j.put("expiresAt", o.expiresAtMs());
    }
    if (o.travel() != null) {
      j.put("travel", new JsonObject().put("etaMs", o.travel().etaMs()).put("distanceM", o.travel().distanceM())
          .put("byRoad", o.travel().byRoad()));
    }
    if (!o.caller().isNone()) {
      j.put("caller", new JsonObject().put("name", o.caller().name()).put("phone", o.caller().phone()));
    }
    return j.encode();
  }
}
