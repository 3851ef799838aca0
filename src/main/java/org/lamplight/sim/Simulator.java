package org.lamplight.sim;

import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.lamplight.domain.geo.GeoPoint;
import org.lamplight.domain.road.RoadNetwork;

/**
 * Plays the patrol devices of a county against a running Lamplight server: each device logs in
 * over MQTT with its own credentials, makes its rounds of the villages it looks after and the
 * roads around them, files work ledger entries from the villages, goes on and off duty, and
 * answers orders the way its officer would; a clerk follows the hazards found through their
 * rectification. Optionally reports incidents at random, and back-fills the weeks before with
 * simulated history ({@link Backfill}). Prints progress every 5 s and a summary at the end. Run
 * with {@code scripts/simulate --help}.
 */
public final class Simulator implements AutoCloseable {

  /** Patrols keep to the roads within this distance of home: the village and its neighbours. */
  static final double PATROL_RADIUS_M = 3000;
  private static final long PROGRESS_MS = 5000;
  /** Officers go off duty (and back) about 1.5 times an hour, after a shift of at least five minutes. */
  private static final double DUTY_CHANGES_PER_HOUR = 1.5;
  private static final int CONNECTS_IN_FLIGHT = 32;
  private static final String[] INCIDENT_TYPES = {"fire", "traffic", "security"};
  /** How often the station's clerk works through the open hazards. */
  private static final long HAZARD_PASS_MS = 120_000;

  private final SimSettings settings;
  private final PrintStream out;
  private final LamplightApi api;
  private final SimStats stats = new SimStats();
  private final List<DeviceAgent> agents = new ArrayList<>();
  private final ScheduledExecutorService sim = Executors.newSingleThreadScheduledExecutor(r -> thread(r, "sim-devices"));
  private final ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(r -> thread(r, "sim-report"));
  private final CountDownLatch ended = new CountDownLatch(1);
  private final AtomicBoolean closed = new AtomicBoolean();
  private final long startedMs = System.currentTimeMillis();
  private long lastPings;
  private final CompletableFuture<Void> backfilled = new CompletableFuture<>();
  private Thread backfilling;

  private Simulator(SimSettings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
    this.api = new LamplightApi(settings.http());
  }

