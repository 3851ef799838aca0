package org.lamplight.domain.org;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.lamplight.domain.geo.GeoPoint;
import org.lamplight.domain.org.Road.RoadKind;
import org.lamplight.domain.org.Township.AreaKind;
import org.lamplight.domain.org.Village.VillageKind;

/**
 * Generates a demo county shaped like a real "one village, one officer" county of the Huang-Huai
 * plain: about 1,200 km² around 33.79°N 114.53°E, 18 townships and 4 urban sub-districts, 20
 * police stations, 64 police offices, 452 village workstations, 425 villages and 25 residential
 * committees, with a tree of village roads hanging off a grid of county roads. The same seed
 * always gives the same county ({@link Random} is specified to be reproducible).
 */
public final class CountyGenerator {

  public static final GeoPoint CENTER = new GeoPoint(33.79, 114.53);
  public static final double WIDTH_KM = 37.3;
  public static final double HEIGHT_KM = 32.0;
  static final int[] TOWNSHIPS_PER_ROW = {4, 5, 5, 4, 4};
  static final int SUBDISTRICTS = 4;
  static final int STATIONS = 20;
  static final int OFFICES = 64;
  static final int VILLAGES = 425;
  static final int COMMITTEES = 25;
  static final int WORKSTATIONS = 452;
  private static final double KM_PER_DEG_LAT = 111.32;

  private static final String[] PLACE_SYLLABLES = {
      "安", "白", "柏", "宝", "北", "曹", "常", "城", "大", "东", "丰", "高", "固", "关", "桂", "河", "红", "后", "胡",
      "黄", "集", "金", "井", "康", "孔", "李", "林", "刘", "柳", "龙", "芦", "马", "梅", "孟", "南", "潘", "平", "前",
      "桥", "清", "三", "沙", "山", "石", "双", "水", "宋", "孙", "台", "唐", "田", "王", "魏", "吴", "西", "夏", "新",
      "许", "杨", "营", "永", "于", "袁", "张", "赵", "郑", "周", "朱", "庄", "邹"};
  private static final String[] SURNAMES = {
      "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"};
  private static final String[] GIVEN = {
      "伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀", "霞", "平", "刚", "辉",
      "建", "国", "华", "红", "志", "文", "斌", "鹏", "宇", "浩"};

  private final Random random;

  public CountyGenerator(long seed) {
    this.random = new Random(seed);
  }

  public County generate() {
    List<Rect> rects = townshipRects();
    List<Township> townships = townships(rects);
    List<Station> stations = stations(townships);
    List<Village> unassigned = villages(townships, rects);
    Layout layout = officesAndWorkstations(townships, stations, unassigned);
    List<Road> roads = roads(townships, layout.villages);
    List<Person> people = people(layout);
    return new County("示范县", CENTER, townships, stations, layout.offices, layout.workstations, layout.villages,
        roads, people);
  }

  /**
   * The county with {@code extra} more auxiliaries spread over its workstations, for load and
   * scale tests (tens of thousands of tracked units); ids {@code aux-x000001}...
   */
  public County withExtraAuxiliaries(County county, int extra) {
    List<Person> people = new ArrayList<>(county.people());
    List<Workstation> workstations = county.workstations();
    for (int i = 0; i < extra; i++) {
      Workstation w = workstations.get(i % workstations.size());
      Office o = find(county.offices(), w.officeId());
      GeoPoint home = point(kmX(w.location()) + (random.nextDouble() - 0.5) * 2, kmY(w.location()) + (random.nextDouble() - 0.5) * 2);
      people.add(new Person(String.format("aux-x%06d", i + 1), personName(), UnitKind.AUXILIARY, w.id(), o.id(),
          o.stationId(), home));
    }
    return new County(county.name(), county.center(), county.townships(), county.stations(), county.offices(),
        workstations, county.villages(), county.roads(), people);
  }

  /** A rectangle in km from the county's south-west corner. */
  private record Rect(double x0, double y0, double x1, double y1) {
    double cx() {
      return (x0 + x1) / 2;
    }

    double cy() {
      return (y0 + y1) / 2;
    }
  }

  private List<Rect> townshipRects() {
    List<Rect> rects = new ArrayList<>();
    double rowHeight = HEIGHT_KM / TOWNSHIPS_PER_ROW.length;
    for (int row = 0; row < TOWNSHIPS_PER_ROW.length; row++) {
      int n = TOWNSHIPS_PER_ROW[row];
      double[] cuts = new double[n + 1];
      cuts[n] = WIDTH_KM;
      for (int i = 1; i < n; i++) {
        cuts[i] = WIDTH_KM * i / n + (random.nextDouble() - 0.5) * WIDTH_KM / n * 0.4;
      }
      for (int i = 0; i < n; i++) {
        rects.add(new Rect(cuts[i], row * rowHeight, cuts[i + 1], (row + 1) * rowHeight));
      }
    }
    return rects;
  }

