package org.lamplight.domain.org;

import org.lamplight.domain.area.AreaLevel;
import org.lamplight.domain.area.Area;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.lamplight.domain.geo.GeoPoint;
import org.lamplight.domain.org.Road.RoadKind;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.UnaryUnionNG;
import org.locationtech.jts.precision.GeometryPrecisionReducer;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;

/**
 * Generates a demo county shaped like a real "one village, one officer" county of the Huang-Huai
 * plain: about 1,200 km² around 33.79°N 114.53°E inside an irregular outline, 18 townships and 4
 * urban sub-districts, 20 police stations, 64 police offices, 452 village workstations, 425
 * villages and 25 residential committees, with a tree of village roads hanging off county roads
 * between the townships. The same seed always gives the same county ({@link Random} is specified
 * to be reproducible).
 *
 * <p>The geography is made in a kilometre frame and turned into degrees at the end: township
 * seeds in rows split the outline (a Voronoi diagram) into the areas where each township's
 * villages are placed; the villages' own Voronoi cells, clipped to the outline, are the village
 * polygons, and each township is the union of its villages, so its border follows theirs.
 * Devices are named after the person who carries them ({@code dev-<unit id>}).
 */
public final class CountyGenerator {

  public static final GeoPoint CENTER = new GeoPoint(33.79, 114.53);
  /** The kilometre frame the county is drawn in; its outline spills a little over it. */
  public static final double WIDTH_KM = 37.3;
  public static final double HEIGHT_KM = 32.0;
  static final double AREA_KM2 = 1200;
  static final int[] TOWNSHIPS_PER_ROW = {4, 5, 5, 4, 4};
  static final int SUBDISTRICTS = 4;
  static final int STATIONS = 20;
  static final int OFFICES = 64;
  static final int VILLAGES = 425;
  static final int COMMITTEES = 25;
  static final int WORKSTATIONS = 452;
  static final String COUNTY_CODE = "C01";
  private static final String COUNTY_NAME = "示范县";
  private static final double KM_PER_DEG_LAT = 111.32;
  private static final int OUTLINE_VERTICES = 96;
  /** A 1 m grid (the frame is in km), so that neighbouring villages share exactly the same border. */
  private static final PrecisionModel GRID = new PrecisionModel(1000);
  private static final GeometryFactory KM = new GeometryFactory();

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

  /** A township while it is being made: its seed, the part of the outline its villages go in, its kind. */
  private record Seed(int index, double x, double y, int row, Geometry core, boolean urban) {
  }

  /** A village or committee while it is being made, in the km frame. */
  private record Place(String code, String name, boolean committee, Seed township, double x, double y) {
  }

  public County generate() {
    Polygon outline = outline();
    List<Seed> seeds = townshipSeeds(outline);
    List<String> townshipNames = seeds.stream().map(s -> placeName(2) + (s.urban ? "街道" : (s.index % 3 == 0 ? "乡" : "镇")))
        .toList();
    List<Place> places = villages(seeds);
    List<Geometry> villageShapes = villageCells(places, outline);
    List<Geometry> townshipShapes = new ArrayList<>();
    List<double[]> centres = new ArrayList<>();
    for (Seed s : seeds) {
      List<Geometry> cells = new ArrayList<>();
      for (int v = 0; v < places.size(); v++) {
        if (places.get(v).township == s) {
          cells.add(villageShapes.get(v));
        }
      }
      Geometry shape = polygonal(UnaryUnionNG.union(KM.buildGeometry(cells), GRID));
      townshipShapes.add(shape);
      centres.add(pointInside(shape, s.x, s.y));
    }

    List<Area> areas = new ArrayList<>();
    areas.add(new Area(COUNTY_CODE, COUNTY_NAME, AreaLevel.COUNTY, null,
        toDegrees(GeometryPrecisionReducer.reduce(outline, GRID))));
    for (Seed s : seeds) {
      areas.add(new Area(townshipCode(s.index), townshipNames.get(s.index), AreaLevel.TOWNSHIP, COUNTY_CODE,
          toDegrees(townshipShapes.get(s.index))));
    }
    for (int v = 0; v < places.size(); v++) {
      Place p = places.get(v);
      areas.add(new Area(p.code, p.name, p.committee ? AreaLevel.COMMITTEE : AreaLevel.VILLAGE,
          townshipCode(p.township.index), toDegrees(villageShapes.get(v))));
    }
    List<Station> stations = stations(seeds, townshipNames, centres);
    Layout layout = officesAndWorkstations(stations, places, villageShapes);
    List<Road> roads = roads(seeds, townshipNames, centres, places);
    List<Person> people = people(layout);
    List<Device> devices = people.stream().map(p -> new Device(deviceIdOf(p.id()), p.id())).toList();
    return new County(areas, stations, layout.offices, layout.workstations, people, devices, roads);
  }

