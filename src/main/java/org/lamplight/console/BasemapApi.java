package org.lamplight.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.lamplight.county.GeoJson;
import org.lamplight.domain.geo.GeoPoint;
import java.time.ZoneId;
import java.util.function.Supplier;
import org.lamplight.domain.org.County;
import org.lamplight.domain.org.CurrentCounty;

/**
 * The built-in vector basemap (township and village polygons, roads, police sites) as GeoJSON, so
 * the console has a map with no tile server and no internet; and the console's settings.
 */
public final class BasemapApi implements ApiRoutes {

  private final Supplier<String> basemap;
  private final Supplier<JsonObject> settings;

  /** Both follow the county as it changes; zone is the county's time zone, in which its days begin. */
  public BasemapApi(CurrentCounty county, String tileUrl, long tickMs, ZoneId zone) {
    this.basemap = county.derived(c -> geoJson(c).encode());
    this.settings = county.derived(c -> new JsonObject().put("tileUrl", tileUrl).put("tick", tickMs)
        .put("timeZone", zone.getId())
        .put("county", new JsonObject().put("name", c.name()).put("center", Views.point(c.center()))));
  }

  @Override
  public void mount(Router api) {
    api.get("/basemap").handler(ctx -> ctx.response().putHeader("content-type", "application/geo+json; charset=utf-8")
        .putHeader("cache-control", "no-cache").end(basemap.get()));
    api.get("/console/settings").handler(ctx -> Requests.json(ctx, 200, settings.get()));
  }

  static JsonObject geoJson(County c) {
    JsonArray features = new JsonArray();
    c.townships().forEach(t -> features.add(feature("township", t.code(), t.name(), GeoJson.geometry(t.shape()))
        .put("properties", new JsonObject().put("layer", "township").put("id", t.code()).put("name", t.name())
            .put("kind", c.isUrban(t) ? "subdistrict" : "township"))));
    c.villages().forEach(v -> features.add(feature("village", v.code(), v.name(), GeoJson.geometry(v.shape()))
        .put("properties", new JsonObject().put("layer", "village").put("id", v.code()).put("name", v.name())
            .put("kind", v.level().wire()))));
    c.roads().forEach(r -> features.add(feature("road", r.id(), r.name(), GeoJson.lineString(r.points()))
        .put("properties", new JsonObject().put("layer", "road").put("id", r.id()).put("name", r.name())
            .put("kind", r.kind().name().toLowerCase()))));
    c.stations().forEach(s -> features.add(feature("station", s.id(), s.name(), point(s.location()))));
    c.offices().forEach(o -> features.add(feature("office", o.id(), o.name(), point(o.location()))));
    c.workstations().forEach(w -> features.add(feature("workstation", w.id(), w.name(), point(w.location()))));
    return new JsonObject().put("type", "FeatureCollection").put("features", features);
  }

  private static JsonObject feature(String layer, String id, String name, JsonObject geometry) {
    return new JsonObject().put("type", "Feature").put("geometry", geometry)
        .put("properties", new JsonObject().put("layer", layer).put("id", id).put("name", name));
  }

  /** GeoJSON positions are [lon, lat]. */
  private static JsonObject point(GeoPoint p) {
    return new JsonObject().put("type", "Point").put("coordinates", new JsonArray().add(p.lon()).add(p.lat()));
  }
}