  private List<Township> townships(List<Rect> rects) {
    // The county town's sub-districts are the areas nearest the centre.
    List<Integer> byCentrality = new ArrayList<>();
    for (int i = 0; i < rects.size(); i++) {
      byCentrality.add(i);
    }
    byCentrality.sort(Comparator.comparingDouble(i -> Math.hypot(rects.get(i).cx() - WIDTH_KM / 2, rects.get(i).cy() - HEIGHT_KM / 2)));
    List<Integer> subdistricts = byCentrality.subList(0, SUBDISTRICTS);
    List<Township> out = new ArrayList<>();
    for (int i = 0; i < rects.size(); i++) {
      Rect r = rects.get(i);
      AreaKind kind = subdistricts.contains(i) ? AreaKind.SUBDISTRICT : AreaKind.TOWNSHIP;
      String name = placeName(2) + (kind == AreaKind.SUBDISTRICT ? "街道" : (i % 3 == 0 ? "乡" : "镇"));
      List<GeoPoint> outline = List.of(point(r.x0, r.y0), point(r.x1, r.y0), point(r.x1, r.y1), point(r.x0, r.y1),
          point(r.x0, r.y0));
      out.add(new Township(String.format("T%02d", i + 1), name, kind, point(r.cx(), r.cy()), outline));
    }
    return out;
  }

  /** One station per township; the sub-districts share stations two by two. */
  private List<Station> stations(List<Township> townships) {
    List<Station> stations = new ArrayList<>();
    Township pending = null;
    for (Township t : townships) {
      if (t.kind() == AreaKind.SUBDISTRICT) {
        if (pending == null) {
          pending = t;
          continue;
        }
        GeoPoint mid = new GeoPoint((pending.center().lat() + t.center().lat()) / 2, (pending.center().lon() + t.center().lon()) / 2);
        stations.add(new Station(stationId(stations.size()), stripSuffix(pending.name()) + "派出所", pending.id(), mid));
        pending = null;
      } else {
        stations.add(new Station(stationId(stations.size()), stripSuffix(t.name()) + "派出所", t.id(), t.center()));
      }
    }
    if (stations.size() != STATIONS) {
      throw new IllegalStateException("expected " + STATIONS + " stations, made " + stations.size());
    }
    return stations;
  }

  /** Each township's station; a sub-district without one shares the station of the one before it. */
  private static Map<String, String> stationByTownship(List<Township> townships, List<Station> stations) {
    Map<String, String> byTownship = new HashMap<>();
    stations.forEach(s -> byTownship.put(s.townshipId(), s.id()));
    String shared = null;
    for (Township t : townships) {
      if (t.kind() == AreaKind.SUBDISTRICT) {
        String own = byTownship.get(t.id());
        if (own != null) {
          shared = own;
        } else {
          byTownship.put(t.id(), shared);
        }
      }
    }
    return byTownship;
  }

  private List<Village> villages(List<Township> townships, List<Rect> rects) {
    List<Integer> rural = new ArrayList<>();
    List<Integer> urban = new ArrayList<>();
    for (int i = 0; i < townships.size(); i++) {
      (townships.get(i).kind() == AreaKind.SUBDISTRICT ? urban : rural).add(i);
    }
    List<Village> villages = new ArrayList<>();
    List<double[]> placed = new ArrayList<>();
    placeVillages(rural, VILLAGES, VillageKind.VILLAGE, townships, rects, placed, villages);
    placeVillages(urban, COMMITTEES, VillageKind.COMMITTEE, townships, rects, placed, villages);
    return villages;
  }

  private void placeVillages(List<Integer> areas, int total, VillageKind kind, List<Township> townships, List<Rect> rects,
                             List<double[]> placed, List<Village> out) {
    double minGapKm = kind == VillageKind.VILLAGE ? 0.6 : 0.25;
    for (int a = 0; a < areas.size(); a++) {
      int count = total / areas.size() + (a < total % areas.size() ? 1 : 0);
      int idx = areas.get(a);
      Rect r = rects.get(idx);
      for (int v = 0; v < count; v++) {
        double[] xy = freeSpot(r, placed, minGapKm);
        placed.add(xy);
        String name = placeName(2) + (kind == VillageKind.VILLAGE ? "村" : "社区");
        out.add(new Village(String.format("V%03d", out.size() + 1), name, kind, townships.get(idx).id(), null,
            point(xy[0], xy[1])));
      }
    }
  }