  /**
   * The county with {@code extra} more auxiliaries spread over its workstations, each with a
   * device, for load and scale tests (tens of thousands of tracked units); ids {@code aux-x000001}...
   */
  public County withExtraAuxiliaries(County county, int extra) {
    List<Person> people = new ArrayList<>(county.people());
    List<Device> devices = new ArrayList<>(county.devices());
    List<Workstation> workstations = county.workstations();
    for (int i = 0; i < extra; i++) {
      Workstation w = workstations.get(i % workstations.size());
      Office o = county.office(w.officeId()).orElseThrow();
      Person p = Person.auxiliary(String.format("aux-x%06d", i + 1), personName(), phone(), w, o);
      people.add(p);
      devices.add(new Device(deviceIdOf(p.id()), p.id()));
    }
    return new County(county.areas(), county.stations(), county.offices(), workstations, people, devices,
        county.roads());
  }

  /** The demo county names each device after the person who carries it; a real county's devices.csv says. */
  public static String deviceIdOf(String unitId) {
    return "dev-" + unitId;
  }

  /**
   * A smooth, irregular outline around the frame's centre (a wobbling ellipse), scaled to the
   * county's area.
   */
  private Polygon outline() {
    double[] amplitude = new double[7];
    double[] phase = new double[7];
    for (int k = 2; k < amplitude.length; k++) {
      amplitude[k] = 0.10 / k * (0.5 + random.nextDouble());
      phase[k] = random.nextDouble() * 2 * Math.PI;
    }
    double[] radius = new double[OUTLINE_VERTICES];
    for (int i = 0; i < OUTLINE_VERTICES; i++) {
      double theta = 2 * Math.PI * i / OUTLINE_VERTICES;
      double r = 1 + (random.nextDouble() - 0.5) * 0.02;
      for (int k = 2; k < amplitude.length; k++) {
        r += amplitude[k] * Math.sin(k * theta + phase[k]);
      }
      radius[i] = r;
    }
    Polygon unit = ellipse(radius, 1);
    return ellipse(radius, Math.sqrt(AREA_KM2 / unit.getArea()));
  }

  private static Polygon ellipse(double[] radius, double scale) {
    Coordinate[] ring = new Coordinate[radius.length + 1];
    for (int i = 0; i < radius.length; i++) {
      double theta = 2 * Math.PI * i / radius.length;
      ring[i] = new Coordinate(WIDTH_KM / 2 + scale * WIDTH_KM / 2 * radius[i] * Math.cos(theta),
          HEIGHT_KM / 2 + scale * HEIGHT_KM / 2 * radius[i] * Math.sin(theta));
    }
    ring[radius.length] = ring[0].copy();
    return KM.createPolygon(ring);
  }

  /**
   * Township seeds in rows across the outline, jittered; the seeds nearest the centre are the
   * county town's sub-districts. Each seed's Voronoi cell within the outline is where its
   * villages go.
   */
  private List<Seed> townshipSeeds(Polygon outline) {
    PreparedGeometry inside = PreparedGeometryFactory.prepare(outline);
    Envelope env = outline.getEnvelopeInternal();
    double rowHeight = env.getHeight() / TOWNSHIPS_PER_ROW.length;
    List<double[]> xy = new ArrayList<>();
    List<Integer> rows = new ArrayList<>();
    for (int row = 0; row < TOWNSHIPS_PER_ROW.length; row++) {
      double y = env.getMinY() + (row + 0.5) * rowHeight;
      Envelope chord = outline.intersection(KM.createLineString(new Coordinate[] {
          new Coordinate(env.getMinX() - 1, y), new Coordinate(env.getMaxX() + 1, y)})).getEnvelopeInternal();
      int n = TOWNSHIPS_PER_ROW[row];
      double step = chord.getWidth() / n;
      for (int i = 0; i < n; i++) {
        double x = chord.getMinX() + (i + 0.5) * step + (random.nextDouble() - 0.5) * 0.3 * step;
        double jittered = y + (random.nextDouble() - 0.5) * 0.3 * rowHeight;
        while (!inside.contains(KM.createPoint(new Coordinate(x, jittered))) && Math.abs(jittered - y) > 1e-6) {
          jittered = (jittered + y) / 2;
        }
        xy.add(new double[] {x, jittered});
        rows.add(row);
      }
    }
    List<Integer> byCentrality = new ArrayList<>();
    for (int i = 0; i < xy.size(); i++) {
      byCentrality.add(i);
    }
    byCentrality.sort(Comparator.comparingDouble(i -> Math.hypot(xy.get(i)[0] - WIDTH_KM / 2, xy.get(i)[1] - HEIGHT_KM / 2)));
    List<Integer> urban = byCentrality.subList(0, SUBDISTRICTS);
    List<Geometry> cells = voronoi(xy, env);
    List<Seed> seeds = new ArrayList<>();
    for (int i = 0; i < xy.size(); i++) {
      seeds.add(new Seed(i, xy.get(i)[0], xy.get(i)[1], rows.get(i), cells.get(i).intersection(outline),
          urban.contains(i)));
    }
    return seeds;
  }

