package org.lamplight.bench;

import static org.lamplight.bench.BenchRun.progress;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.lamplight.config.Config;
import org.lamplight.config.Keys;
import org.lamplight.county.BundleSource;
import org.lamplight.county.BundleWriter;
import org.lamplight.county.CountyImport;
import org.lamplight.county.CountyRepository;
import org.lamplight.county.ImportOptions;
import org.lamplight.county.ImportProgress;
import org.lamplight.county.ImportResult;
import org.lamplight.county.ImportSummary;
import org.lamplight.county.Problem;
import org.lamplight.domain.area.AreaLevel;
import org.lamplight.domain.org.County;
import org.lamplight.domain.org.CountyGenerator;
import org.lamplight.store.Database;

/**
 * Section 9: importing a county bundle of {@value #TOWNSHIPS} townships, {@value #TOWNSHIPS} ×
 * {@value #VILLAGES_PER_TOWNSHIP} villages of a few km² with bent borders ({@link SyntheticCounty})
 * and {@value #PEOPLE} people with a device each, written with {@link BundleWriter} and imported with
 * {@link CountyImport} into a fresh embedded PostgreSQL, as {@code scripts/run import} does: once
 * into the empty database, then again, which must change nothing. Wall time of each, and the time
 * between the stages {@link ImportProgress} reports.
 */
final class ImportSection {

  static final int TOWNSHIPS = 30;
  static final int VILLAGES_PER_TOWNSHIP = 68;
  /** About 1.6 × 1.4 km at 30°N. */
  private static final double CELL_DEGREES = 0.015;
  /** Points per side of a village, so a village has about 4 × this many vertices. */
  private static final int BENDS = 40;
  static final int PEOPLE = 5_000;
  private static final long GOAL_MS = 10_000;
  private static final double KM_PER_DEG = 111.32;

  private final BenchRun run;

  ImportSection(BenchRun run) {
    this.run = run;
  }

  /** One import's wall time, stage times, summary and where the CPU went meanwhile. */
  private record Timed(double ms, Map<String, Double> stageMs, ImportSummary summary, CpuWindow.Usage cpu) {

    int changes() {
      return summary.kinds().stream().mapToInt(c -> c.added() + c.changed() + c.removed()).sum()
          + summary.newSecrets();
    }
  }

  void run() throws Exception {
    progress("county import: generating " + TOWNSHIPS * VILLAGES_PER_TOWNSHIP + " villages, " + PEOPLE + " people");
    County grid = SyntheticCounty.of(TOWNSHIPS, VILLAGES_PER_TOWNSHIP, CELL_DEGREES, BENDS);
    County county = new CountyGenerator(Keys.DEMO_SEED.defaultValue())
        .withExtraAuxiliaries(grid, PEOPLE - grid.people().size());
    Path dir = Files.createDirectories(run.work.resolve("import"));
    Path bundle = dir.resolve("bundle");
    BundleWriter.write(county, bundle);
    long villages = county.areas().stream().filter(a -> a.level() == AreaLevel.VILLAGE).count();
    double vertices = county.areas().stream().filter(a -> a.level() == AreaLevel.VILLAGE)
        .mapToInt(a -> a.shape().getNumPoints()).average().orElse(0);
    double km2 = CELL_DEGREES * KM_PER_DEG * CELL_DEGREES * KM_PER_DEG * Math.cos(Math.toRadians(30 + TOWNSHIPS
        * CELL_DEGREES / 2));
    Config config = Config.defaults().with(Map.of(Keys.DATA_DIR, dir.toString()));
    Timed first;
    Timed again;
    progress("county import: starting an embedded PostgreSQL");
    try (Database db = Database.start(config)) {
      Vertx vertx = Vertx.vertx();
      Pool pool = db.pool(vertx);
      try {
        CountyImport imports = CountyImport.configured(vertx, new CountyRepository(vertx, pool), config);
        long postmaster = ProcessCpu.pidWithCommandLine(dir.resolve("pg").toString())
            .orElseThrow(() -> new IllegalStateException("the embedded PostgreSQL process was not found"));
        Supplier<CpuWindow> cpu = () -> new CpuWindow(() -> 0, () -> ProcessCpu.treeTicks(postmaster));
        first = timed(imports, bundle, dir, "first", cpu);
        again = timed(imports, bundle, dir, "again", cpu);
      } finally {
        pool.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        vertx.close(); // not awaited: its completion would be handed to an event loop that is gone by then
      }
    }
    Set<String> stages = new LinkedHashSet<>(first.stageMs.keySet());
    stages.addAll(again.stageMs.keySet());
    String rows = stages.stream().map(s -> String.format(Locale.ROOT, "| %s | %s | %s |", s, ms(first.stageMs.get(s)),
        ms(again.stageMs.get(s)))).collect(Collectors.joining("\n"));
    run.report.section(9, String.format(Locale.ROOT, """
        ## 9. County bundle import

        A synthetic county (`SyntheticCounty`) of %d townships, %,d villages of %.1f km² each whose borders bend
        through %d points a side (%.0f vertices a village on average, shared exactly with the neighbours), %,d
        stations, %,d offices, %,d workstations and %,d people with a device each; no roads. Written as a bundle
        with `BundleWriter` (%.1f MB) and imported with `CountyImport` (as `scripts/run import` does: %,d
        PBKDF2 iterations per new device secret, the secrets file and the report written) into a fresh embedded
        PostgreSQL in the benchmark's JVM: first into the empty database, then the same bundle again, which must
        change nothing. Wall time from the call to the committed result; below it, the time from each stage
        `ImportProgress` reports to the next: *reading* parses the files; *validating* checks the bundle (and opens
        the import's transaction); *loading the stored county* reads what is stored and compares the bundle with
        it; *compared* draws the new secrets and hashes the first hundred; *hashing* the rest; each *writing*
        stage its rows' upserts, the last one also the version, the audit entry, the secrets file and the commit.
        CPU in %% of one core (%d cores) over each import; the run waits for other programs to take at most %d%%
        first, up to its budget.

        | | first import | re-import |
        |---|---|---|
        | wall time | %s | %s |
        | rows added / changed / removed | %s | %s |
        | new device secrets | %,d | %,d |
        | CPU: importer / PostgreSQL / other programs | %s | %s |
        %s
        """, TOWNSHIPS, villages, km2, BENDS, vertices, county.stations().size(), county.offices().size(),
        county.workstations().size(), county.people().size(), bytes(bundle) / 1e6,
        config.get(Keys.AUTH_DEVICE_HASH_ITERATIONS), Runtime.getRuntime().availableProcessors(),
        BenchRun.DISTURBED_PCT, ms(first.ms), ms(again.ms), counts(first.summary),
        counts(again.summary), first.summary.newSecrets(), again.summary.newSecrets(), cpu(first.cpu),
        cpu(again.cpu), rows));
    progress(String.format(Locale.ROOT, "county import: first %.0f ms, again %.0f ms (%d changes)", first.ms,
        again.ms, again.changes()));
    run.report.goal(9, String.format(Locale.ROOT, "County bundle import: %,d villages, %,d people", villages,
        county.people().size()), "≤ 10 s; a re-import changes nothing",
        String.format(Locale.ROOT, "first %.1f s, again %.1f s (%d changes)", first.ms / 1000, again.ms / 1000,
            again.changes()),
        first.ms <= GOAL_MS && again.ms <= GOAL_MS && again.changes() == 0);
  }