  public static void main(String[] args) throws Exception {
    if (Arrays.asList(args).contains("--help")) {
      System.out.println(SimSettings.USAGE);
      return;
    }
    SimSettings settings;
    try {
      settings = SimSettings.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(SimSettings.USAGE);
      System.exit(2);
      return;
    }
    Simulator simulator;
    try {
      simulator = start(settings, System.out);
    } catch (Exception e) {
      System.err.println("simulator did not start: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "sim-shutdown"));
    simulator.awaitEnd();
    simulator.close();
    System.exit(0);
  }

  /** Logs in, loads the county, connects every device and starts them; returns once all connects were tried. */
  static Simulator start(SimSettings settings, PrintStream out) throws Exception {
    Simulator s = new Simulator(settings, out);
    try {
      s.run();
      return s;
    } catch (Exception e) {
      s.close();
      throw e;
    }
  }

  public SimStats stats() {
    return stats;
  }

  /** Completes once the back-fill asked for is done (at once without one). */
  CompletableFuture<Void> backfilled() {
    return backfilled;
  }

  /** Blocks until the duration has passed or the simulator was closed. */
  void awaitEnd() throws InterruptedException {
    ended.await(Math.max(0, startedMs + settings.durationMs() - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
  }

  private void run() throws Exception {
    api.login("admin", settings.adminPassword());
    Map<String, JsonObject> unitsById = new HashMap<>();
    api.units().forEach(u -> unitsById.put(((JsonObject) u).getString("id"), (JsonObject) u));
    RoadNetwork roads = RoadNetwork.of(BasemapRoads.of(api.basemap()));
    JsonObject org = api.org();
    CountyArea county = CountyArea.fromOrg(org);
    VillageStops stops = new VillageStops(org);
    List<Credentials> all = Credentials.read(settings.credentials());
    List<Credentials> chosen = all.subList(0, settings.devices() == 0 ? all.size() : Math.min(settings.devices(), all.size()));
    out.printf("simulating %d devices against %s and tcp://%s:%d (seed %d, %d road nodes)%n", chosen.size(),
        settings.http(), settings.mqttHost(), settings.mqttPort(), settings.seed(), roads.size());

    AnswerPolicy policy = settings.policy();
    PoissonArrivals dutyChanges = new PoissonArrivals(DUTY_CHANGES_PER_HOUR);
    PoissonArrivals entries = new PoissonArrivals(settings.ledgerPerHour());
    List<Backfill.Unit> patrolled = new ArrayList<>();
    long now = System.currentTimeMillis();
    for (Credentials c : chosen) {
      JsonObject unit = unitsById.get(c.unitId());
      if (unit == null) {
        out.println(c.deviceId() + " reports for " + c.unitId() + ", not a unit of this server; skipped");
        continue;
      }
      Random random = new Random(settings.seed() * 1_000_003L + c.deviceId().hashCode());
      JsonObject home = unit.getJsonObject("home");
      GeoPoint homePoint = new GeoPoint(home.getDouble("lat"), home.getDouble("lon"));
      Vehicle vehicle = vehicleOf(unit.getString("kind"), random);
      List<Patrol.Stop> own = stops.of(unit);
      Patrol patrol = new Patrol(roads, homePoint, PATROL_RADIUS_M, vehicle, random, own);
      SimDevice device = new SimDevice(patrol, policy, dutyChanges, entries, random, now);
      patrolled.add(new Backfill.Unit(c.deviceId(), c.unitId(), homePoint, vehicle, own));
      agents.add(new DeviceAgent(c, device, settings.mqttHost(), settings.mqttPort(), sim, stats));
    }
    connectAll();
    Random timing = new Random(settings.seed());
    for (DeviceAgent a : agents) {
      a.startPinging(timing.nextLong(settings.intervalMs()), settings.intervalMs());
    }
    reporter.scheduleAtFixedRate(this::progress, PROGRESS_MS, PROGRESS_MS, TimeUnit.MILLISECONDS);
    if (settings.incidentsPerHour() > 0) {
      scheduleIncident(new PoissonArrivals(settings.incidentsPerHour()), county, timing);
    }
    HazardClerk clerk = new HazardClerk(api, new Random(settings.seed() + 1), stats);
    reporter.scheduleWithFixedDelay(clerk::pass, HAZARD_PASS_MS, HAZARD_PASS_MS, TimeUnit.MILLISECONDS);
    if (settings.backfillDays() > 0) {
      Backfill backfill = new Backfill(api, roads, patrolled, settings.backfillDays(), settings.seed(),
          settings.ledgerPerHour(), Backfill.inspectedOf(org), out);
      backfilling = thread(() -> {
        backfill.run();
        backfilled.complete(null);
      }, "sim-backfill");
      backfilling.start();
    } else {
      backfilled.complete(null);
    }
  }

  /** A few connects at a time: each costs the server a password hash. */
  private void connectAll() throws InterruptedException {
    Semaphore permits = new Semaphore(CONNECTS_IN_FLIGHT);
    for (DeviceAgent a : agents) {
      permits.acquire();
      a.connect().whenComplete((ack, e) -> permits.release());
    }
    permits.acquire(CONNECTS_IN_FLIGHT);
  }

  /** Officers drive; auxiliaries mostly ride e-bikes, some walk, a few have a car. */
  private static Vehicle vehicleOf(String kind, Random random) {
    if ("officer".equals(kind)) {
      return Vehicle.CAR;
    }
    double u = random.nextDouble();
    return u < 0.25 ? Vehicle.WALK : u < 0.85 ? Vehicle.EBIKE : Vehicle.CAR;
  }

  private void scheduleIncident(PoissonArrivals arrivals, CountyArea county, Random random) {
    reporter.schedule(() -> {
      GeoPoint at = county.randomPoint(random);
      String type = INCIDENT_TYPES[random.nextInt(INCIDENT_TYPES.length)];
      double u = random.nextDouble();
      int severity = u < 0.5 ? 1 : u < 0.85 ? 2 : 3;
      api.createIncident(type, severity, at.lat(), at.lon(), "simulated " + type + " report")
          .whenComplete((incident, e) -> (e == null ? stats.incidentsCreated : stats.errors).increment());
      scheduleIncident(arrivals, county, random);
    }, arrivals.nextGapMs(random), TimeUnit.MILLISECONDS);
  }

  private void progress() {
    long pings = stats.pings();
    double perSecond = (pings - lastPings) * 1000.0 / PROGRESS_MS;
    lastPings = pings;
    String open;
    try {
      open = String.valueOf(api.openIncidents());
    } catch (RuntimeException e) {
      open = "?";
    }
    out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + stats.progress(agents.size(), perSecond, open));
  }

  /** Stops every device (disconnecting cleanly) and prints the summary; safe to call more than once. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    ended.countDown();
    reporter.shutdownNow();
    if (backfilling != null) {
      backfilling.interrupt();
    }
    CompletableFuture<?>[] stops = agents.stream().map(DeviceAgent::stop).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(stops).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      out.println("not every device disconnected cleanly: " + e.getMessage());
    }
    sim.shutdownNow();
    out.println(stats.summary(agents.size(), (System.currentTimeMillis() - startedMs) / 1000.0));
  }

  private static Thread thread(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
