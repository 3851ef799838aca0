package org.lamplight.bench;

import static org.lamplight.bench.BenchRun.progress;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.lamplight.config.Keys;
import org.lamplight.domain.evaluation.EvaluationMonth;
import org.lamplight.domain.evaluation.EvaluationSettings;

/**
 * Section 7: the coverage accounting under the ingest load. The shared server's devices ping at
 * stepped rates (QoS 0); from the server's metrics, the accounting's CPU time per fix (its worker
 * thread's time counting fixes and preparing flushes), its share of a core, and whether it keeps
 * up: no fix dropped from its buffer and the buffer empty again after each step. Then the time of
 * the whole request for this month's evaluation on the same server.
 */
final class CoverageSection {

  /** On until the server no longer takes the rate or the accounting falls behind: past the ingest section's top rate. */
  private static final int[] RATES = {10_000, 20_000, 40_000, 60_000, 80_000, 100_000, 120_000, 140_000, 160_000};
  private static final int REQUESTS = 5;

  private final BenchRun run;

  CoverageSection(BenchRun run) {
    this.run = run;
  }

  void run(LamplightServer l, LoadGenerator gen) throws Exception {
    List<String> rows = new ArrayList<>();
    double topRate = 0;
    double topMicros = -1;
    boolean keptUpAtTop = false;
    try {
      progress("coverage accounting: warming up at " + RATES[0] + " pings/s");
      gen.start(RATES[0], 0);
      Thread.sleep(run.options.windowMs());
      gen.stop();
      drained(l);
      for (int rate : RATES) {
        progress("coverage accounting at " + rate + " pings/s");
        run.awaitQuiet(l::cpuWindow);
        gen.start(rate, 0);
        Thread.sleep(run.options.warmupMs());
        CpuWindow window = l.cpuWindow();
        long t0 = System.nanoTime();
        Prometheus m0 = l.metrics();
        long t1 = System.nanoTime();
        Thread.sleep(run.options.windowMs());
        long t2 = System.nanoTime();
        Prometheus m1 = l.metrics();
        long t3 = System.nanoTime();
        CpuWindow.Usage cpu = window.end();
        gen.stop();
        run.disturbedBy(cpu);
        // between the middles of the two scrapes: a scrape is slow when the machine is busy
        double seconds = ((t2 + t3) - (t0 + t1)) / 2e9;
        double accepted = delta(m0, m1, "lamplight_fixes_accepted_total") / seconds;
        double events = delta(m0, m1, "lamplight_coverage_events_total");
        double cpuSeconds = delta(m0, m1, "lamplight_coverage_cpu_seconds_total");
        double dropped = delta(m0, m1, "lamplight_coverage_dropped_total");
        boolean drained = drained(l);
        double micros = events == 0 ? -1 : cpuSeconds / events * 1e6;
        boolean keptUp = dropped == 0 && drained;
        rows.add(String.format(Locale.ROOT, "| %,d | %s | %s | %s | %.1f%% | %,.0f | %s | %s |", rate, Report.rate(accepted),
            Report.rate(events / seconds), micros < 0 ? "–" : String.format(Locale.ROOT, "%.2f µs", micros),
            100 * cpuSeconds / seconds, dropped, keptUp ? "yes" : "no", cpu.summary()));
        progress(String.format(Locale.ROOT, "coverage: %.0f fixes/s accepted, %.2f µs CPU per fix, kept up: %s",
            accepted, micros, keptUp));
        if (accepted > topRate) {
          topRate = accepted;
          topMicros = micros;
          keptUpAtTop = keptUp;
        }
        if (!keptUp || accepted < 0.9 * rate) {
          break;
        }
      }
    } finally {
      gen.stop();
    }
    EvaluationMonth month = EvaluationMonth.containing(LocalDate.now(ZoneId.of(Keys.COVERAGE_ZONE.defaultValue())),
        EvaluationSettings.defaults().closingDay());
    double coverageMs = requestMs(l, "/api/coverage?level=village&from=" + month.firstDay() + "&to=" + month.lastDay());
    double evaluationMs = requestMs(l, "/api/evaluations/" + month);
    run.report.section(7, String.format(Locale.ROOT, """
        ## 7. Coverage accounting

        The same server and %d devices as above, each pinging from its own place in the county at QoS 0, stepped
        up until the server no longer takes the offered rate or the accounting falls behind. Every fix that moves
        its unit is handed to the coverage accounting (one worker thread: the village of the fix, presence, visits,
        the day figures) through a bounded buffer. *CPU per fix* is the accounting thread's CPU time (from the
        server's `lamplight_coverage_cpu_seconds_total`) over the fixes it counted, flushes to PostgreSQL
        included except the database's own work; *kept up* means no fix dropped from its buffer and the buffer
        empty again within 15 s of the step. One unmeasured step at the first rate first (the JIT, every unit
        seen once), then %d s warm-up and %d s window per step. The goal is judged at the highest rate the server
        took, whether or not it took all that was offered.

        | offered pings/s | accepted fixes/s | counted fixes/s | CPU per fix | share of one core | dropped | kept up | CPU |
        |---|---|---|---|---|---|---|---|
        %s

        Then whole requests on the demo county (%,d villages; the coverage just counted, read from PostgreSQL,
        JSON rendered), the median of %d each: this evaluation month's coverage per village
        (`GET /api/coverage?level=village&from=%s&to=%s`) %.0f ms; its evaluation (`GET /api/evaluations/%s`) %.0f ms.
        """, gen.connections(), run.options.warmupMs() / 1000, run.options.windowMs() / 1000, String.join("\n", rows),
        run.demoVillages, REQUESTS, month.firstDay(), month.lastDay(), coverageMs, month, evaluationMs));
    run.report.goal(7, "Coverage accounting at the top ingest rate", "keeps up, ≤ 5 µs CPU per fix",
        topRate == 0 ? "no step taken" : String.format(Locale.ROOT, "%s: %.2f µs per fix, %s", Report.rate(topRate),
            topMicros, keptUpAtTop ? "kept up" : "fell behind"),
        topRate > 0 && keptUpAtTop && topMicros >= 0 && topMicros <= 5);
  }

  /** The median time of a request, in ms. */
  private static double requestMs(LamplightServer l, String path) {
    progress("timing GET " + path);
    double[] ms = new double[REQUESTS];
    for (int i = 0; i < REQUESTS; i++) {
      long started = System.nanoTime();
      l.api.text(path);
      ms[i] = (System.nanoTime() - started) / 1e6;
    }
    Arrays.sort(ms);
    return ms[REQUESTS / 2];
  }

  private static double delta(Prometheus before, Prometheus after, String name) {
    return after.get(name) - before.get(name);
  }

  /** Waits up to 15 s for the accounting's buffer to empty after a step. */
  private static boolean drained(LamplightServer l) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 15_000;
    while (System.currentTimeMillis() < deadline) {
      if (l.metrics().get("lamplight_coverage_buffered") == 0) {
        return true;
      }
      Thread.sleep(250);
    }
    return false;
  }
}
