package org.lamplight.bench;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.SplittableRandom;
import org.lamplight.domain.geo.GridIndex;

/**
 * Prints the heap a {@link GridIndex} retains per point, for uniformly random points in a square
 * box around 33.79N 114.53E. Arguments (all optional): points (1000000), box edge in km (100),
 * cell edge in metres (1000). For example:
 * {@code java -Xmx2g -cp target/lamplight-bench.jar org.lamplight.bench.MemoryFootprint}
 */
public final class MemoryFootprint {

  private MemoryFootprint() {
  }

  public static void main(String[] args) {
    int points = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    double boxKm = args.length > 1 ? Double.parseDouble(args[1]) : 100;
    double cellMeters = args.length > 2 ? Double.parseDouble(args[2]) : 1_000;
    double degPerKmLat = 1 / 111.195;
    double degPerKmLon = degPerKmLat / Math.cos(Math.toRadians(33.79));
    SplittableRandom rnd = new SplittableRandom(42);

    long before = usedHeapAfterGc();
    GridIndex index = new GridIndex(cellMeters);
    for (int id = 0; id < points; id++) {
      index.upsert(id, 33.79 + (rnd.nextDouble() - 0.5) * boxKm * degPerKmLat,
          114.53 + (rnd.nextDouble() - 0.5) * boxKm * degPerKmLon);
    }
    long retained = usedHeapAfterGc() - before;

    System.out.printf("points            %,d in a %.0f x %.0f km box, %.0f m cells%n",
        points, boxKm, boxKm, cellMeters);
    System.out.printf("occupied cells    %,d (%.1f points per cell)%n",
        index.occupiedCells(), (double) points / index.occupiedCells());
    System.out.printf("retained heap     %.1f MiB%n", retained / 1048576.0);
    System.out.printf("bytes per point   %.1f%n", (double) retained / points);
    Reference.reachabilityFence(index);
  }

  private static long usedHeapAfterGc() {
    // several rounds: one System.gc() may leave garbage that the next one finds
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
