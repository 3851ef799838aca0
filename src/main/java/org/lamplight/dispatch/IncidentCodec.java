package org.lamplight.dispatch;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.lamplight.domain.dispatch.Assignment;
import org.lamplight.domain.dispatch.AssignmentStatus;
import org.lamplight.domain.dispatch.Incident;
import org.lamplight.domain.dispatch.IncidentEvent;
import org.lamplight.domain.dispatch.IncidentSource;
import org.lamplight.domain.dispatch.IncidentStatus;
import org.lamplight.domain.dispatch.IncidentType;
import org.lamplight.domain.dispatch.NotifiedParty;
import org.lamplight.domain.dispatch.NotifyTarget;
import org.lamplight.domain.dispatch.Order;
import org.lamplight.domain.dispatch.ShortfallReason;
import org.lamplight.domain.org.UnitKind;

/**
 * Incidents, timeline entries and orders as JSON: the stored snapshot (from which dispatch
 * resumes after a restart), the API and console view, and the order a device receives.
 */
public final class IncidentCodec {

  private IncidentCodec() {
  }

  /** The full state, stored in {@code incidents.state} and read back by {@link #fromJson}. */
  public static JsonObject toJson(Incident i) {
    JsonArray assignments = new JsonArray();
    i.assignments().forEach(a -> assignments.add(new JsonObject()
        .put("unitId", a.unitId()).put("deviceId", a.deviceId()).put("kind", a.kind().wire()).put("orderId", a.orderId())
        .put("status", a.status().wire()).put("offeredAt", a.offeredAtMs()).put("expiresAt", a.expiresAtMs())
        .put("updatedAt", a.updatedAtMs()).put("reason", a.reason())));
    JsonArray notified = new JsonArray();
    i.notified().forEach(n -> notified.add(new JsonObject().put("target", n.target().wire()).put("id", n.id())));
    return new JsonObject()
        .put("id", i.id()).put("type", i.type().wire()).put("severity", i.severity())
        .put("status", i.status().wire()).put("level", i.level()).put("lat", i.lat()).put("lon", i.lon())
        .put("description", i.description()).put("source", i.source().wire()).put("reportedBy", i.reportedBy())
        .put("createdAt", i.createdAtMs()).put("updatedAt", i.updatedAtMs())
        .put("shortfall", i.shortfall() == null ? null : i.shortfall().wire())
        .put("levelsExhausted", i.levelsExhausted()).put("notified", notified).put("seq", i.seq())
        .put("assignments", assignments);
  }

  public static Incident fromJson(JsonObject j) {
    List<Assignment> assignments = new ArrayList<>();
    for (Object o : j.getJsonArray("assignments", new JsonArray())) {
      JsonObject a = (JsonObject) o;
      assignments.add(new Assignment(a.getString("unitId"), a.getString("deviceId"), UnitKind.fromWire(a.getString("kind")),
          a.getString("orderId"), AssignmentStatus.fromWire(a.getString("status")), a.getLong("offeredAt"),
          a.getLong("expiresAt"), a.getLong("updatedAt"), a.getString("reason")));
    }
    Set<NotifiedParty> notified = new LinkedHashSet<>();
    for (Object o : j.getJsonArray("notified", new JsonArray())) {
      JsonObject n = (JsonObject) o;
      notified.add(new NotifiedParty(NotifyTarget.fromWire(n.getString("target")), n.getString("id")));
    }
    String shortfall = j.getString("shortfall");
    return new Incident(j.getString("id"), IncidentType.fromWire(j.getString("type")), j.getInteger("severity"),
        j.getDouble("lat"), j.getDouble("lon"), j.getString("description"), IncidentSource.fromWire(j.getString("source")),
        j.getString("reportedBy"), IncidentStatus.fromWire(j.getString("status")), j.getInteger("level"),
        j.getLong("createdAt"), j.getLong("updatedAt"), assignments,
        shortfall == null ? null : ShortfallReason.fromWire(shortfall), j.getBoolean("levelsExhausted", false),
        notified, j.getLong("seq"));
  }

  /** What clients see: the stored state plus the covering station, without engine bookkeeping. */
  public static JsonObject view(Incident i, String stationId) {
    JsonObject v = toJson(i).put("stationId", stationId);
    v.remove("seq");
    v.remove("levelsExhausted");
    return v;
  }

  public static JsonObject event(IncidentEvent e) {
    return new JsonObject().put("seq", e.seq()).put("at", e.atMs()).put("event", e.kind().wire())
        .put("unitId", e.unitId()).put("actor", e.actor()).put("details", new JsonObject(e.details()));
  }

  /** The order as the device receives it on its orders topic. */
  public static JsonObject order(Order o) {
    JsonObject j = new JsonObject().put("orderId", o.orderId()).put("incidentId", o.incidentId())
        .put("action", o.action().wire()).put("type", o.type().wire()).put("severity", o.severity())
        .put("lat", o.lat()).put("lon", o.lon()).put("description", o.description());
    if (o.expiresAtMs() > 0) {
      j.put("expiresAt", o.expiresAtMs());
    }
    return j;
  }
}
