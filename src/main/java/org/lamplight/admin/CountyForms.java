package org.lamplight.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.lamplight.console.ApiError;
import org.lamplight.county.Bundle;
import org.lamplight.county.CountyKind;
import org.lamplight.county.GeoJson;
import org.lamplight.county.Problem;
import org.lamplight.domain.area.Area;
import org.lamplight.domain.area.AreaLevel;
import org.lamplight.domain.geo.GeoPoint;
import org.lamplight.domain.org.Device;
import org.lamplight.domain.org.Office;
import org.lamplight.domain.org.Station;
import org.lamplight.domain.org.UnitKind;
import org.lamplight.domain.org.Workstation;

/**
 * The county's objects as the API takes them: a JSON body (its types already checked against
 * openapi.yaml) becomes the value its bundle row would; the county's rules are the validator's.
 * The API's fields are the bundle's columns, in camel case ({@code deviceId}, {@code personId});
 * an area's polygon is {@code shape}.
 */
final class CountyForms {

  /** Bundle columns whose API field has another name. */
  private static final Map<String, String> FIELDS = Map.of("device_id", "deviceId", "person_id", "personId",
      "geometry", "shape");

  private CountyForms() {
  }

  /** The object {@code body} describes; {@code code} (from the path) wins over the body's for an update. */
  static Object parse(CountyKind kind, JsonObject body, String code) {
    return switch (kind) {
      case AREAS -> new Area(code(body, "code", code), body.getString("name"), level(body), body.getString("parent"),
          shape(body));
      case STATIONS -> new Station(code(body, "code", code), body.getString("name"), point(body),
          strings(body, "townships"));
      case OFFICES -> new Office(code(body, "code", code), body.getString("name"), body.getString("station"), point(body),
          strings(body, "villages"));
      case WORKSTATIONS -> new Workstation(code(body, "code", code), body.getString("name"), body.getString("office"),
          body.getString("village"), point(body));
      case PEOPLE -> new Bundle.PersonRow(0, code(body, "id", code), body.getString("name"),
          UnitKind.fromWire(body.getString("kind")), body.getString("phone", ""), body.getString("post"));
      case DEVICES -> new Device(code(body, "deviceId", code), body.getString("personId"));
    };
  }

  /** The API field a bundle rule's problem is about. */
  static String field(Problem p) {
    return p.field().isEmpty() ? null : FIELDS.getOrDefault(p.field(), p.field());
  }

  /** The problems of one object, each with its API field. */
  static JsonArray problems(List<Problem> problems) {
    JsonArray out = new JsonArray();
    problems.forEach(p -> out.add(new JsonObject().put("field", field(p)).put("message", p.message())));
    return out;
  }

  private static String code(JsonObject body, String field, String fromPath) {
    String code = fromPath != null ? fromPath : body.getString(field);
    if (code == null || code.isBlank()) {
      throw ApiError.invalid(field, "'" + field + "' is required", new JsonArray());
    }
    return code.trim();
  }

  private static AreaLevel level(JsonObject body) {
    return AreaLevel.fromWire(body.getString("level"));
  }

  private static GeoPoint point(JsonObject body) {
    return new GeoPoint(body.getDouble("lat"), body.getDouble("lon"));
  }

  private static List<String> strings(JsonObject body, String field) {
    return body.getJsonArray(field, new JsonArray()).stream().map(String::valueOf).map(String::trim)
        .filter(s -> !s.isEmpty()).toList();
  }

  private static org.locationtech.jts.geom.Geometry shape(JsonObject body) {
    try {
      return GeoJson.polygonal(body.getJsonObject("shape"));
    } catch (GeoJson.InvalidGeometryException e) {
      throw ApiError.invalid("shape", e.getMessage(), new JsonArray().add(new JsonObject().put("field", "shape")
          .put("message", e.getMessage())));
    }
  }
}
