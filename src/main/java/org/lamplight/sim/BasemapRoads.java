package org.lamplight.sim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.lamplight.domain.geo.GeoPoint;
import org.lamplight.domain.org.Road;
import org.lamplight.domain.org.Road.RoadKind;

/** The roads of a basemap from {@code GET /api/basemap}: LineString features whose layer is "road". */
final class BasemapRoads {

  private BasemapRoads() {
  }

  static List<Road> of(JsonObject featureCollection) {
    List<Road> roads = new ArrayList<>();
    for (Object f : featureCollection.getJsonArray("features")) {
      JsonObject feature = (JsonObject) f;
      JsonObject props = feature.getJsonObject("properties");
      JsonObject geometry = feature.getJsonObject("geometry");
      if (props == null || geometry == null || !"road".equals(props.getString("layer"))
          || !"LineString".equals(geometry.getString("type"))) {
        continue;
      }
      List<GeoPoint> points = new ArrayList<>();
      for (Object c : geometry.getJsonArray("coordinates")) {
        JsonArray lonLat = (JsonArray) c; // GeoJSON positions are [lon, lat]
        points.add(new GeoPoint(lonLat.getDouble(1), lonLat.getDouble(0)));
      }
      roads.add(new Road(props.getString("id", "road-" + roads.size()), props.getString("name", ""),
          kind(props.getString("kind", "")), points));
    }
    return roads;
  }

  /** A road of a kind the simulator does not know is driven like a village road. */
  private static RoadKind kind(String wire) {
    String lower = wire.toLowerCase(Locale.ROOT);
    return Arrays.stream(RoadKind.values()).filter(k -> k.wire().equals(lower)).findFirst()
        .orElse(RoadKind.VILLAGE);
  }
}
