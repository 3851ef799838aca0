package org.lamplight.bench;

import static org.lamplight.bench.BenchRun.progress;

import java.util.Locale;

/**
 * Section 4: the history rows per second the ingest section saw written, and the ceiling of the
 * history writer's own statement against the idle server's PostgreSQL.
 */
final class HistorySection {

  private final BenchRun run;

  HistorySection(BenchRun run) {
    this.run = run;
  }

  /** {@code ingest} is null when the ingest section did not run. */
  void run(LamplightServer l, IngestSection ingest) throws Exception {
    progress("Lamplight: history insert ceiling");
    l.awaitHistoryWritten();
    run.awaitQuiet(l::cpuWindow);
    CpuWindow window = l.cpuWindow();
    double ceiling = HistoryCeiling.run(l.node.pgPort(), l.node.dataDir(), run.options.windowMs());
    CpuWindow.Usage cpu = window.end();
    run.disturbedBy(cpu);
    progress("history: ceiling " + Report.rate(ceiling) + " rows/s");
    IngestSection.Step top = ingest == null ? null : ingest.lamplightTop();
    run.report.section(4, String.format(Locale.ROOT, """
        ## 4. History writes

        - During the ingest run, at the highest rate Lamplight sustained (%s): %s rows/s written by the history
          writer (`lamplight_history_rows_written_total` over the window), %s dropped; the most in any step: %s rows/s.
          The writer keeps up with ingest, so this is bounded by the ingest rate, not by PostgreSQL.
        - Ceiling: `PositionRepository.insert` (the writer's statement: one `unnest` insert of %d rows, %d in flight) in a
          loop against the same embedded PostgreSQL 14 (fsync and synchronous commit on) with the server idle, %d s: **%s rows/s**
          (CPU: %s; the inserting client is the load tools' JVM).
        """, top == null ? (ingest != null ? "no step passed" : "ingest not run")
            : "QoS " + top.qos() + ", " + Report.rate(top.offered()) + " pings/s",
        top == null ? "–" : Report.rate(top.historyPerS()), top == null ? "–" : String.valueOf(top.historyDropped()),
        Report.rate(ingest == null ? 0 : ingest.maxHistoryPerS()), HistoryCeiling.BATCH, HistoryCeiling.IN_FLIGHT,
        run.options.windowMs() / 1000, Report.rate(ceiling),
        cpu.summary()));
    run.report.goal(4, "History: sustained rows/s into PostgreSQL", "≥ 50,000 rows/s", Report.rate(ceiling)
        + " rows/s ceiling (writer's statement)" + (top == null ? "" : "; in the pipeline " + Report.rate(top.historyPerS())
        + " rows/s at the top ingest rate, which bounds it"), ceiling >= 50_000);
    if (ceiling < 50_000) {
      run.report.note(4, String.format(Locale.ROOT, "History: the writer's own statement reached %s rows/s into the embedded"
          + " PostgreSQL (fsync and synchronous commit on) while CPU went: %s.", Report.rate(ceiling), cpu.summary()));
    }
  }
}
