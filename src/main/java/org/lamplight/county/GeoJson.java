package org.lamplight.county;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.lamplight.domain.geo.GeoPoint;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

/**
 * GeoJSON geometries (RFC 7946) to and from JTS. GeoJSON positions are [longitude, latitude];
 * in JTS x is the longitude and y the latitude. Parsing checks the structure and the ranges and
 * says what is wrong; whether a polygon is valid (no self-intersection...) is the caller's check.
 */
public final class GeoJson {

  private static final GeometryFactory FACTORY = new GeometryFactory();

  private GeoJson() {
  }

  /** A malformed geometry; the message says what is wrong in plain words. */
  public static final class InvalidGeometryException extends Exception {
    InvalidGeometryException(String message) {
      super(message);
    }
  }

  /** A Polygon or MultiPolygon. */
  public static Geometry polygonal(JsonObject geometry) throws InvalidGeometryException {
    String type = type(geometry);
    JsonArray coordinates = array(geometry.getValue("coordinates"), "coordinates");
    if ("Polygon".equals(type)) {
      return polygon(coordinates, "");
    }
    if ("MultiPolygon".equals(type)) {
      if (coordinates.isEmpty()) {
        throw new InvalidGeometryException("a MultiPolygon needs at least one polygon");
      }
      Polygon[] parts = new Polygon[coordinates.size()];
      for (int i = 0; i < parts.length; i++) {
        parts[i] = polygon(array(coordinates.getValue(i), "polygon " + (i + 1)), "polygon " + (i + 1) + ", ");
      }
      return FACTORY.createMultiPolygon(parts);
    }
    throw new InvalidGeometryException("geometry type '" + type + "' is not a Polygon or MultiPolygon");
  }

  /** The lines of a LineString (one) or MultiLineString (one per part), as points. */
  public static List<List<GeoPoint>> lines(JsonObject geometry) throws InvalidGeometryException {
    String type = type(geometry);
    JsonArray coordinates = array(geometry.getValue("coordinates"), "coordinates");
    if ("LineString".equals(type)) {
      return List.of(line(coordinates, ""));
    }
    if ("MultiLineString".equals(type)) {
      List<List<GeoPoint>> out = new ArrayList<>();
      for (int i = 0; i < coordinates.size(); i++) {
        out.add(line(array(coordinates.getValue(i), "line " + (i + 1)), "line " + (i + 1) + ", "));
      }
      return out;
    }
    throw new InvalidGeometryException("geometry type '" + type + "' is not a LineString or MultiLineString");
  }

  /** A Polygon, MultiPolygon or LineString as a GeoJSON geometry. */
  public static JsonObject geometry(Geometry g) {
    if (g instanceof Polygon p) {
      return new JsonObject().put("type", "Polygon").put("coordinates", rings(p));
    }
    if (g instanceof MultiPolygon mp) {
      JsonArray polygons = new JsonArray();
      for (int i = 0; i < mp.getNumGeometries(); i++) {
        polygons.add(rings((Polygon) mp.getGeometryN(i)));
      }
      return new JsonObject().put("type", "MultiPolygon").put("coordinates", polygons);
    }
    if (g instanceof LineString line) {
      return new JsonObject().put("type", "LineString").put("coordinates", positions(line.getCoordinates()));
    }
    throw new IllegalArgumentException("no GeoJSON for a " + g.getGeometryType());
  }

  /** A line of points as a GeoJSON LineString. */
  public static JsonObject lineString(List<GeoPoint> points) {
    JsonArray a = new JsonArray();
    points.forEach(p -> a.add(new JsonArray().add(p.lon()).add(p.lat())));
    return new JsonObject().put("type", "LineString").put("coordinates", a);
  }

  private static JsonArray rings(Polygon p) {
    JsonArray rings = new JsonArray().add(positions(p.getExteriorRing().getCoordinates()));
    for (int i = 0; i < p.getNumInteriorRing(); i++) {
      rings.add(positions(p.getInteriorRingN(i).getCoordinates()));
    }
    return rings;
  }

  private static JsonArray positions(Coordinate[] coordinates) {
    JsonArray a = new JsonArray();
    for (Coordinate c : coordinates) {
      a.add(new JsonArray().add(c.x).add(c.y));
    }
    return a;
  }

  private static String type(JsonObject geometry) throws InvalidGeometryException {
    if (geometry == null) {
      throw new InvalidGeometryException("no geometry");
    }
    Object type = geometry.getValue("type");
    if (!(type instanceof String s)) {
      throw new InvalidGeometryException("the geometry has no type");
    }
    return s;
  }

  private static Polygon polygon(JsonArray rings, String where) throws InvalidGeometryException {
    if (rings.isEmpty()) {
      throw new InvalidGeometryException(where + "a polygon needs an outer ring");
    }
    LinearRing[] all = new LinearRing[rings.size()];
    for (int r = 0; r < all.length; r++) {
      String ring = where + "ring " + (r + 1);
      Coordinate[] c = coordinates(array(rings.getValue(r), ring), ring + ", ");
      if (c.length < 4) {
        throw new InvalidGeometryException(ring + " has " + c.length + " positions; a ring needs at least 4");
      }
      if (!c[0].equals2D(c[c.length - 1])) {
        throw new InvalidGeometryException(ring + " is not closed: its last position must repeat its first");
      }
      all[r] = FACTORY.createLinearRing(c);
    }
    LinearRing[] holes = new LinearRing[all.length - 1];
    System.arraycopy(all, 1, holes, 0, holes.length);
    return FACTORY.createPolygon(all[0], holes);
  }

  private static List<GeoPoint> line(JsonArray positions, String where) throws InvalidGeometryException {
    Coordinate[] c = coordinates(positions, where);
    if (c.length < 2) {
      throw new InvalidGeometryException(where + "a line needs at least 2 positions");
    }
    List<GeoPoint> out = new ArrayList<>(c.length);
    for (Coordinate p : c) {
      out.add(new GeoPoint(p.y, p.x));
    }
    return out;
  }

  private static Coordinate[] coordinates(JsonArray positions, String where) throws InvalidGeometryException {
    Coordinate[] out = new Coordinate[positions.size()];
    for (int i = 0; i < out.length; i++) {
      Object p = positions.getValue(i);
      if (!(p instanceof JsonArray a) || a.size() < 2 || !(a.getValue(0) instanceof Number)
          || !(a.getValue(1) instanceof Number)) {
        throw new InvalidGeometryException(where + "position " + (i + 1) + " is not [longitude, latitude]");
      }
      double lon = ((Number) a.getValue(0)).doubleValue();
      double lat = ((Number) a.getValue(1)).doubleValue();
      if (!inRange(lat, lon)) {
        throw new InvalidGeometryException(where + "position " + (i + 1) + " [" + a.getValue(0) + ", " + a.getValue(1)
            + "] is out of range" + (inRange(lon, lat)
            ? ": GeoJSON positions are [longitude, latitude], these look like [latitude, longitude]"
            : ": longitude must be within -180..180 and latitude within -90..90"));
      }
      out[i] = new Coordinate(lon, lat);
    }
    return out;
  }

  static boolean inRange(double lat, double lon) {
    return lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
  }

  private static JsonArray array(Object value, String what) throws InvalidGeometryException {
    if (value instanceof JsonArray a) {
      return a;
    }
    throw new InvalidGeometryException(what + " must be an array");
  }
}