  /** The Voronoi cell of each site, in the order of the sites. */
  private static List<Geometry> voronoi(List<double[]> sites, Envelope within) {
    Map<Coordinate, Integer> index = new HashMap<>();
    List<Coordinate> coordinates = new ArrayList<>();
    for (int i = 0; i < sites.size(); i++) {
      Coordinate c = new Coordinate(sites.get(i)[0], sites.get(i)[1]);
      index.put(c, i);
      coordinates.add(c);
    }
    VoronoiDiagramBuilder builder = new VoronoiDiagramBuilder();
    builder.setSites(coordinates);
    Envelope clip = new Envelope(within);
    clip.expandBy(10);
    builder.setClipEnvelope(clip);
    Geometry diagram = builder.getDiagram(KM);
    Geometry[] cells = new Geometry[sites.size()];
    for (int i = 0; i < diagram.getNumGeometries(); i++) {
      Geometry cell = diagram.getGeometryN(i);
      cells[index.get((Coordinate) cell.getUserData())] = cell;
    }
    return List.of(cells);
  }

  private List<Place> villages(List<Seed> seeds) {
    List<Place> places = new ArrayList<>();
    List<double[]> placed = new ArrayList<>();
    placeVillages(seeds.stream().filter(s -> !s.urban).toList(), VILLAGES, false, placed, places);
    placeVillages(seeds.stream().filter(s -> s.urban).toList(), COMMITTEES, true, placed, places);
    return places;
  }

  private void placeVillages(List<Seed> townships, int total, boolean committees, List<double[]> placed,
                             List<Place> out) {
    double minGapKm = committees ? 0.25 : 0.6;
    for (int a = 0; a < townships.size(); a++) {
      int count = total / townships.size() + (a < total % townships.size() ? 1 : 0);
      Seed township = townships.get(a);
      Geometry margin = township.core.buffer(-0.3);
      PreparedGeometry area = PreparedGeometryFactory.prepare(margin.isEmpty() ? township.core : margin);
      Envelope env = township.core.getEnvelopeInternal();
      for (int v = 0; v < count; v++) {
        double[] xy = freeSpot(area, env, placed, minGapKm);
        placed.add(xy);
        String name = placeName(2) + (committees ? "社区" : "村");
        out.add(new Place(String.format("V%03d", out.size() + 1), name, committees, township, xy[0], xy[1]));
      }
    }
  }

  /** A random spot inside {@code area}, at least {@code minGapKm} from every placed village if one is found. */
  private double[] freeSpot(PreparedGeometry area, Envelope env, List<double[]> placed, double minGapKm) {
    double[] best = null;
    for (int attempt = 0; attempt < 200 || best == null; attempt++) {
      double x = env.getMinX() + random.nextDouble() * env.getWidth();
      double y = env.getMinY() + random.nextDouble() * env.getHeight();
      if (!area.contains(KM.createPoint(new Coordinate(x, y)))) {
        continue;
      }
      best = new double[] {x, y};
      if (placed.stream().noneMatch(p -> Math.hypot(p[0] - x, p[1] - y) < minGapKm)) {
        break;
      }
    }
    return best;
  }

  /** Each village's Voronoi cell among all villages, clipped to the outline, on the 1 m grid. */
  private static List<Geometry> villageCells(List<Place> places, Polygon outline) {
    List<Geometry> cells = voronoi(places.stream().map(p -> new double[] {p.x, p.y}).toList(),
        outline.getEnvelopeInternal());
    List<Geometry> out = new ArrayList<>();
    for (Geometry cell : cells) {
      OverlayNG clip = new OverlayNG(cell, outline, GRID, OverlayNG.INTERSECTION);
      clip.setStrictMode(true);
      out.add(polygonal(clip.getResult()));
    }
    return out;
  }

