package org.lamplight.alert;

import io.vertx.core.json.JsonObject;
import org.lamplight.domain.alert.Alert;
import org.lamplight.domain.alert.AlertLevel;
import org.lamplight.domain.alert.NewAlert;

/** An alert as nodes pass it to each other on {@link AlertBus#CHANGED}; clients see the console's view of it. */
public final class AlertJson {

  private AlertJson() {
  }

  public static JsonObject toJson(Alert a) {
    NewAlert r = a.raised();
    JsonObject j = new JsonObject().put("id", a.id()).put("at", a.atMs()).put("level", r.level().wire())
        .put("kind", r.kind()).put("code", r.code()).put("params", new JsonObject(r.params())).put("message", r.message())
        .put("stationId", r.stationId()).put("incidentId", r.incidentId()).put("unitId", r.unitId())
        .put("villageCode", r.villageCode()).put("key", r.key());
    if (a.isAcknowledged()) {
      j.put("acknowledgedBy", a.acknowledged().by()).put("acknowledgedAt", a.acknowledged().atMs());
    }
    return j;
  }

  public static Alert fromJson(JsonObject j) {
    NewAlert raised = new NewAlert(AlertLevel.fromWire(j.getString("level")), j.getString("kind"), j.getString("code"),
        j.getJsonObject("params", new JsonObject()).getMap(), j.getString("message"), j.getString("stationId"),
        j.getString("incidentId"), j.getString("unitId"), j.getString("villageCode"), j.getString("key"));
    String by = j.getString("acknowledgedBy");
    return new Alert(j.getLong("id"), j.getLong("at"), raised,
        by == null ? null : new Alert.Acknowledgement(by, j.getLong("acknowledgedAt")));
  }
}