  private double[] freeSpot(Rect r, List<double[]> placed, double minGapKm) {
    double margin = 0.3;
    double[] best = null;
    for (int attempt = 0; attempt < 200; attempt++) {
      double x = r.x0 + margin + random.nextDouble() * (r.x1 - r.x0 - 2 * margin);
      double y = r.y0 + margin + random.nextDouble() * (r.y1 - r.y0 - 2 * margin);
      best = new double[] {x, y};
      boolean free = placed.stream().noneMatch(p -> Math.hypot(p[0] - x, p[1] - y) < minGapKm);
      if (free) {
        break;
      }
    }
    return best;
  }

  private record Layout(List<Office> offices, List<Workstation> workstations, List<Village> villages) {
  }

  /**
   * Offices split each station's villages into angular sectors around the station; every
   * village gets its own workstation, and the two busiest-looking villages (the first two
   * committees of the county town) get a second one for the town's transport hubs.
   */
  private Layout officesAndWorkstations(List<Township> townships, List<Station> stations, List<Village> villages) {
    Map<String, String> stationByTownship = stationByTownship(townships, stations);
    List<Office> offices = new ArrayList<>();
    List<Workstation> workstations = new ArrayList<>();
    List<Village> assigned = new ArrayList<>(villages);
    int extraOffices = OFFICES - 3 * STATIONS;
    for (int s = 0; s < stations.size(); s++) {
      Station station = stations.get(s);
      List<Integer> mine = new ArrayList<>();
      for (int v = 0; v < villages.size(); v++) {
        if (station.id().equals(stationByTownship.get(villages.get(v).townshipId()))) {
          mine.add(v);
        }
      }
      GeoPoint c = station.location();
      mine.sort(Comparator.comparingDouble(v -> Math.atan2(villages.get(v).location().lat() - c.lat(),
          villages.get(v).location().lon() - c.lon())));
      int officeCount = 3 + (s < extraOffices ? 1 : 0);
      for (int o = 0; o < officeCount; o++) {
        List<Integer> sector = mine.subList(mine.size() * o / officeCount, mine.size() * (o + 1) / officeCount);
        String officeId = String.format("O%02d", offices.size() + 1);
        GeoPoint centroid = centroid(sector.stream().map(v -> villages.get(v).location()).toList(), c);
        String officeName = villages.get(sector.isEmpty() ? mine.get(0) : sector.get(0)).name().replaceAll("(村|社区)$", "") + "警务室";
        offices.add(new Office(officeId, officeName, station.id(), centroid));
        for (int v : sector) {
          Village village = villages.get(v);
          String wsId = String.format("W%03d", workstations.size() + 1);
          workstations.add(new Workstation(wsId, village.name() + "警务工作站", officeId, village.location()));
          assigned.set(v, new Village(village.id(), village.name(), village.kind(), village.townshipId(), wsId, village.location()));
        }
      }
    }
    String[] hubs = {"客运站", "高铁站"};
    List<Village> committees = assigned.stream().filter(v -> v.kind() == VillageKind.COMMITTEE).toList();
    for (int h = 0; workstations.size() < WORKSTATIONS; h++) {
      Village host = committees.get(h);
      Workstation hostWs = workstations.stream().filter(w -> w.id().equals(host.workstationId())).findFirst().orElseThrow();
      GeoPoint at = point(kmX(host.location()) + 0.4, kmY(host.location()) + 0.3);
      workstations.add(new Workstation(String.format("W%03d", workstations.size() + 1), hubs[h % hubs.length] + "警务工作站",
          hostWs.officeId(), at));
    }
    return new Layout(offices, workstations, assigned);
  }

