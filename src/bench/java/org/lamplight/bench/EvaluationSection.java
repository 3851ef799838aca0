package org.lamplight.bench;

import static org.lamplight.bench.BenchRun.progress;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.lamplight.Node;
import org.lamplight.config.Config;
import org.lamplight.config.Keys;
import org.lamplight.county.BundleSource;
import org.lamplight.county.BundleWriter;
import org.lamplight.county.CountyImport;
import org.lamplight.county.CountyRepository;
import org.lamplight.county.ImportOptions;
import org.lamplight.county.ImportProgress;
import org.lamplight.county.ImportResult;
import org.lamplight.domain.area.Area;
import org.lamplight.domain.area.AreaLevel;
import org.lamplight.domain.coverage.PatrolRequirements;
import org.lamplight.domain.coverage.UnitDay;
import org.lamplight.domain.coverage.VillageDay;
import org.lamplight.domain.evaluation.EvaluationMonth;
import org.lamplight.domain.evaluation.EvaluationSettings;
import org.lamplight.domain.evaluation.Inspection;
import org.lamplight.domain.dispatch.EventKind;
import org.lamplight.domain.evaluation.Offer;
import org.lamplight.domain.evaluation.Tier;
import org.lamplight.domain.ledger.Hazard;
import org.lamplight.domain.ledger.HazardStatus;
import org.lamplight.domain.ledger.LedgerEntry;
import org.lamplight.domain.ledger.LedgerKind;
import org.lamplight.domain.org.County;
import org.lamplight.domain.org.Person;
import org.lamplight.patrol.EvaluationService;
import org.lamplight.platform.RandomSecrets;
import org.lamplight.sim.LamplightApi;
import org.lamplight.store.Database;

/**
 * Section 8: a month's evaluation of a county of 2,025 villages ({@link SyntheticCounty}, 45 × 45),
 * end to end: the county imported and a month of records stored in an embedded PostgreSQL (a day
 * row per village and per unit, 30,000 ledger entries, 300 hazards, 3,000 offers in the incidents'
 * timelines, an inspection of every office and workstation), then a node started on it in this JVM
 * and timed: the service call {@code GET /api/evaluations/{month}} makes (records read from
 * PostgreSQL, every office, workstation, officer and auxiliary evaluated and ranked) and the whole
 * request as a client sees it (the JSON rendered and sent too).
 */
final class EvaluationSection {

  private static final int SIDE = 45;
  private static final int WARMUP = 3;
  private static final int RUNS = 7;
  private static final int BATCH = 5_000;
  private static final ZoneId ZONE = ZoneId.of(Keys.COVERAGE_ZONE.defaultValue());

  private static final String INSERT_VILLAGE_DAY = "insert into coverage_village_days (village, day, presence_ms, visits,"
      + " last_visit, units) values ($1, $2, $3, $4, to_timestamp($5 / 1000.0), $6)";
  private static final String INSERT_UNIT_DAY = "insert into coverage_unit_days (unit_id, day, on_duty_ms, on_post_ms,"
      + " patrol_ms, distance_m, visits) values ($1, $2, $3, $4, $5, $6, $7)";
  private static final String INSERT_LEDGER_ENTRY = "insert into ledger_entries (id, kind, unit_id, village, at, count,"
      + " source, recorded_by) values ($1, $2, $3, $4, to_timestamp($5 / 1000.0), $6, 'device', $3)";
  private static final String INSERT_HAZARD = "insert into hazards (id, kind, village, description, status, seq, reported_at,"
      + " reported_by, deadline, rectified_at) values ($1, $2, $3, '', $4, $5, to_timestamp($6 / 1000.0), $7,"
      + " to_timestamp($8 / 1000.0), to_timestamp($9 / 1000.0))";
  private static final String INSERT_INCIDENT = "insert into incidents (id, type, severity, status, lat, lon, source, state,"
      + " created_at, updated_at, number) values ($1, 'dispute', 2, 'closed', 30.1, 110.1, 'console', '{}'::jsonb,"
      + " to_timestamp($2 / 1000.0), to_timestamp($2 / 1000.0), $3)";
  private static final String INSERT_EVENT = "insert into incident_events (incident_id, seq, at, kind, unit_id)"
      + " values ($1, $2, to_timestamp($3 / 1000.0), $4, $5)";
  private static final String INSERT_INSPECTION = "insert into inspections (month, subject, hardware, housekeeping, ledgers,"
      + " entered_by) values ($1, $2, $3, $4, $5, 'benchmark')";

  private final BenchRun run;

  EvaluationSection(BenchRun run) {
    this.run = run;
  }

