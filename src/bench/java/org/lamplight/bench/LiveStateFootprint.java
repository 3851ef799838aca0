package org.lamplight.bench;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.lamplight.domain.geo.GeoPoint;
import org.lamplight.domain.org.Device;
import org.lamplight.domain.org.Person;
import org.lamplight.domain.org.UnitKind;
import org.lamplight.domain.tracking.FixSource;
import org.lamplight.domain.tracking.FixValidator;
import org.lamplight.domain.tracking.LiveUnits;
import org.lamplight.domain.tracking.PositionFix;

/**
 * Prints the heap retained per tracked unit by the live state ({@link LiveUnits}: unit state, the
 * latest fix, the id maps and the grid index), for synthetic units spread uniformly over a
 * 100 × 100 km box with one fix each; and, separately, by the {@link Person} and {@link Device}
 * records it is built from. Argument: the number of units (default 1,000,000). Run in a fresh JVM, e.g.
 * {@code java -Xmx3g -cp target/lamplight-bench.jar org.lamplight.bench.LiveStateFootprint 1000000}.
 */
public final class LiveStateFootprint {

  private static final double BOX_KM = 100;

  private LiveStateFootprint() {
  }

  public static void main(String[] args) {
    int units = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    double degLat = BOX_KM / 111.195;
    double degLon = degLat / Math.cos(Math.toRadians(33.79));
    SplittableRandom rnd = new SplittableRandom(42);

    long empty = usedHeapAfterGc();
    List<Person> people = new ArrayList<>(units);
    List<Device> devices = new ArrayList<>(units);
    for (int i = 0; i < units; i++) {
      GeoPoint home = new GeoPoint(33.79 + (rnd.nextDouble() - 0.5) * degLat, 114.53 + (rnd.nextDouble() - 0.5) * degLon);
      String id = String.format("aux-%07d", i);
      people.add(new Person(id, "name-" + i, UnitKind.AUXILIARY, "", "W" + i / 10, "O" + i / 100, "S" + i / 1000, home));
      devices.add(new Device("dev-" + id, id));
    }
    long withPeople = usedHeapAfterGc();

    LiveUnits live = new LiveUnits(people, devices, new FixValidator(60_000, 86_400_000, 70), 1000);
    long now = System.currentTimeMillis();
    for (int i = 0; i < units; i++) {
      GeoPoint home = people.get(i).home();
      live.applyFix(new PositionFix(devices.get(i).id(), home.lat(), home.lon(), now, 5, 1.2, 90, PositionFix.ABSENT,
          80, FixSource.LAMPLIGHT));
    }
    live.drainChanged(u -> { }); // as the console feed does every tick
    long withLiveState = usedHeapAfterGc();

    System.out.printf("units %d%n", units);
    System.out.printf("people_bytes_per_unit %.1f%n", (double) (withPeople - empty) / units);
    System.out.printf("live_bytes_per_unit %.1f%n", (double) (withLiveState - withPeople) / units);
    System.out.printf("total_mib %.1f%n", (withLiveState - empty) / 1048576.0);
    Reference.reachabilityFence(people);
    Reference.reachabilityFence(live);
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) { // one System.gc() may leave garbage the next one finds
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
