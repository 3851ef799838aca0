package org.lamplight.sim;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lamplight.domain.geo.GeoPoint;

/**
 * The villages each unit looks after, from {@code GET /api/org}: an auxiliary its workstation's
 * village first, then the nearest neighbours; a community officer the villages of its office.
 */
final class VillageStops {

  /** Neighbours an auxiliary looks in on now and then. */
  static final int NEIGHBOURS = 2;
  /** A village further than this is no neighbour. */
  static final double NEIGHBOUR_M = 4_000;

  private final Map<String, GeoPoint> middles = new HashMap<>();
  private final Map<String, String> villageOfWorkstation = new HashMap<>();
  private final Map<String, List<String>> villagesOfOffice = new HashMap<>();

  VillageStops(JsonObject org) {
    for (Object v : org.getJsonArray("villages")) {
      JsonObject village = (JsonObject) v;
      JsonObject c = village.getJsonObject("center");
      middles.put(village.getString("id"), new GeoPoint(c.getDouble("lat"), c.getDouble("lon")));
    }
    for (Object s : org.getJsonArray("stations")) {
      for (Object o : ((JsonObject) s).getJsonArray("offices")) {
        JsonObject office = (JsonObject) o;
        villagesOfOffice.put(office.getString("id"), office.getJsonArray("villageIds").stream().map(String.class::cast).toList());
        for (Object w : office.getJsonArray("workstations")) {
          JsonObject ws = (JsonObject) w;
          villageOfWorkstation.put(ws.getString("id"), ws.getString("villageId"));
        }
      }
    }
  }

  /** The stops of a unit of {@code GET /api/units}; empty when its post has no village. */
  List<Patrol.Stop> of(JsonObject unit) {
    if ("officer".equals(unit.getString("kind"))) {
      return villagesOfOffice.getOrDefault(unit.getString("officeId"), List.of()).stream()
          .filter(middles::containsKey).map(v -> new Patrol.Stop(v, middles.get(v))).toList();
    }
    String own = villageOfWorkstation.get(unit.getString("workstationId"));
    GeoPoint middle = own == null ? null : middles.get(own);
    if (middle == null) {
      return List.of();
    }
    List<Patrol.Stop> stops = new ArrayList<>();
    stops.add(new Patrol.Stop(own, middle));
    middles.entrySet().stream()
        .filter(e -> !e.getKey().equals(own) && e.getValue().distanceTo(middle) <= NEIGHBOUR_M)
        .sorted(Comparator.comparingDouble((Map.Entry<String, GeoPoint> e) -> e.getValue().distanceTo(middle))
            .thenComparing(Map.Entry::getKey))
        .limit(NEIGHBOURS)
        .forEach(e -> stops.add(new Patrol.Stop(e.getKey(), e.getValue())));
    return stops;
  }
}