  void run() throws Exception {
    progress("monthly evaluation of " + SIDE * SIDE + " villages: storing a month of records");
    County county = SyntheticCounty.of(SIDE);
    EvaluationSettings settings = EvaluationSettings.defaults();
    EvaluationMonth month = new EvaluationMonth(EvaluationMonth.containing(LocalDate.now(ZONE), settings.closingDay())
        .month().minusMonths(1), settings.closingDay());
    Month records = month(county, month);
    Path dir = Files.createDirectories(run.work.resolve("evaluation"));
    // the import is one long transaction, and this machine may be busy: no five-second deadline on its connection
    store(county, records, month, Config.defaults().with(Map.of(Keys.DATA_DIR, dir.toString(), Keys.PG_DEADLINE, 120_000L)));
    progress("monthly evaluation: starting Lamplight on the stored month");
    String path = "/api/evaluations/" + month;
    String password = RandomSecrets.generate(16);
    Node node = Node.start(Config.defaults().with(Map.of(Keys.DATA_DIR, dir.toString(), Keys.DEMO_DATA, false,
        Keys.HTTP_PORT, 0, Keys.MQTT_PORT, 0, Keys.OSMAND_PORT, 0, Keys.ADMIN_PASSWORD, password)));
    double[] serviceMs = new double[RUNS];
    double[] ms = new double[RUNS];
    JsonObject sheet;
    CpuWindow.Usage cpu;
    try {
      EvaluationService service = node.patrol().evaluations();
      LamplightApi api = new LamplightApi(URI.create("http://127.0.0.1:" + node.httpPort())).login("admin", password);
      sheet = new JsonObject(api.text(path));
      long postmaster = ProcessCpu.pidWithCommandLine(dir.resolve("pg").toString())
          .orElseThrow(() -> new IllegalStateException("the embedded PostgreSQL process was not found"));
      // the node and its client are this JVM, counted as the load tools' share
      Supplier<CpuWindow> window = () -> new CpuWindow(() -> 0, () -> ProcessCpu.treeTicks(postmaster));
      run.awaitQuiet(window);
      CpuWindow timed = window.get();
      for (int i = -WARMUP; i < RUNS; i++) {
        long started = System.nanoTime();
        service.evaluate(month).toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
        long evaluated = System.nanoTime();
        api.text(path);
        if (i >= 0) {
          serviceMs[i] = (evaluated - started) / 1e6;
          ms[i] = (System.nanoTime() - evaluated) / 1e6;
        }
      }
      cpu = timed.end();
      run.disturbedBy(cpu);
    } finally {
      node.stop();
    }
    Arrays.sort(serviceMs);
    Arrays.sort(ms);
    double median = ms[RUNS / 2];
    double max = ms[RUNS - 1];
    double serviceMedian = serviceMs[RUNS / 2];
    double serviceMax = serviceMs[RUNS - 1];
    progress(String.format(Locale.ROOT, "evaluation: request median %.0f ms, max %.0f ms; service call median %.0f ms,"
        + " max %.0f ms", median, max, serviceMedian, serviceMax));
    long villages = county.areas().stream().filter(a -> a.level() == AreaLevel.VILLAGE).count();
    int subjects = EvaluationService.subjects(county).size();
    run.report.section(8, String.format(Locale.ROOT, """
        ## 8. Monthly evaluation

        A synthetic county of %,d villages, %,d offices, %,d workstations and %,d people (one device each), and a
        month of records for it (%s) stored in an embedded PostgreSQL: %,d village-day and %,d unit-day rows, %,d
        ledger entries, %,d hazards, %,d offers (in %,d incidents' timelines), %,d inspections. Then a Lamplight
        node started on that database in the benchmark's JVM, and timed, in turn, %d times after %d warm-ups:
        the service call the route makes (`EvaluationService.evaluate`: the records read from PostgreSQL, every
        office, workstation, officer and auxiliary evaluated with figures, scores, ranks, classes and amounts),
        and the whole request `GET %s` from an admin client on loopback (the same, then the JSON of every
        subject, %,d KB, rendered and sent). Meanwhile this JVM took %.0f%% of a core, PostgreSQL %.0f%% and other
        programs on this shared machine %.0f%%.

        | villages | subjects evaluated | service call: median / slowest | whole request: median / slowest | offices first / second / third class |
        |---|---|---|---|---|
        | %,d | %,d | %.0f ms / %.0f ms | %.0f ms / %.0f ms | %s |
        """, villages, county.offices().size(), county.workstations().size(), county.people().size(), month,
        records.villageDays.size(), records.unitDays.size(), records.ledger.size() + records.hazards.size(),
        records.hazards.size(), records.offers.size(), records.offers.size(), records.inspections.size(), RUNS, WARMUP,
        path, sheet.encode().length() / 1024, cpu.loadToolsPct(), cpu.postgresPct(), cpu.othersPct(), villages, subjects, serviceMedian, serviceMax, median, max,
        classes(sheet)));
    run.report.goal(8, String.format(Locale.ROOT, "A month's evaluation of %,d villages", villages), "≤ 2 s",
        String.format(Locale.ROOT, "%.0f ms (slowest %.0f ms), GET /api/evaluations/{month} end to end", median, max),
        max <= 2000);
  }

