package org.lamplight.sim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.lamplight.domain.geo.GeoPoint;
import org.lamplight.domain.road.RoadNetwork;

/**
 * The weeks before a demo, so that coverage and the monthly evaluation have something to show.
 * For each past day the simulator works out every unit's rounds with the same patrol model as
 * live (two shifts, 08:00-12:00 and 14:00-18:00 give or take a quarter of an hour, one day off in
 * seven, a fix every two minutes), and sends them through the admin-only history import, which
 * checks them like live fixes except for their age and stores them marked as simulated; the
 * entries made from the villages stayed in go to the ledger with their time. Then it enters the
 * brigade's inspection of the previous evaluation month, and asks the server to recompute the
 * coverage of those days from history. Nothing of it goes through live state or MQTT; days that
 * already have coverage are left alone.
 */
final class Backfill {

  static final int MAX_DAYS = 60;
  /** Days are the server's default coverage zone's. */
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final long STEP_MS = 120_000;
  /** A request body holds at most 64 KiB: about 1,700 fixes of [ts, lat, lon]. */
  private static final int FIXES_PER_REQUEST = 1_500;
  private static final int IN_FLIGHT = 6;
  private static final int[][] SHIFTS = {{8, 12}, {14, 18}};
  private static final double DAY_OFF = 1.0 / 7;

  /** A unit to back-fill, as the live simulator drives it. */
  record Unit(String deviceId, String unitId, GeoPoint home, Vehicle vehicle, List<Patrol.Stop> stops) {
  }

  private final LamplightApi api;
  private final RoadNetwork roads;
  private final List<Unit> units;
  private final int days;
  private final long seed;
  private final double ledgerPerHour;
  private final List<String> inspected;
  private final PrintStream out;
  private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
  private final AtomicLong fixes = new AtomicLong();
  private final AtomicLong entries = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();

  /** @param inspected the offices and workstations the brigade inspects */
  Backfill(LamplightApi api, RoadNetwork roads, List<Unit> units, int days, long seed,
           double ledgerPerHour, List<String> inspected, PrintStream out) {
    this.api = api;
    this.roads = roads;
    this.units = List.copyOf(units);
    this.days = days;
    this.seed = seed;
    this.ledgerPerHour = ledgerPerHour;
    this.inspected = List.copyOf(inspected);
    this.out = out;
  }

  /** The offices and workstations of {@code GET /api/org}. */
  static List<String> inspectedOf(JsonObject org) {
    List<String> ids = new ArrayList<>();
    for (Object s : org.getJsonArray("stations")) {
      for (Object o : ((JsonObject) s).getJsonArray("offices")) {
        ids.add(((JsonObject) o).getString("id"));
        ((JsonObject) o).getJsonArray("workstations").forEach(w -> ids.add(((JsonObject) w).getString("id")));
      }
    }
    return ids;
  }

  void run() {
    LocalDate last = LocalDate.now(ZONE).minusDays(1);
    LocalDate first = last.minusDays(days - 1L);
    try {
      if (alreadyFilled(first, last)) {
        out.println("back-fill: " + first + ".." + last + " has coverage already; left as it is");
        return;
      }
      long started = System.currentTimeMillis();
      out.printf("back-fill: %d days (%s..%s) of %d units%n", days, first, last, units.size());
      for (Unit unit : units) {
        unit(unit, first, last);
      }
      inFlight.acquire(IN_FLIGHT);
      inFlight.release(IN_FLIGHT);
      out.printf("back-fill: %d fixes and %d ledger entries sent (%d requests failed) in %d s%n", fixes.get(),
          entries.get(), failures.get(), (System.currentTimeMillis() - started) / 1000);
      inspect();
      recompute(first, last);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      out.println("back-fill stopped: " + e.getMessage());
    }
  }

  private boolean alreadyFilled(LocalDate first, LocalDate last) {
    return api.getArray("/api/coverage?level=station&from=" + first + "&to=" + last).stream()
        .anyMatch(s -> ((JsonObject) s).getInteger("minutes") > 0);
  }

