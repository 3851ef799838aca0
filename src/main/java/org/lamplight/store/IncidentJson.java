package org.lamplight.store;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.lamplight.domain.dispatch.Assignment;
import org.lamplight.domain.dispatch.AssignmentStatus;
import org.lamplight.domain.dispatch.Caller;
import org.lamplight.domain.dispatch.DispatchException;
import org.lamplight.domain.dispatch.EventKind;
import org.lamplight.domain.dispatch.Incident;
import org.lamplight.domain.dispatch.IncidentEdit;
import org.lamplight.domain.dispatch.IncidentEvent;
import org.lamplight.domain.dispatch.IncidentSource;
import org.lamplight.domain.dispatch.IncidentStatus;
import org.lamplight.domain.dispatch.IncidentType;
import org.lamplight.domain.dispatch.NotifiedParty;
import org.lamplight.domain.dispatch.NotifyTarget;
import org.lamplight.domain.dispatch.ShortfallReason;
import org.lamplight.domain.dispatch.Travel;
import org.lamplight.domain.geo.GeoPoint;
import org.lamplight.domain.org.UnitKind;

/**
 * The stored form of an incident (the {@code incidents.state} snapshot dispatch resumes from)
 * and of a timeline entry; and of a dispatcher's correction, as the API takes it. Nodes of a cluster pass incidents to each other in the same form.
 * Not what clients see: the console's views author that.
 */
public final class IncidentJson {

  private IncidentJson() {
  }

  public static JsonObject toJson(Incident i) {
    JsonArray assignments = new JsonArray();
    i.assignments().forEach(a -> assignments.add(new JsonObject()
        .put("unitId", a.unitId()).put("deviceId", a.deviceId()).put("kind", a.kind().wire()).put("orderId", a.orderId())
        .put("status", a.status().wire()).put("offeredAt", a.offeredAtMs()).put("expiresAt", a.expiresAtMs())
        .put("updatedAt", a.updatedAtMs()).put("reason", a.reason()).put("byPhone", a.byPhone())
        .put("unreachable", a.unreachable()).put("travel", a.travel() == null ? null : new JsonObject()
            .put("etaMs", a.travel().etaMs()).put("distanceM", a.travel().distanceM()).put("byRoad", a.travel().byRoad()))));
    JsonArray notified = new JsonArray();
    i.notified().forEach(n -> notified.add(new JsonObject().put("target", n.target().wire()).put("id", n.id())));
    return new JsonObject()
        .put("id", i.id()).put("number", i.number()).put("type", i.type().wire()).put("severity", i.severity())
        .put("status", i.status().wire()).put("level", i.level()).put("lat", i.lat()).put("lon", i.lon())
        .put("description", i.description()).put("source", i.source().wire()).put("reportedBy", i.reportedBy())
        .put("createdAt", i.createdAtMs()).put("updatedAt", i.updatedAtMs())
        .put("shortfall", i.shortfall() == null ? null : i.shortfall().wire())
        .put("levelsExhausted", i.levelsExhausted()).put("notified", notified).put("seq", i.seq())
        .put("escalateAt", i.escalateAtMs()).put("remindAt", i.remindAtMs())
        .put("assignments", assignments)
        .put("caller", i.caller().isNone() ? null : new JsonObject().put("name", i.caller().name())
            .put("phone", i.caller().phone()));
  }

  public static Incident fromJson(JsonObject j) {
    List<Assignment> assignments = new ArrayList<>();
    for (Object o : j.getJsonArray("assignments", new JsonArray())) {
      JsonObject a = (JsonObject) o;
      assignments.add(new Assignment(a.getString("unitId"), a.getString("deviceId"), UnitKind.fromWire(a.getString("kind")),
          a.getString("orderId"), AssignmentStatus.fromWire(a.getString("status")), a.getLong("offeredAt"),
          a.getLong("expiresAt"), a.getLong("updatedAt"), a.getString("reason"), a.getBoolean("byPhone", false),
          a.getBoolean("unreachable", false), travel(a.getJsonObject("travel"))));
    }
    Set<NotifiedParty> notified = new LinkedHashSet<>();
    for (Object o : j.getJsonArray("notified", new JsonArray())) {
      JsonObject n = (JsonObject) o;
      notified.add(new NotifiedParty(NotifyTarget.fromWire(n.getString("target")), n.getString("id")));
    }
    String shortfall = j.getString("shortfall");
    return new Incident(j.getString("id"), j.getString("number"), IncidentType.fromWire(j.getString("type")), j.getInteger("severity"),
        j.getDouble("lat"), j.getDouble("lon"), j.getString("description"), IncidentSource.fromWire(j.getString("source")),
        j.getString("reportedBy"), IncidentStatus.fromWire(j.getString("status")), j.getInteger("level"),
        j.getLong("createdAt"), j.getLong("updatedAt"), assignments,
        shortfall == null ? null : ShortfallReason.fromWire(shortfall), j.getBoolean("levelsExhausted", false),
        notified, j.getLong("seq"), j.getLong("escalateAt", 0L), j.getLong("remindAt", 0L), caller(j.getJsonObject("caller")));
  }

  private static Caller caller(JsonObject j) {
    return j == null ? Caller.NONE : new Caller(j.getString("name"), j.getString("phone"));
  }

  private static Travel travel(JsonObject j) {
    return j == null ? null : new Travel(j.getLong("etaMs"), j.getLong("distanceM"), j.getBoolean("byRoad"));
  }

  public static JsonObject toJson(IncidentEvent e) {
    return new JsonObject().put("incidentId", e.incidentId()).put("seq", e.seq()).put("at", e.atMs())
        .put("kind", e.kind().wire()).put("unitId", e.unitId()).put("actor", e.actor())
        .put("details", new JsonObject(e.details()));
  }

  public static IncidentEvent eventFromJson(JsonObject j) {
    return new IncidentEvent(j.getString("incidentId"), j.getLong("seq"), j.getLong("at"),
        EventKind.fromWire(j.getString("kind")), j.getString("unitId"), j.getString("actor"),
        j.getJsonObject("details", new JsonObject()).getMap());
  }

  /** {@code {type, severity, lat, lon, description}}, each optional; lat and lon go together. */
  public static JsonObject editToJson(IncidentEdit edit) {
    JsonObject j = new JsonObject();
    edit.type().ifPresent(t -> j.put("type", t.wire()));
    edit.severity().ifPresent(s -> j.put("severity", s));
    edit.place().ifPresent(p -> j.put("lat", p.lat()).put("lon", p.lon()));
    edit.description().ifPresent(d -> j.put("description", d));
    return j;
  }

  public static IncidentEdit editFromJson(JsonObject j) {
    Double lat = j.getDouble("lat");
    Double lon = j.getDouble("lon");
    if ((lat == null) != (lon == null)) {
      throw new DispatchException(DispatchException.Code.INVALID_REQUEST, "a new place needs both 'lat' and 'lon'");
    }
    return new IncidentEdit(Optional.ofNullable(j.getString("type")).map(IncidentType::fromWire),
        Optional.ofNullable(j.getInteger("severity")), Optional.ofNullable(lat).map(la -> new GeoPoint(la, lon)),
        Optional.ofNullable(j.getString("description")));
  }
}