  private static String classes(JsonObject sheet) {
    Map<String, Long> tiers = sheet.getJsonArray("offices").stream().map(JsonObject.class::cast)
        .collect(Collectors.groupingBy(o -> o.getString("tier"), Collectors.counting()));
    return Arrays.stream(Tier.values()).map(t -> String.valueOf(tiers.getOrDefault(t.wire(), 0L)))
        .collect(Collectors.joining(" / "));
  }

  /** Imports the county and stores the month's records, as the server would have them, into the database of {@code config}. */
  private static void store(County county, Month records, EvaluationMonth month, Config config) throws Exception {
    Path bundle = Path.of(config.get(Keys.DATA_DIR)).resolve("bundle");
    BundleWriter.write(county, bundle);
    try (Database db = Database.start(config)) {
      Vertx vertx = Vertx.vertx();
      Pool pool = db.pool(vertx);
      try {
        ImportResult imported = CountyImport.configured(vertx, new CountyRepository(vertx, pool), config)
            .run(BundleSource.of(bundle), new ImportOptions(false, false, bundle.resolve("report.txt"),
                bundle.resolve("device-secrets.csv"), "benchmark"), ImportProgress.NONE)
            .toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
        if (!(imported instanceof ImportResult.Done)) {
          throw new IllegalStateException("the synthetic county was refused: " + imported);
        }
        insert(pool, INSERT_VILLAGE_DAY, records.villageDays, d -> Tuple.of(d.village(), d.day(), d.presenceMs(),
            d.visits(), d.lastVisitMs().isPresent() ? d.lastVisitMs().getAsLong() : null, d.units().size()));
        insert(pool, INSERT_UNIT_DAY, records.unitDays, d -> Tuple.of(d.unitId(), d.day(), d.onDutyMs(), d.onPostMs(),
            d.patrolMs(), d.distanceM(), d.visits()));
        List<LedgerEntry> entries = new ArrayList<>(records.ledger);
        records.hazards.forEach(h -> entries.add(new LedgerEntry(h.id(), h.kind(), h.reportedBy(), h.village(),
            h.reportedAtMs(), 1, Double.NaN, Double.NaN, h.description())));
        insert(pool, INSERT_LEDGER_ENTRY, entries, e -> Tuple.of(e.id(), e.kind().wire(), e.unitId(), e.village(),
            e.atMs(), e.count()));
        insert(pool, INSERT_HAZARD, records.hazards, h -> Tuple.of(h.id(), h.kind().wire(), h.village(),
            h.status().wire(), h.seq(), h.reportedAtMs(), h.reportedBy(), h.deadlineMs().getAsLong(),
            h.rectifiedAtMs().isPresent() ? h.rectifiedAtMs().getAsLong() : null));
        List<Tuple> incidents = new ArrayList<>();
        List<Tuple> events = new ArrayList<>();
        for (Offer o : records.offers) {
          UUID id = new UUID(15, incidents.size());
          incidents.add(Tuple.of(id, o.offeredAtMs(), "bench-" + incidents.size()));
          events.add(Tuple.of(id, 1, o.offeredAtMs(), EventKind.OFFER_SENT.wire(), o.unitId()));
          if (o.answer() == Offer.Answer.ACCEPTED) {
            events.add(Tuple.of(id, 2, o.acceptedAtMs().getAsLong(), EventKind.ACCEPTED.wire(), o.unitId()));
            events.add(Tuple.of(id, 3, o.onSceneAtMs().getAsLong(), EventKind.ON_SCENE.wire(), o.unitId()));
          } else {
            events.add(Tuple.of(id, 2, o.offeredAtMs() + 30_000, EventKind.DECLINED.wire(), o.unitId()));
          }
        }
        insert(pool, INSERT_INCIDENT, incidents, t -> t);
        insert(pool, INSERT_EVENT, events, t -> t);
        insert(pool, INSERT_INSPECTION, records.inspections, i -> Tuple.of(month.toString(), i.subject(), i.hardware(),
            i.housekeeping(), i.ledgers()));
        pool.query("analyze").execute().toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
      } finally {
        pool.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        vertx.close(); // not awaited: its completion would be handed to an event loop that is gone by then
      }
    }
  }

