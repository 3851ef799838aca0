package org.lamplight.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.lamplight.domain.area.VillageIndex;
import org.lamplight.domain.area.Area;
import org.lamplight.domain.area.AreaLevel;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link VillageIndex} over a county of Voronoi villages (about 1.8 km² each, borders densified to
 * a vertex every 10 m, shared borders with identical vertices, as surveyed boundaries have):
 * locating a unit's next fix given its previous village ({@code track}: 300 units walking 10 m a
 * fix), a random position without a hint ({@code anywhere}), and building the index. Run it with
 * the java command of {@code scripts/bench-nearest}, naming {@code VillageIndexBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class VillageIndexBenchmark {

  private static final double CENTER_LAT = 33.79;
  private static final double CENTER_LON = 114.53;
  private static final double DEG_PER_M_LAT = 1 / 111_195.0;
  private static final double DEG_PER_M_LON = DEG_PER_M_LAT / Math.cos(Math.toRadians(CENTER_LAT));
  private static final int UNITS = 300;
  private static final int STEPS = 1 << 12;
  private static final int QUERIES = 1 << 16;

  @Param({"2000"})
  public int villages;

  private List<Area> areas;
  private VillageIndex index;
  private final double[] trackLat = new double[UNITS * STEPS];
  private final double[] trackLon = new double[UNITS * STEPS];
  private final double[] queryLat = new double[QUERIES];
  private final double[] queryLon = new double[QUERIES];
  private double sideM;

  @Setup(Level.Trial)
  public void setUp() {
    sideM = Math.sqrt(villages * 1.8e6);
    areas = county(villages, sideM, new SplittableRandom(7));
    index = VillageIndex.of(areas);
    SplittableRandom rnd = new SplittableRandom(42);
    for (int u = 0; u < UNITS; u++) {
      double x = rnd.nextDouble(-sideM / 2, sideM / 2);
      double y = rnd.nextDouble(-sideM / 2, sideM / 2);
      double heading = rnd.nextDouble(2 * Math.PI);
      for (int s = 0; s < STEPS; s++) {
        heading += rnd.nextDouble(-0.3, 0.3);
        x = Math.max(-sideM / 2, Math.min(sideM / 2, x + 10 * Math.cos(heading)));
        y = Math.max(-sideM / 2, Math.min(sideM / 2, y + 10 * Math.sin(heading)));
        trackLat[s * UNITS + u] = CENTER_LAT + y * DEG_PER_M_LAT;
        trackLon[s * UNITS + u] = CENTER_LON + x * DEG_PER_M_LON;
      }
    }
    for (int q = 0; q < QUERIES; q++) {
      queryLat[q] = CENTER_LAT + rnd.nextDouble(-sideM / 2, sideM / 2) * DEG_PER_M_LAT;
      queryLon[q] = CENTER_LON + rnd.nextDouble(-sideM / 2, sideM / 2) * DEG_PER_M_LON;
    }
  }

  /** Per-thread position in the tracks and each unit's previous village. */
  @State(Scope.Thread)
  public static class Walker {
    int next;
    final String[] previous = new String[UNITS];
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public String track(Walker walker) {
    int i = walker.next++ % (UNITS * STEPS);
    int unit = i % UNITS;
    String village = index.villageAt(trackLat[i], trackLon[i], walker.previous[unit]).orElse(null);
    walker.previous[unit] = village;
    return village;
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public String anywhere(Walker walker) {
    int q = walker.next++ & (QUERIES - 1);
    return index.villageAt(queryLat[q], queryLon[q]).orElse(null);
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 1)
  @Measurement(iterations = 3)
  public VillageIndex build() {
    return VillageIndex.of(areas);
  }

  /** Voronoi cells around random sites in a square of the given side, densified. */
  static List<Area> county(int count, double sideM, SplittableRandom rnd) {
    GeometryFactory factory = new GeometryFactory();
    List<Coordinate> sites = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      sites.add(new Coordinate(rnd.nextDouble(-sideM / 2, sideM / 2), rnd.nextDouble(-sideM / 2, sideM / 2)));
    }
    VoronoiDiagramBuilder builder = new VoronoiDiagramBuilder();
    builder.setSites(sites);
    builder.setClipEnvelope(new Envelope(-sideM / 2, sideM / 2, -sideM / 2, sideM / 2));
    Geometry cells = builder.getDiagram(factory);
    Envelope box = new Envelope(-sideM / 2, sideM / 2, -sideM / 2, sideM / 2);
    Geometry clip = factory.toGeometry(box);
    List<Area> areas = new ArrayList<>();
    for (int i = 0; i < cells.getNumGeometries(); i++) {
      Polygon cell = (Polygon) cells.getGeometryN(i).intersection(clip);
      areas.add(new Area(String.format("V%04d", i), "village " + i, AreaLevel.VILLAGE, "T01",
          densified(cell, factory)));
    }
    return areas;
  }

  /**
   * A vertex every 10 m, in degrees. Each segment is split from its lexicographically smaller end,
   * so the two villages sharing a border get the same vertices.
   */
  private static Polygon densified(Polygon cell, GeometryFactory factory) {
    Coordinate[] ring = cell.getExteriorRing().getCoordinates();
    List<Coordinate> out = new ArrayList<>();
    for (int i = 0; i + 1 < ring.length; i++) {
      Coordinate a = ring[i];
      Coordinate b = ring[i + 1];
      int pieces = Math.max(1, (int) Math.ceil(a.distance(b) / 10));
      boolean forward = a.compareTo(b) <= 0;
      Coordinate low = forward ? a : b;
      Coordinate high = forward ? b : a;
      for (int k = 0; k < pieces; k++) {
        int step = forward ? k : pieces - k;
        out.add(degrees(low.x + (high.x - low.x) * step / pieces, low.y + (high.y - low.y) * step / pieces));
      }
    }
    out.add(out.get(0).copy());
    LinearRing shell = factory.createLinearRing(out.toArray(new Coordinate[0]));
    return factory.createPolygon(shell);
  }

  private static Coordinate degrees(double x, double y) {
    return new Coordinate(CENTER_LON + x * DEG_PER_M_LON, CENTER_LAT + y * DEG_PER_M_LAT);
  }
}