  private Timed timed(CountyImport imports, Path bundle, Path dir, String name, Supplier<CpuWindow> cpu)
      throws Exception {
    run.awaitQuiet(cpu);
    progress("county import: " + name);
    Map<String, Long> reported = new LinkedHashMap<>();
    CpuWindow window = cpu.get();
    long started = System.nanoTime();
    ImportProgress stages = (stage, done, total) -> {
      synchronized (reported) {
        reported.putIfAbsent(stage, System.nanoTime());
      }
    };
    ImportResult result = imports.run(new BundleSource.Directory(bundle), new ImportOptions(false, false,
            dir.resolve(name + "-report.txt"), dir.resolve(name + "-secrets.csv"), "benchmark"), stages)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
    long ended = System.nanoTime();
    CpuWindow.Usage usage = window.end();
    run.disturbedBy(usage);
    if (result instanceof ImportResult.Refused refused) {
      throw new IllegalStateException("the benchmark county is not a valid bundle: " + refused.problems().stream()
          .limit(5).map(Problem::describe).collect(Collectors.joining("; ")));
    }
    Map<String, Double> stageMs = new LinkedHashMap<>();
    synchronized (reported) {
      List<Map.Entry<String, Long>> at = new ArrayList<>(reported.entrySet());
      for (int i = 0; i < at.size(); i++) {
        long next = i + 1 < at.size() ? at.get(i + 1).getValue() : ended;
        stageMs.put(at.get(i).getKey(), (next - at.get(i).getValue()) / 1e6);
      }
    }
    return new Timed((ended - started) / 1e6, stageMs, ((ImportResult.Done) result).summary(), usage);
  }

  private static String counts(ImportSummary summary) {
    int[] sums = new int[3];
    summary.kinds().forEach(c -> {
      sums[0] += c.added();
      sums[1] += c.changed();
      sums[2] += c.removed();
    });
    return String.format(Locale.ROOT, "%,d / %,d / %,d", sums[0], sums[1], sums[2]);
  }

  private static String cpu(CpuWindow.Usage u) {
    return String.format(Locale.ROOT, "%.0f%% / %.0f%% / %.0f%%", u.loadToolsPct(), u.postgresPct(), u.othersPct());
  }

  private static String ms(Double ms) {
    return ms == null ? "–" : ms < 10_000 ? String.format(Locale.ROOT, "%,.0f ms", ms)
        : String.format(Locale.ROOT, "%.1f s", ms / 1000);
  }

  private static long bytes(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.mapToLong(f -> f.toFile().length()).sum();
    }
  }
}
