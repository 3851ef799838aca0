package org.lamplight.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.lamplight.config.Keys;
import org.lamplight.domain.geo.GeoPoint;
import org.lamplight.domain.org.County;
import org.lamplight.domain.org.CountyGenerator;
import org.lamplight.domain.org.Person;
import org.lamplight.domain.org.UnitKind;
import org.lamplight.sim.Credentials;

/**
 * What the sections of one run share: the options, the report, a work directory for the servers'
 * data, the demo county's dispatch responders and background devices, and the accounting of the
 * CPU other programs on this shared machine take (the report's header sums it up).
 */
final class BenchRun {

  static final int RESPONDERS = 4;
  /** Device connections of the ingest, dispatch and console sections; the county gets extra units to have them. */
  static final int CONNECTIONS = 1000;
  /** Background pings during the dispatch section (#17): ten per device per second. */
  static final int BACKGROUND_RATE = 10_000;
  static final int DISTURBED_PCT = 50;
  static final long QUIET_BUDGET_MS = 90_000;

  final BenchOptions options;
  final Report report = new Report();
  final Path work;
  /** Units of the demo county as generated, before any extra ones. */
  final int demoUnits;
  /** Villages and residential committees of the demo county. */
  final long demoVillages;
  /** Southernmost auxiliaries, far from every background device: the only candidates for a benchmark incident. */
  final List<Person> responders;
  final Set<String> responderDevices;
  private final List<Double> othersPct = new ArrayList<>();
  private long quietWaitedMs;

  BenchRun(BenchOptions options) throws IOException {
    this.options = options;
    this.work = Files.createTempDirectory("lamplight-bench");
    County county = new CountyGenerator(Keys.DEMO_SEED.defaultValue()).generate();
    this.demoUnits = county.people().size();
    this.demoVillages = county.areas().stream().filter(a -> a.level().isVillageLike()).count();
    this.responders = pickResponders(county.people());
    this.responderDevices = responders.stream().map(p -> CountyGenerator.deviceIdOf(p.id())).collect(Collectors.toSet());
  }

  /** Southernmost auxiliaries at least 4 km apart: each is alone within the plans' 3 km radius. */
  private static List<Person> pickResponders(List<Person> people) {
    List<Person> out = new ArrayList<>();
    people.stream().filter(p -> p.kind() == UnitKind.AUXILIARY).sorted(Comparator.comparingDouble(p -> p.home().lat()))
        .forEach(p -> {
          if (out.size() < RESPONDERS && out.stream().allMatch(o -> o.home().distanceTo(p.home()) > 4000)) {
            out.add(p);
          }
        });
    return out;
  }

  /**
   * The first {@value #CONNECTIONS} devices that are not responders, each at its own place in the
   * northern half of the county; the responders live in the far south, so no background unit is
   * ever a candidate for a benchmark incident.
   */
  List<LoadGenerator.Device> background(List<Credentials> credentials) {
    SplittableRandom rnd = new SplittableRandom(1);
    return credentials.stream().filter(c -> !responderDevices.contains(c.deviceId())).limit(CONNECTIONS)
        .map(c -> device(c, CountyGenerator.point(rnd.nextDouble() * CountyGenerator.WIDTH_KM,
            (1 + rnd.nextDouble()) * CountyGenerator.HEIGHT_KM / 2)))
        .toList();
  }

  static LoadGenerator.Device device(Credentials c, GeoPoint at) {
    return new LoadGenerator.Device(c.deviceId(), c.deviceId(), c.secret(), at.lat(), at.lon());
  }

  /**
   * Waits, a second at a time, until other programs take at most {@value #DISTURBED_PCT}% CPU; all
   * waits of a run together are bounded by {@value #QUIET_BUDGET_MS} ms so the run stays bounded.
   */
  void awaitQuiet(Supplier<CpuWindow> server) throws InterruptedException {
    while (quietWaitedMs < QUIET_BUDGET_MS) {
      CpuWindow idle = server.get();
      Thread.sleep(1000);
      quietWaitedMs += 1000;
      if (idle.end().othersPct() <= DISTURBED_PCT) {
        return;
      }
    }
  }

  /** Counts what other programs took during a measurement window. */
  void disturbedBy(CpuWindow.Usage window) {
    othersPct.add(window.othersPct());
  }

  /** What other programs took over the measurement windows, in % of a core. */
  DoubleSummaryStatistics othersPct() {
    return othersPct.stream().mapToDouble(Double::doubleValue).summaryStatistics();
  }

  long quietWaitedMs() {
    return quietWaitedMs;
  }

  /** The servers' data (PostgreSQL cluster, logs) goes with a run that succeeded; LAMPLIGHT_BENCH_KEEP=1 keeps it. */
  void deleteWork() throws IOException {
    if ("1".equals(System.getenv("LAMPLIGHT_BENCH_KEEP"))) {
      progress("kept " + work);
      return;
    }
    try (var paths = Files.walk(work)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  static void progress(String line) {
    System.err.println(LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS).toLocalTime() + " " + line);
  }
}
