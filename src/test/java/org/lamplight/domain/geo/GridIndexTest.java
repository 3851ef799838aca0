package org.lamplight.domain.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GridIndexTest {

  private static final double LAT = 33.79;
  private static final double LON = 114.53;
  private static final double KM_LAT = 1 / 111.195;
  private static final double KM_LON = KM_LAT / Math.cos(Math.toRadians(LAT));
  private static final double[] RADII =
      {0, 50, 300, 1_000, 5_000, 60_000, Double.POSITIVE_INFINITY};
  private static final IntPredicate[] FILTERS = {null, id -> id % 3 != 0, id -> false};

  @Test
  void matchesBruteForceOnRandomPoints() {
    SplittableRandom rnd = new SplittableRandom(1);
    Model model = new Model(20_000);
    GridIndex index = new GridIndex(500);
    for (int id = 0; id < 20_000; id++) {
      model.upsert(index, id, LAT + (rnd.nextDouble() - 0.5) * 40 * KM_LAT,
          LON + (rnd.nextDouble() - 0.5) * 40 * KM_LON);
    }
    for (int q = 0; q < 400; q++) {
      model.assertQueryMatches(index, LAT + (rnd.nextDouble() - 0.5) * 50 * KM_LAT,
          LON + (rnd.nextDouble() - 0.5) * 50 * KM_LON, RADII[rnd.nextInt(RADII.length)],
          1 + rnd.nextInt(25), FILTERS[rnd.nextInt(FILTERS.length)]);
    }
  }

  @Test
  void matchesBruteForceOnSparsePointsWorldwide() {
    SplittableRandom rnd = new SplittableRandom(2);
    Model model = new Model(3_000);
    GridIndex index = new GridIndex(1_000);
    for (int id = 0; id < 3_000; id++) {
      model.upsert(index, id, randomLatOnSphere(rnd), rnd.nextDouble(-180, 180));
    }
    double[] radii = {10_000, 500_000, 3_000_000, 15_000_000, Double.POSITIVE_INFINITY};
    for (int q = 0; q < 150; q++) {
      model.assertQueryMatches(index, randomLatOnSphere(rnd), rnd.nextDouble(-180, 180),
          radii[rnd.nextInt(radii.length)], 1 + rnd.nextInt(40), FILTERS[rnd.nextInt(2)]);
    }
  }

  @Test
  void pointsAndQueriesOnCellEdges() {
    GridIndex index = new GridIndex(1_000);
    Model model = new Model(10_000);
    int id = 0;
    double[][] cellsToProbe = {{LAT, LON}, {0.0004, 0.0003}, {-45.2, 179.999}, {89.95, 10}};
    for (double[] base : cellsToProbe) {
      double[] b = index.cellBounds(base[0], base[1]);
      for (double lat : edgeValues(b[0], b[1])) {
        for (double lon : edgeValues(b[2], b[3])) {
          if (lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180) {
            model.upsert(index, id++, lat, lon);
          }
        }
      }
    }
    for (int q = 0; q < id; q += 7) {
      double lat = model.lat[q];
      double lon = model.lon[q];
      model.assertQueryMatches(index, lat, lon, 0, 5, null);
      // a radius equal to the exact distance of some point must include that point
      int other = (q * 31 + 5) % id;
      double exact = GeoPoint.distanceMeters(lat, lon, model.lat[other], model.lon[other]);
      model.assertQueryMatches(index, lat, lon, exact, id, null);
      model.assertQueryMatches(index, lat, lon, 1_500, 12, id2 -> id2 % 2 == 0);
    }
  }

  @Test
  void equalDistancesAreOrderedById() {
    GridIndex index = new GridIndex(1_000);
    for (int id = 50; id >= 0; id--) {
      index.upsert(id, LAT, LON);
    }
    int[] ids = new int[5];
    double[] distances = new double[5];
    assertThat(index.nearest(LAT + 0.01, LON, 10_000, 5, null, ids, distances)).isEqualTo(5);
    assertThat(ids).containsExactly(0, 1, 2, 3, 4);
    assertThat(distances).containsOnly(distances[0]);
  }

  @Test
  void movesAndRemovals() {
    GridIndex index = new GridIndex(1_000);
    index.upsert(7, LAT, LON);
    index.upsert(7, LAT + 0.1 * KM_LAT, LON); // same cell or the next one: either way one point
    assertThat(index.size()).isEqualTo(1);
    index.upsert(7, LAT + 5 * KM_LAT, LON);
    assertThat(index.size()).isEqualTo(1);
    int[] ids = new int[3];
    double[] distances = new double[3];
    assertThat(index.nearest(LAT, LON, 4_000, 3, null, ids, distances)).isZero();
    assertThat(index.nearest(LAT + 5 * KM_LAT, LON, 1, 3, null, ids, distances)).isEqualTo(1);
    assertThat(ids[0]).isEqualTo(7);
    assertThat(distances[0]).isZero();

    index.remove(7);
    index.remove(7);
    index.remove(123_456_789);
    assertThat(index.contains(7)).isFalse();
    assertThat(index.size()).isZero();
    assertThat(index.occupiedCells()).isZero();
    assertThat(index.nearest(LAT, LON, Double.POSITIVE_INFINITY, 3, null, ids, distances)).isZero();

    index.upsert(7, LAT, LON);
    assertThat(index.contains(7)).isTrue();
  }

  @Test
  void randomChurnMatchesBruteForceAndFreesEmptyCells() {
    SplittableRandom rnd = new SplittableRandom(3);
    Model model = new Model(2_000);
    GridIndex index = new GridIndex(300);
    for (int op = 0; op < 60_000; op++) {
      int id = rnd.nextInt(2_000);
      if (rnd.nextInt(5) == 0) {
        model.remove(index, id);
      } else if (model.present[id] && rnd.nextBoolean()) {
        model.upsert(index, id, model.lat[id] + (rnd.nextDouble() - 0.5) * 0.4 * KM_LAT,
            model.lon[id] + (rnd.nextDouble() - 0.5) * 0.4 * KM_LON);
      } else {
        model.upsert(index, id, LAT + (rnd.nextDouble() - 0.5) * 10 * KM_LAT,
            LON + (rnd.nextDouble() - 0.5) * 10 * KM_LON);
      }
    }
    model.assertSameContent(index);
    for (int q = 0; q < 200; q++) {
      model.assertQueryMatches(index, LAT + (rnd.nextDouble() - 0.5) * 12 * KM_LAT,
          LON + (rnd.nextDouble() - 0.5) * 12 * KM_LON, RADII[rnd.nextInt(RADII.length)],
          1 + rnd.nextInt(30), FILTERS[rnd.nextInt(FILTERS.length)]);
    }
    for (int id = 0; id < 2_000; id++) {
      index.remove(id);
    }
    assertThat(index.size()).isZero();
    assertThat(index.occupiedCells()).isZero();
  }

  /**
   * Dense clusters around both poles and across the antimeridian (Fiji), so that ring search,
   * not the scan-everything fallback, has to handle wrapped and whole-circle rows.
   */
  @Test
  void polesAndAntimeridian() {
    SplittableRandom rnd = new SplittableRandom(4);
    Model model = new Model(15_000);
    GridIndex index = new GridIndex(1_000);
    int id = 0;
    for (double lon : new double[] {-180, -90, 0, 45.5, 180}) {
      model.upsert(index, id++, 90, lon);
      model.upsert(index, id++, -90, lon);
    }
    while (id < 10_000) {
      double lat = (id % 2 == 0 ? 1 : -1) * (90 - rnd.nextDouble(0.1));
      model.upsert(index, id++, lat, rnd.nextDouble(-180, 180));
    }
    while (id < 15_000) {
      double lon = 180 - rnd.nextDouble(0.1);
      model.upsert(index, id++, -17 + rnd.nextDouble(-0.1, 0.1), rnd.nextBoolean() ? lon : -lon);
    }
    double[] radii = {0, 100, 2_000, 8_000, 30_000, Double.POSITIVE_INFINITY};
    for (int q = 0; q < 200; q++) {
      double lat;
      double lon = q % 3 == 0 ? (q % 2 == 0 ? 180 : -180) : rnd.nextDouble(-180, 180);
      if (q < 20) {
        lat = q % 2 == 0 ? 90 : -90;
      } else if (q < 140) {
        lat = (q % 2 == 0 ? 1 : -1) * (90 - rnd.nextDouble(0.08));
      } else {
        lat = -17 + rnd.nextDouble(-0.05, 0.05);
        lon = (rnd.nextBoolean() ? 1 : -1) * (180 - rnd.nextDouble(0.05));
      }
      int k = q % 4 == 0 ? 2_000 : 1 + rnd.nextInt(20);
      model.assertQueryMatches(index, lat, lon, radii[rnd.nextInt(radii.length)], k,
          FILTERS[rnd.nextInt(2)]);
    }
  }

  @Test
  void rejectsInvalidArguments() {
    GridIndex index = new GridIndex(1_000);
    assertThatThrownBy(() -> new GridIndex(1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> index.upsert(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> index.upsert(1, 90.5, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> index.upsert(1, 0, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> index.nearest(0, 0, -1, 1, null, new int[1], new double[1]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> index.nearest(0, 0, 1, 2, null, new int[1], new double[2]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(index.size()).isZero();
  }

  /**
   * Writers upsert and remove (own ids, plus ids all writers fight over) in a small area while
   * readers query and check every answer's shape. After a final sequential pass over the
   * contended ids the index must hold exactly the expected content. Crowded cells stress the
   * cell locks; a handful of points in a few cells makes cells appear and vanish all the time.
   */
  @ParameterizedTest(name = "{0} own + {1} shared ids, {2} m cells, {3} km area")
  @CsvSource({"1000, 50, 200, 2", "100, 50, 50, 1", "2, 4, 50, 0.15"})
  @Timeout(120) // a deadlock guard, not a performance bound
  void concurrentUpdatesAndQueries(int ownIds, int sharedIds, double cellSize, double areaKm)
      throws InterruptedException {
    int writers = 4;
    int readers = 2;
    Model model = new Model(sharedIds + writers * ownIds);
    GridIndex index = new GridIndex(cellSize);
    CountDownLatch start = new CountDownLatch(1);
    AtomicBoolean writing = new AtomicBoolean(true);
    Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    List<Thread> writerThreads = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int first = sharedIds + w * ownIds;
      SplittableRandom rnd = new SplittableRandom(100 + w);
      writerThreads.add(thread(start, failures, () -> {
        int[] found = new int[1];
        double[] distance = new double[1];
        for (int op = 0; op < 40_000; op++) {
          boolean shared = rnd.nextInt(10) == 0;
          int id = shared ? rnd.nextInt(sharedIds) : first + rnd.nextInt(ownIds);
          double lat = LAT + (rnd.nextDouble() - 0.5) * areaKm * KM_LAT;
          double lon = LON + (rnd.nextDouble() - 0.5) * areaKm * KM_LON;
          boolean remove = rnd.nextInt(8) == 0;
          if (shared) {
            if (remove) {
              index.remove(id);
            } else {
              index.upsert(id, lat, lon);
            }
            continue;
          }
          // each writer owns its slice of the model arrays, and its ids stay where it put them
          if (remove) {
            model.remove(index, id);
            assertThat(index.contains(id)).isFalse();
          } else {
            model.upsert(index, id, lat, lon);
            assertThat(index.nearest(lat, lon, 0, 1, other -> other == id, found, distance))
                .as("own write of %d", id).isEqualTo(1);
          }
        }
      }));
    }
    List<Thread> readerThreads = new ArrayList<>();
    for (int r = 0; r < readers; r++) {
      SplittableRandom rnd = new SplittableRandom(200 + r);
      readerThreads.add(thread(start, failures, () -> {
        int[] ids = new int[64];
        double[] distances = new double[64];
        for (int q = 0; writing.get() || q < 500; q++) {
          int k = 1 + rnd.nextInt(64);
          double radius = RADII[rnd.nextInt(RADII.length)];
          IntPredicate filter = FILTERS[rnd.nextInt(2)];
          int n = index.nearest(LAT + (rnd.nextDouble() - 0.5) * areaKm * KM_LAT,
              LON + (rnd.nextDouble() - 0.5) * areaKm * KM_LON, radius, k, filter, ids, distances);
          assertThat(n).isBetween(0, k);
          assertThat(Arrays.stream(ids, 0, n).distinct().count()).isEqualTo(n);
          for (int i = 0; i < n; i++) {
            assertThat(distances[i]).isBetween(i == 0 ? 0 : distances[i - 1], radius);
            assertThat(filter == null || filter.test(ids[i])).isTrue();
          }
        }
      }));
    }
    start.countDown();
    for (Thread t : writerThreads) {
      t.join();
    }
    writing.set(false);
    for (Thread t : readerThreads) {
      t.join();
    }
    assertThat(failures).isEmpty();

    for (int id = 0; id < sharedIds; id++) {
      if (id % 4 == 0) {
        model.remove(index, id);
      } else {
        model.upsert(index, id, LAT + id * 0.001, LON - id * 0.001);
      }
    }
    model.assertSameContent(index);
  }

  private static Thread thread(CountDownLatch start, Queue<Throwable> failures, Runnable body) {
    Thread t = new Thread(() -> {
      try {
        start.await();
        body.run();
      } catch (Throwable e) {
        failures.add(e);
      }
    });
    t.start();
    return t;
  }

  private static double randomLatOnSphere(SplittableRandom rnd) {
    return Math.toDegrees(Math.asin(rnd.nextDouble(-1, 1)));
  }

  private static double[] edgeValues(double low, double high) {
    return new double[] {Math.nextDown(low), low, Math.nextUp(low), (low + high) / 2,
        Math.nextDown(high), high, Math.nextUp(high)};
  }

  /** Expected content by id, and the brute-force answer to a query. */
  private static final class Model {
    final double[] lat;
    final double[] lon;
    final boolean[] present;

    Model(int capacity) {
      lat = new double[capacity];
      lon = new double[capacity];
      present = new boolean[capacity];
    }

    void upsert(GridIndex index, int id, double lat, double lon) {
      index.upsert(id, lat, lon);
      this.lat[id] = lat;
      this.lon[id] = lon;
      present[id] = true;
    }

    void remove(GridIndex index, int id) {
      index.remove(id);
      present[id] = false;
    }

    void assertQueryMatches(GridIndex index, double qLat, double qLon, double radius, int k,
                            IntPredicate filter) {
      List<double[]> hits = new ArrayList<>();
      for (int id = 0; id < present.length; id++) {
        if (present[id] && (filter == null || filter.test(id))) {
          double d = GeoPoint.distanceMeters(qLat, qLon, lat[id], lon[id]);
          if (d <= radius) {
            hits.add(new double[] {d, id});
          }
        }
      }
      hits.sort(Comparator.<double[]>comparingDouble(h -> h[0]).thenComparingDouble(h -> h[1]));
      List<double[]> expected = hits.subList(0, Math.min(k, hits.size()));

      int[] ids = new int[k];
      double[] distances = new double[k];
      int n = index.nearest(qLat, qLon, radius, k, filter, ids, distances);
      String query = "query " + qLat + "," + qLon + " r=" + radius + " k=" + k;
      assertThat(Arrays.copyOf(ids, n)).as(query)
          .containsExactly(expected.stream().mapToInt(h -> (int) h[1]).toArray());
      assertThat(Arrays.copyOf(distances, n)).as(query)
          .containsExactly(expected.stream().mapToDouble(h -> h[0]).toArray());
    }

    void assertSameContent(GridIndex index) {
      int count = 0;
      for (int id = 0; id < present.length; id++) {
        assertThat(index.contains(id)).as("contains " + id).isEqualTo(present[id]);
        if (present[id]) {
          count++;
          // every point is found exactly where the model says it is
          int[] ids = new int[1];
          double[] distances = new double[1];
          int self = id;
          int n = index.nearest(lat[id], lon[id], 0, 1, other -> other == self, ids, distances);
          assertThat(n).as("position of " + id).isEqualTo(1);
        }
      }
      assertThat(index.size()).isEqualTo(count);
      // a stale copy left in some other cell would show up, nearer than the real one, from one side
      for (double[] q : new double[][] {{0, 0}, {-3, -3}, {-3, 3}, {3, -3}, {3, 3}}) {
        assertQueryMatches(index, LAT + q[0] * KM_LAT, LON + q[1] * KM_LON,
            Double.POSITIVE_INFINITY, count + 1, null);
      }
    }
  }
}
