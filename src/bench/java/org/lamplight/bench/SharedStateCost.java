package org.lamplight.bench;

import io.vertx.core.buffer.Buffer;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.lamplight.cluster.UpdateBatches;
import org.lamplight.domain.geo.GeoPoint;
import org.lamplight.TestUnits;
import org.lamplight.domain.org.Device;
import org.lamplight.domain.org.Person;
import org.lamplight.domain.org.UnitKind;
import org.lamplight.domain.tracking.FixSource;
import org.lamplight.domain.tracking.FixValidator;
import org.lamplight.domain.tracking.LiveUnits;
import org.lamplight.domain.tracking.PositionFix;

/**
 * What the live state every cluster node holds costs at scale: the heap {@link LiveUnits}
 * retains per unit, and the CPU one node spends sending and applying the position batches
 * ({@link UpdateBatches}), for units spread over a square box. Arguments (optional): units
 * (1000000), box edge in km (300). For example:
 * {@code java -Xmx4g -cp target/lamplight-bench.jar org.lamplight.bench.SharedStateCost}
 */
public final class SharedStateCost {

  private static final int BATCH = 5_000;
  private static final int ROUNDS = 40;

  private SharedStateCost() {
  }

  public static void main(String[] args) {
    int units = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    double boxKm = args.length > 1 ? Double.parseDouble(args[1]) : 300;
    double degLat = boxKm / 111.195;
    double degLon = degLat / Math.cos(Math.toRadians(33.79));
    SplittableRandom rnd = new SplittableRandom(42);
    FixValidator validator = new FixValidator(60_000, 86_400_000, 70);

    long before = usedHeapAfterGc();
    List<Person> people = new ArrayList<>(units);
    for (int i = 0; i < units; i++) {
      people.add(new Person(String.format("aux-%07d", i), "unit " + i, UnitKind.AUXILIARY, "", "W" + i / 100,
          "O" + i / 1000, "S" + i / 10_000,
          new GeoPoint(33.79 + (rnd.nextDouble() - 0.5) * degLat, 114.53 + (rnd.nextDouble() - 0.5) * degLon)));
    }
    List<Device> devices = TestUnits.devices(people);
    LiveUnits live = new LiveUnits(people, devices, validator, 1000);
    long t0 = System.currentTimeMillis() - 3_600_000;
    for (int i = 0; i < units; i++) {
      GeoPoint home = people.get(i).home();
      live.applyFix(fix(devices.get(i).id(), home.lat(), home.lon(), t0));
    }
    live.drainChanged(u -> { });
    long retained = usedHeapAfterGc() - before;

    // one node's batches, applied by another node: every unit moves a few metres per round
    UpdateBatches sender = new UpdateBatches(live);
    UpdateBatches receiver = new UpdateBatches(live);
    long encodeNanos = 0;
    long applyNanos = 0;
    long bytes = 0;
    long fixes = 0;
    for (int round = 1; round <= ROUNDS; round++) {
      for (int start = 0; start < units; start += BATCH * 10) {
        for (int i = start; i < Math.min(units, start + BATCH); i++) {
          GeoPoint home = people.get(i).home();
          sender.moved(fix(devices.get(i).id(), home.lat() + round * 1e-5, home.lon(), t0 + round * 10_000L));
        }
        long a = System.nanoTime();
        List<Buffer> batches = sender.drain();
        long b = System.nanoTime();
        for (Buffer batch : batches) {
          fixes += receiver.apply(batch);
          bytes += batch.length();
        }
        long c = System.nanoTime();
        if (round > ROUNDS / 2) { // the first half warms the JIT up
          encodeNanos += b - a;
          applyNanos += c - b;
        } else {
          fixes = 0;
          bytes = 0;
        }
        live.drainChanged(u -> { });
      }
    }
    System.out.printf("units               %,d in a %.0f x %.0f km box%n", units, boxKm, boxKm);
    System.out.printf("live state heap     %.0f MiB, %.0f bytes per unit (its person record, latest fix, state, grid index)%n",
        retained / 1048576.0, (double) retained / units);
    System.out.printf("batch size          %.1f bytes per fix%n", (double) bytes / fixes);
    System.out.printf("sending             %.2f us per fix (queue and encode)%n", encodeNanos / 1000.0 / fixes);
    System.out.printf("applying            %.2f us per fix (decode, live state, grid index)%n", applyNanos / 1000.0 / fixes);
    System.out.printf("one core applies    %,.0f fixes/s%n", fixes / (applyNanos / 1e9));
    Reference.reachabilityFence(live);
  }

  private static PositionFix fix(String deviceId, double lat, double lon, long ts) {
    return new PositionFix(deviceId, lat, lon, ts, 8, PositionFix.ABSENT, PositionFix.ABSENT, PositionFix.ABSENT, 70,
        FixSource.LAMPLIGHT);
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