  /** {@code (x, y)} when it lies inside {@code shape}, else a point that does. */
  private static double[] pointInside(Geometry shape, double x, double y) {
    if (shape.contains(KM.createPoint(new Coordinate(x, y)))) {
      return new double[] {x, y};
    }
    Coordinate c = shape.getInteriorPoint().getCoordinate();
    return new double[] {c.x, c.y};
  }

  /** One station per township; the sub-districts share stations two by two. */
  private List<Station> stations(List<Seed> seeds, List<String> townshipNames, List<double[]> centres) {
    List<Station> stations = new ArrayList<>();
    Seed pending = null;
    for (Seed s : seeds) {
      if (s.urban && pending == null) {
        pending = s;
        continue;
      }
      Seed first = s.urban ? pending : s;
      List<String> townships = s.urban ? List.of(townshipCode(pending.index), townshipCode(s.index))
          : List.of(townshipCode(s.index));
      double[] at = centres.get(first.index);
      stations.add(new Station(String.format("S%02d", stations.size() + 1),
          stripSuffix(townshipNames.get(first.index)) + "派出所", point(at[0], at[1]), townships));
      if (s.urban) {
        pending = null;
      }
    }
    if (stations.size() != STATIONS) {
      throw new IllegalStateException("expected " + STATIONS + " stations, made " + stations.size());
    }
    return stations;
  }

  private record Layout(List<Office> offices, List<Workstation> workstations) {
  }

  /**
   * Offices split each station's villages into angular sectors around the station, each office
   * sitting in the village nearest the middle of its sector; every village gets its own
   * workstation, and the first two committees of the county town a second one for the town's
   * transport hubs.
   */
  private Layout officesAndWorkstations(List<Station> stations, List<Place> places, List<Geometry> shapes) {
    List<Office> offices = new ArrayList<>();
    List<Workstation> workstations = new ArrayList<>();
    int extraOffices = OFFICES - 3 * STATIONS;
    for (int s = 0; s < stations.size(); s++) {
      Station station = stations.get(s);
      List<Place> mine = new ArrayList<>(places.stream()
          .filter(p -> station.townshipIds().contains(townshipCode(p.township.index))).toList());
      double cx = kmX(station.location());
      double cy = kmY(station.location());
      mine.sort(Comparator.comparingDouble(p -> Math.atan2(p.y - cy, p.x - cx)));
      int officeCount = 3 + (s < extraOffices ? 1 : 0);
      for (int o = 0; o < officeCount; o++) {
        List<Place> sector = mine.subList(mine.size() * o / officeCount, mine.size() * (o + 1) / officeCount);
        if (sector.isEmpty()) {
          throw new IllegalStateException("station " + station.id() + " has too few villages for its offices");
        }
        double mx = sector.stream().mapToDouble(Place::x).average().orElseThrow();
        double my = sector.stream().mapToDouble(Place::y).average().orElseThrow();
        Place seat = sector.stream().min(Comparator.comparingDouble(p -> Math.hypot(p.x - mx, p.y - my))).orElseThrow();
        String officeId = String.format("O%02d", offices.size() + 1);
        offices.add(new Office(officeId, sector.get(0).name.replaceAll("(村|社区)$", "") + "警务室", station.id(),
            point(seat.x, seat.y), sector.stream().map(Place::code).toList()));
        for (Place village : sector) {
          workstations.add(new Workstation(String.format("W%03d", workstations.size() + 1), village.name + "警务工作站",
              officeId, village.code, point(village.x, village.y)));
        }
      }
    }
    String[] hubs = {"客运站", "高铁站"};
    List<Place> committees = places.stream().filter(Place::committee).toList();
    for (int h = 0; workstations.size() < WORKSTATIONS; h++) {
      Place host = committees.get(h);
      Workstation hostWs = workstations.stream().filter(w -> w.villageId().equals(host.code)).findFirst().orElseThrow();
      double[] at = nearby(host, shapes.get(places.indexOf(host)));
      workstations.add(new Workstation(String.format("W%03d", workstations.size() + 1), hubs[h % hubs.length] + "警务工作站",
          hostWs.officeId(), host.code, point(at[0], at[1])));
    }
    return new Layout(offices, workstations);
  }

  /** A spot a few hundred metres from the village's own, still inside the village. */
  private static double[] nearby(Place village, Geometry shape) {
    for (double f = 1; f > 0.01; f /= 2) {
      double x = village.x + 0.4 * f;
      double y = village.y + 0.3 * f;
      if (shape.contains(KM.createPoint(new Coordinate(x, y)))) {
        return new double[] {x, y};
      }
    }
    return pointInside(shape, village.x, village.y);
  }