  /** Inserts the rows in batches, each its own transaction. */
  private static <T> void insert(Pool pool, String sql, List<T> rows, Function<T, Tuple> tuple) throws Exception {
    for (int from = 0; from < rows.size(); from += BATCH) {
      List<Tuple> batch = rows.subList(from, Math.min(rows.size(), from + BATCH)).stream().map(tuple).toList();
      pool.withTransaction(conn -> conn.preparedQuery(sql).executeBatch(batch))
          .toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
    }
  }

  /** A month of records of a county. */
  private record Month(PatrolRequirements requirements, List<VillageDay> villageDays, List<UnitDay> unitDays,
                       List<LedgerEntry> ledger, List<Offer> offers, List<Hazard> hazards,
                       List<Inspection> inspections) {
  }

  /**
   * Villages visited on four days in five by one to three units, every unit on duty eight hours a
   * day, half of it on post; ledger entries, offers and hazards spread over the month by unit and
   * village; inspection scores between 60 and 100.
   */
  private static Month month(County county, EvaluationMonth month) {
    SplittableRandom rnd = new SplittableRandom(15);
    List<String> villages = county.areas().stream().filter(a -> a.level() == AreaLevel.VILLAGE).map(Area::code)
        .toList();
    List<String> units = county.people().stream().map(Person::id).toList();
    long startMs = month.startMs(ZONE);
    long spanMs = month.endMs(ZONE) - startMs;
    List<VillageDay> villageDays = new ArrayList<>();
    List<UnitDay> unitDays = new ArrayList<>();
    for (LocalDate day = month.firstDay(); !day.isAfter(month.lastDay()); day = day.plusDays(1)) {
      long midnight = day.atStartOfDay(ZONE).toInstant().toEpochMilli();
      for (String v : villages) {
        if (rnd.nextInt(5) > 0) {
          int visits = 1 + rnd.nextInt(3);
          Set<String> by = Set.of(units.get(rnd.nextInt(units.size())));
          villageDays.add(new VillageDay(v, day, visits * 20 * 60_000L, visits,
              OptionalLong.of(midnight + rnd.nextLong(86_400_000L)), by));
        }
      }
      for (String u : units) {
        unitDays.add(new UnitDay(u, day, 8 * 3_600_000L, 4 * 3_600_000L, 3 * 3_600_000L, rnd.nextDouble(5_000, 40_000),
            rnd.nextInt(4)));
      }
    }
    LedgerKind[] kinds = LedgerKind.values();
    List<LedgerEntry> ledger = new ArrayList<>();
    for (int i = 0; i < 30_000; i++) {
      ledger.add(new LedgerEntry("l" + i, kinds[rnd.nextInt(kinds.length)], units.get(rnd.nextInt(units.size())),
          villages.get(rnd.nextInt(villages.size())), startMs + rnd.nextLong(spanMs), 1 + rnd.nextInt(3), Double.NaN,
          Double.NaN, ""));
    }
    List<Offer> offers = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      long at = startMs + rnd.nextLong(spanMs);
      boolean accepted = rnd.nextInt(4) > 0;
      offers.add(new Offer(units.get(rnd.nextInt(units.size())), at,
          accepted ? Offer.Answer.ACCEPTED : Offer.Answer.DECLINED,
          accepted ? OptionalLong.of(at + rnd.nextLong(5_000, 60_000)) : OptionalLong.empty(),
          accepted ? OptionalLong.of(at + rnd.nextLong(300_000, 1_800_000)) : OptionalLong.empty()));
    }
    List<Hazard> hazards = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      long at = startMs + rnd.nextLong(spanMs);
      boolean rectified = rnd.nextBoolean();
      hazards.add(new Hazard("h" + i, LedgerKind.FIRE_HAZARD, villages.get(rnd.nextInt(villages.size())), "",
          rectified ? HazardStatus.RECTIFIED : HazardStatus.ORDERED, rectified ? 3 : 2, at,
          units.get(rnd.nextInt(units.size())), OptionalLong.of(at + 7 * 86_400_000L),
          rectified ? OptionalLong.of(at + rnd.nextLong(10 * 86_400_000L)) : OptionalLong.empty(), OptionalLong.empty()));
    }
    List<Inspection> inspections = new ArrayList<>();
    county.offices().forEach(o -> inspections.add(inspection(o.id(), rnd)));
    county.workstations().forEach(w -> inspections.add(inspection(w.id(), rnd)));
    return new Month(PatrolRequirements.defaults(), villageDays, unitDays, ledger, offers, hazards, inspections);
  }

  private static Inspection inspection(String subject, SplittableRandom rnd) {
    return new Inspection(subject, rnd.nextDouble(60, 100), rnd.nextDouble(60, 100), rnd.nextDouble(60, 100));
  }
}
