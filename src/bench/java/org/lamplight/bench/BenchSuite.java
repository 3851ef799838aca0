package org.lamplight.bench;

import static org.lamplight.bench.BenchRun.CONNECTIONS;
import static org.lamplight.bench.BenchRun.RESPONDERS;
import static org.lamplight.bench.BenchRun.progress;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lamplight.sim.Credentials;

/**
 * Runs Lamplight's benchmarks side by side on this machine, prints the goals table and writes
 * {@code docs/benchmarks.md}: each section of the report is a class of its own, run here in an
 * order that lets three of them share one server. Every server runs as its own process on
 * loopback; every loop is bounded in count and time. Run with {@code scripts/bench}
 * ({@code --help} lists the options).
 */
public final class BenchSuite {

  /** Only a run of every section rewrites the README's summary, so that it always matches one whole run. */
  private static final Path README = Path.of("README.md");

  private final BenchRun run;
  private final List<String> sectionTimes = new ArrayList<>();
  /** The ingest section once it ran: the console section runs at its top rate, the report names its Mosquitto. */
  private IngestSection ingest;

  private BenchSuite(BenchRun run) {
    this.run = run;
  }

  public static void main(String[] args) throws Exception {
    if (Arrays.asList(args).contains("--help")) {
      System.out.println(BenchOptions.USAGE);
      return;
    }
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(BenchOptions.USAGE);
      System.exit(2);
      return;
    }
    BenchRun run = new BenchRun(options);
    new BenchSuite(run).run(); // on failure the servers' data and logs stay for a look; the exception names the path
    run.deleteWork();
    System.exit(0); // client libraries may leave non-daemon threads behind
  }

  private void run() throws Exception {
    long started = System.currentTimeMillis();
    String load = Files.readString(Path.of("/proc/loadavg")).strip();
    BenchOptions options = run.options;
    if (options.runs("ingest") || options.runs("console") || options.runs("coverage") || options.runs("history")) {
      timed("ingest, console, coverage and history (one server)", this::sharedServer);
    }
    if (options.runs("dispatch")) {
      timed("dispatch", () -> new DispatchSection(run).run());
    }
    if (options.runs("nearest")) {
      timed("nearest", () -> new NearestSection(run).run());
    }
    if (options.runs("memory")) {
      timed("memory", () -> new MemorySection(run).run());
    }
    if (options.runs("evaluation")) {
      timed("evaluation", () -> new EvaluationSection(run).run());
    }
    if (options.runs("import")) {
      timed("import", () -> new ImportSection(run).run());
    }
    if (options.runs("connections")) {
      timed("connections", () -> new ConnectionsSection(run).run());
    }
    double minutes = (System.currentTimeMillis() - started) / 60_000.0;
    String when = String.format(Locale.ROOT, "`%s` on %s (%.1f minutes)", options.command(),
        LocalDateTime.now().truncatedTo(ChronoUnit.MINUTES), minutes);
    String summary = run.report.summary(when);
    System.out.println();
    System.out.println(run.report.goalsTable());
    System.out.println("The README's summary of this run:");
    System.out.println(summary);
    if (options.out() != null) {
      Files.createDirectories(options.out().toAbsolutePath().getParent());
      Files.writeString(options.out(), run.report.markdown(header(when, load,
          ingest == null ? "not run" : ingest.mosquittoVersion())));
      System.out.println("written to " + options.out());
    }
    if (options.sections().size() == BenchOptions.SECTIONS.size()) {
      Files.writeString(README, Report.withSummary(Files.readString(README), summary));
      System.out.println("its summary written to " + README);
    }
  }

  /** A part of the run that may throw. */
  private interface Part {
    void run() throws Exception;
  }

  /** Runs a part and keeps how long it took for the report's header. */
  private void timed(String name, Part part) throws Exception {
    long t0 = System.currentTimeMillis();
    part.run();
    String took = String.format(Locale.ROOT, "%s %.1f min", name, (System.currentTimeMillis() - t0) / 60_000.0);
    sectionTimes.add(took);
    progress("took: " + took);
  }

  /**
   * Ingest, console fan-out, coverage accounting and history, in that order, on one server with {@value BenchRun#CONNECTIONS}
   * devices connected; history measures after they are gone.
   */
  private void sharedServer() throws Exception {
    progress("Lamplight: starting (embedded PostgreSQL, demo county)");
    BenchOptions options = run.options;
    ingest = options.runs("ingest") ? new IngestSection(run) : null;
    Path dataDir = Files.createDirectories(run.work.resolve("lamplight"));
    Map<String, String> settings = Map.of("LAMPLIGHT_DEMO_EXTRA_UNITS",
        String.valueOf(Math.max(0, CONNECTIONS + RESPONDERS - run.demoUnits)));
    try (LamplightServer l = LamplightServer.start(dataDir, settings)) {
      long consoleTickMs = new JsonObject(l.api.text("/api/console/settings")).getLong("tick");
      List<Credentials> credentials = Credentials.read(dataDir.resolve("demo-devices.csv"));
      try (LoadGenerator gen = new LoadGenerator(new InetSocketAddress("127.0.0.1", l.node.mqttPort()),
          run.background(credentials))) {
        gen.awaitConnected(120_000);
        if (ingest != null) {
          ingest.run(l, gen, consoleTickMs);
        }
        if (options.runs("console")) {
          new ConsoleSection(run).run(l, gen, consoleTickMs, ingest);
        }
        if (options.runs("coverage")) {
          new CoverageSection(run).run(l, gen);
        }
      }
      if (options.runs("history")) {
        new HistorySection(run).run(l, ingest);
      }
    }
  }

  private String header(String when, String loadBefore, String mosquittoVersion) throws IOException {
    String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(s -> s.startsWith("model name"))
        .findFirst().map(s -> s.substring(s.indexOf(':') + 1).strip()).orElse("unknown");
    String memKb = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\D", "");
    String os = Files.readAllLines(Path.of("/etc/os-release")).stream().filter(s -> s.startsWith("PRETTY_NAME="))
        .findFirst().map(s -> s.substring(13, s.length() - 1)).orElse("Linux");
    DoubleSummaryStatistics others = run.othersPct();
    return String.format(Locale.ROOT, """
        # Lamplight benchmarks

        Generated by %s. Figures are from that single run; re-run the command to
        refresh them. Do not compare absolute numbers across machines: compare the side-by-side ratios.
        Time per part: %s.

        - Machine: %d cores (`nproc`), %s, %.1f GiB RAM, %s, kernel %s
        - Java: %s (%s); Mosquitto %s; PostgreSQL: the embedded one of the server (zonky, 14)
        - Everything on loopback; the load tools (this JVM, and for section 10 JVMs of their own) share the %d cores
          with the server under test.
        - Other programs on this shared machine: load average before the run `%s`; during the measurement windows
          they used %s of the machine's CPU on average (%s at most), out of %d00%%; the run waited %d s in all for
          quieter moments. Their load disturbs the figures.
        """, when, String.join("; ", sectionTimes),
        Runtime.getRuntime().availableProcessors(), cpu, Long.parseLong(memKb) / 1048576.0, os,
        Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip(), System.getProperty("java.vm.version"),
        System.getProperty("java.vm.name"), mosquittoVersion, Runtime.getRuntime().availableProcessors(), loadBefore,
        others.getCount() == 0 ? "–" : Report.pct(others.getAverage()),
        others.getCount() == 0 ? "–" : Report.pct(others.getMax()), Runtime.getRuntime().availableProcessors(),
        run.quietWaitedMs() / 1000);
  }
}