  private List<Road> roads(List<Seed> seeds, List<String> townshipNames, List<double[]> centres, List<Place> places) {
    List<Road> roads = new ArrayList<>();
    List<GeoPoint> centre = centres.stream().map(c -> point(c[0], c[1])).toList();
    // County roads: each township to its east neighbour in its row and to the nearest township of the next row.
    for (Seed t : seeds) {
      String name = stripSuffix(townshipNames.get(t.index));
      seeds.stream().filter(o -> o.row == t.row && o.index == t.index + 1).findFirst()
          .ifPresent(east -> roads.add(road(roads.size(), name + "路", RoadKind.COUNTY, centre.get(t.index),
              centre.get(east.index))));
      seeds.stream().filter(o -> o.row == t.row + 1)
          .min(Comparator.comparingDouble(o -> centre.get(o.index).distanceTo(centre.get(t.index))))
          .ifPresent(north -> roads.add(road(roads.size(), name + "大道", RoadKind.COUNTY, centre.get(t.index),
              centre.get(north.index))));
    }
    // A tree grown from each township centre: each village joins its nearest connected node; the
    // roads that reach the centre itself are township roads.
    for (Seed t : seeds) {
      GeoPoint from = centre.get(t.index);
      List<Place> mine = new ArrayList<>(places.stream().filter(p -> p.township == t).toList());
      mine.sort(Comparator.comparingDouble(p -> point(p.x, p.y).distanceTo(from)));
      List<GeoPoint> connected = new ArrayList<>(List.of(from));
      for (Place v : mine) {
        GeoPoint at = point(v.x, v.y);
        GeoPoint to = connected.stream().min(Comparator.comparingDouble(p -> p.distanceTo(at))).orElseThrow();
        roads.add(road(roads.size(), v.name + "路", to == from ? RoadKind.TOWNSHIP : RoadKind.VILLAGE, at, to));
        connected.add(at);
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
    Map<String, Office> officeById = new HashMap<>();
    layout.offices.forEach(o -> officeById.put(o.id(), o));
    List<Person> people = new ArrayList<>();
    for (int i = 0; i < layout.workstations.size(); i++) {
      Workstation w = layout.workstations.get(i);
      people.add(Person.auxiliary(String.format("aux-%04d", i + 1), personName(), phone(), w, officeById.get(w.officeId())));
    }
    for (int i = 0; i < layout.offices.size(); i++) {
      people.add(Person.officer(String.format("off-%02d", i + 1), personName(), phone(), layout.offices.get(i)));
    }
    return people;
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

  /** A mobile number of the 13x/15x/18x ranges. */
  private String phone() {
    return "1" + "358".charAt(random.nextInt(3)) + String.format("%09d", random.nextInt(1_000_000_000));
  }

  private static String stripSuffix(String name) {
    return name.replaceAll("(乡|镇|街道)$", "");
  }

  private static String townshipCode(int index) {
    return String.format("T%02d", index + 1);
  }

  /** Only polygons: a clipped cell or a union is a Polygon or, rarely, a MultiPolygon. */
  private static Geometry polygonal(Geometry g) {
    List<Polygon> parts = new ArrayList<>();
    for (int i = 0; i < g.getNumGeometries(); i++) {
      if (g.getGeometryN(i) instanceof Polygon p && !p.isEmpty()) {
        parts.add(p);
      } else if (g.getGeometryN(i) instanceof MultiPolygon mp) {
        for (int j = 0; j < mp.getNumGeometries(); j++) {
          parts.add((Polygon) mp.getGeometryN(j));
        }
      }
    }
    if (parts.isEmpty()) {
      throw new IllegalStateException("a generated area came out empty");
    }
    return parts.size() == 1 ? parts.get(0) : KM.createMultiPolygon(parts.toArray(new Polygon[0]));
  }

  private static double kmPerDegLon() {
    return KM_PER_DEG_LAT * Math.cos(Math.toRadians(CENTER.lat()));
  }

  /** From the km frame to longitude (x) and latitude (y). */
  private static Geometry toDegrees(Geometry km) {
    return new AffineTransformation(1 / kmPerDegLon(), 0, CENTER.lon() - WIDTH_KM / 2 / kmPerDegLon(),
        0, 1 / KM_PER_DEG_LAT, CENTER.lat() - HEIGHT_KM / 2 / KM_PER_DEG_LAT).transform(km);
  }

  /** The point {@code xKm} east and {@code yKm} north of the frame's south-west corner. */
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
