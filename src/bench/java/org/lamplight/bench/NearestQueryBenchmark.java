package org.lamplight.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import org.lamplight.domain.geo.GridIndex;
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
 * {@link GridIndex} with uniformly random units in a 100 x 100 km box around 33.79N 114.53E and
 * 1 km cells: the 10 nearest available units within 10 km, and moving a unit. Run with
 * {@code scripts/bench-nearest}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class NearestQueryBenchmark {

  private static final double CENTER_LAT = 33.79;
  private static final double CENTER_LON = 114.53;
  private static final double BOX_KM = 100;
  private static final double DEG_PER_KM_LAT = 1 / 111.195;
  private static final double DEG_PER_KM_LON = DEG_PER_KM_LAT / Math.cos(Math.toRadians(CENTER_LAT));
  /** Largest move between two fixes of one unit: 50 m, about 10 s at road speed. */
  private static final double MAX_MOVE_KM = 0.05;
  private static final int QUERIES = 1 << 16;
  private static final int MOVES = 1 << 20;
  /** Stands in for "unit is available": rejects 20% of ids. */
  private static final IntPredicate AVAILABLE = id -> id % 5 != 0;

  @Param({"100000", "1000000"})
  public int points;

  private GridIndex index;
  private final double[] queryLat = new double[QUERIES];
  private final double[] queryLon = new double[QUERIES];
  private final int[] moveId = new int[MOVES];
  private final double[] moveLat = new double[MOVES];
  private final double[] moveLon = new double[MOVES];

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom rnd = new SplittableRandom(42);
    index = new GridIndex(1_000);
    double[] lat = new double[points];
    double[] lon = new double[points];
    for (int id = 0; id < points; id++) {
      lat[id] = randomLat(rnd);
      lon[id] = randomLon(rnd);
      index.upsert(id, lat[id], lon[id]);
    }
    for (int q = 0; q < QUERIES; q++) {
      queryLat[q] = randomLat(rnd);
      queryLon[q] = randomLon(rnd);
    }
    // Each move jitters a unit around its start, so the density stays uniform however long it runs.
    for (int m = 0; m < MOVES; m++) {
      int id = rnd.nextInt(points);
      moveId[m] = id;
      moveLat[m] = lat[id] + rnd.nextDouble(-MAX_MOVE_KM, MAX_MOVE_KM) * DEG_PER_KM_LAT;
      moveLon[m] = lon[id] + rnd.nextDouble(-MAX_MOVE_KM, MAX_MOVE_KM) * DEG_PER_KM_LON;
    }
  }

  /** Per-thread output arrays and position in the precomputed inputs. */
  @State(Scope.Thread)
  public static class Caller {
    int next;
    final int[] ids = new int[10];
    final double[] distances = new double[10];
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public int nearest(Caller caller) {
    int q = caller.next++ & (QUERIES - 1);
    return index.nearest(queryLat[q], queryLon[q], 10_000, 10, AVAILABLE, caller.ids,
        caller.distances);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public void upsert(Caller caller) {
    int m = caller.next++ & (MOVES - 1);
    index.upsert(moveId[m], moveLat[m], moveLon[m]);
  }

  private static double randomLat(SplittableRandom rnd) {
    return CENTER_LAT + (rnd.nextDouble() - 0.5) * BOX_KM * DEG_PER_KM_LAT;
  }

  private static double randomLon(SplittableRandom rnd) {
    return CENTER_LON + (rnd.nextDouble() - 0.5) * BOX_KM * DEG_PER_KM_LON;
  }
}