  /** One unit's days, sent as they are worked out. */
  private void unit(Unit unit, LocalDate first, LocalDate last) throws InterruptedException {
    Random random = new Random(seed * 1_000_003L + unit.deviceId().hashCode());
    Patrol patrol = new Patrol(roads, unit.home(), Simulator.PATROL_RADIUS_M, unit.vehicle(), random, unit.stops());
    // entries are filed from a village stayed in, which is about half the time on duty
    double entryChance = ledgerPerHour * STEP_MS / 3_600_000.0 * 2;
    JsonArray batch = new JsonArray();
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      if (random.nextDouble() < DAY_OFF) {
        continue;
      }
      for (int[] shift : SHIFTS) {
        long start = at(day, shift[0]) + random.nextInt(30 * 60_000) - 15 * 60_000;
        long end = at(day, shift[1]) + random.nextInt(30 * 60_000) - 15 * 60_000;
        for (long t = start; t < end; t += STEP_MS) {
          Motion m = patrol.advance(STEP_MS / 1000.0);
          batch.add(new JsonArray().add(t).add(round(m.lat())).add(round(m.lon())));
          Patrol.Stop stop = patrol.stop();
          if (stop != null && random.nextDouble() < entryChance) {
            entry(unit, WorkLog.entry(random, stop.village(), round(m.lat()), round(m.lon()), t));
          }
          if (batch.size() == FIXES_PER_REQUEST) {
            send(unit, batch);
            batch = new JsonArray();
          }
        }
      }
    }
    if (!batch.isEmpty()) {
      send(unit, batch);
    }
  }

  private void send(Unit unit, JsonArray batch) throws InterruptedException {
    fixes.addAndGet(batch.size());
    track(api.post("/api/history/import", new JsonObject().put("deviceId", unit.deviceId()).put("fixes", batch)));
  }

  /** A device's entry as the console records it for the unit, with the time it was made. */
  private void entry(Unit unit, JsonObject message) throws InterruptedException {
    entries.incrementAndGet();
    track(api.post("/api/ledger", new JsonObject().put("kind", message.getString("kind")).put("unitId", unit.unitId())
        .put("village", message.getString("village")).put("lat", message.getDouble("lat"))
        .put("lon", message.getDouble("lon")).put("count", message.getInteger("count"))
        .put("note", message.getString("note")).put("at", message.getLong("ts"))));
  }

  private void track(CompletableFuture<JsonObject> call) throws InterruptedException {
    inFlight.acquire();
    call.whenComplete((r, e) -> {
      if (e != null) {
        failures.incrementAndGet();
      }
      inFlight.release();
    });
  }

  /** The brigade's scores of the previous evaluation month, 60 to 100 each. */
  private void inspect() {
    YearMonth current = YearMonth.parse(api.getObject("/api/ledger/summary").getString("month"));
    Random random = new Random(seed);
    JsonArray scores = new JsonArray();
    for (String subject : inspected) {
      scores.add(new JsonObject().put("subject", subject).put("hardware", 60 + random.nextInt(41))
          .put("housekeeping", 60 + random.nextInt(41)).put("ledgers", 60 + random.nextInt(41)));
    }
    api.post("/api/evaluations/" + current.minusMonths(1) + "/inspections", new JsonObject().put("inspections", scores))
        .whenComplete((r, e) -> out.println(e == null ? "back-fill: inspections of " + current.minusMonths(1) + " entered"
            : "back-fill: inspections not entered: " + e.getMessage()))
        .join();
  }

  private void recompute(LocalDate first, LocalDate last) throws InterruptedException {
    api.post("/api/coverage/recompute?from=" + first + "&to=" + last, new JsonObject()).join();
    JsonObject status;
    do {
      TimeUnit.SECONDS.sleep(2);
      status = api.getObject("/api/coverage/recompute");
    } while ("running".equals(status.getString("state")));
    out.println("back-fill: coverage of " + first + ".." + last + " recomputed: " + status.getString("state") + ", "
        + status.getLong("fixes") + " fixes, " + status.getInteger("villageDays") + " village-days "
        + status.getString("message"));
  }

  private static long at(LocalDate day, int hour) {
    return day.atTime(hour, 0).atZone(ZONE).toInstant().toEpochMilli();
  }

  private static double round(double degrees) {
    return Math.round(degrees * 1e6) / 1e6;
  }
}