  private List<Road> roads(List<Township> townships, List<Village> villages) {
    List<Road> roads = new ArrayList<>();
    // County roads: each township to its east neighbour and to the nearest township of the next row.
    int start = 0;
    for (int row = 0; row < TOWNSHIPS_PER_ROW.length; row++) {
      int n = TOWNSHIPS_PER_ROW[row];
      for (int i = start; i < start + n; i++) {
        Township t = townships.get(i);
        if (i + 1 < start + n) {
          roads.add(road(roads.size(), stripSuffix(t.name()) + "路", RoadKind.COUNTY, t.center(), townships.get(i + 1).center()));
        }
        if (row + 1 < TOWNSHIPS_PER_ROW.length) {
          int nextStart = start + n;
          Township north = townships.subList(nextStart, nextStart + TOWNSHIPS_PER_ROW[row + 1]).stream()
              .min(Comparator.comparingDouble(o -> o.center().distanceTo(t.center()))).orElseThrow();
          roads.add(road(roads.size(), stripSuffix(t.name()) + "大道", RoadKind.COUNTY, t.center(), north.center()));
        }
      }
      start += n;
    }
    // Village roads: a tree grown from each township centre, each village joining its nearest connected node.
    for (Township t : townships) {
      List<Village> mine = new ArrayList<>(villages.stream().filter(v -> v.townshipId().equals(t.id())).toList());
      mine.sort(Comparator.comparingDouble(v -> v.location().distanceTo(t.center())));
      List<GeoPoint> connected = new ArrayList<>(List.of(t.center()));
      for (Village v : mine) {
        GeoPoint to = connected.stream().min(Comparator.comparingDouble(p -> p.distanceTo(v.location()))).orElseThrow();
        roads.add(road(roads.size(), v.name() + "路", RoadKind.VILLAGE, v.location(), to));
        connected.add(v.location());
      }
    }
    return roads;
  }

  private Road road(int index, String name, RoadKind kind, GeoPoint from, GeoPoint to) {
    // A gently bent road: two intermediate points pushed sideways a little.
    double fx = kmX(from);
    double fy = kmY(from);
    double tx = kmX(to);
    double ty = kmY(to);
    double len = Math.hypot(tx - fx, ty - fy);
    double nx = len == 0 ? 0 : -(ty - fy) / len;
    double ny = len == 0 ? 0 : (tx - fx) / len;
    List<GeoPoint> pts = new ArrayList<>();
    pts.add(from);
    for (double f : new double[] {1.0 / 3, 2.0 / 3}) {
      double offset = (random.nextDouble() - 0.5) * 0.15 * len;
      pts.add(point(fx + (tx - fx) * f + nx * offset, fy + (ty - fy) * f + ny * offset));
    }
    pts.add(to);
    return new Road(String.format("R%04d", index + 1), name, kind, pts);
  }

  private List<Person> people(Layout layout) {
    List<Person> people = new ArrayList<>();
    for (int i = 0; i < layout.workstations.size(); i++) {
      Workstation w = layout.workstations.get(i);
      Office o = find(layout.offices, w.officeId());
      people.add(new Person(String.format("aux-%04d", i + 1), personName(), UnitKind.AUXILIARY, w.id(), o.id(),
          o.stationId(), w.location()));
    }
    for (int i = 0; i < layout.offices.size(); i++) {
      Office o = layout.offices.get(i);
      people.add(new Person(String.format("off-%02d", i + 1), personName(), UnitKind.OFFICER, null, o.id(), o.stationId(),
          o.location()));
    }
    return people;
  }

  private static Office find(List<Office> offices, String id) {
    return offices.stream().filter(o -> o.id().equals(id)).findFirst().orElseThrow();
  }

  private static GeoPoint centroid(List<GeoPoint> points, GeoPoint fallback) {
    if (points.isEmpty()) {
      return fallback;
    }
    double lat = points.stream().mapToDouble(GeoPoint::lat).average().orElseThrow();
    double lon = points.stream().mapToDouble(GeoPoint::lon).average().orElseThrow();
    return new GeoPoint(lat, lon);
  }

  private String placeName(int syllables) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < syllables; i++) {
      sb.append(PLACE_SYLLABLES[random.nextInt(PLACE_SYLLABLES.length)]);
    }
    return sb.toString();
  }

  private String personName() {
    String name = SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)];
    return random.nextBoolean() ? name + GIVEN[random.nextInt(GIVEN.length)] : name;
  }

  private static String stripSuffix(String name) {
    return name.replaceAll("(乡|镇|街道)$", "");
  }

  private static String stationId(int index) {
    return String.format("S%02d", index + 1);
  }

  private static double kmPerDegLon() {
    return KM_PER_DEG_LAT * Math.cos(Math.toRadians(CENTER.lat()));
  }

  /** The point {@code xKm} east and {@code yKm} north of the county's south-west corner. */
  public static GeoPoint point(double xKm, double yKm) {
    return new GeoPoint(CENTER.lat() + (yKm - HEIGHT_KM / 2) / KM_PER_DEG_LAT,
        CENTER.lon() + (xKm - WIDTH_KM / 2) / kmPerDegLon());
  }

  private static double kmX(GeoPoint p) {
    return (p.lon() - CENTER.lon()) * kmPerDegLon() + WIDTH_KM / 2;
  }

  private static double kmY(GeoPoint p) {
    return (p.lat() - CENTER.lat()) * KM_PER_DEG_LAT + HEIGHT_KM / 2;
  }
}
