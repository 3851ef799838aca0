package org.lamplight.bench;

import static org.lamplight.bench.BenchRun.progress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Section 3: the nearest-candidate query of {@code GridIndex}: JMH's {@link NearestQueryBenchmark}
 * run by {@code scripts/bench-nearest}, with the run's {@code --jmh} options added.
 */
final class NearestSection {

  private final BenchRun run;

  NearestSection(BenchRun run) {
    this.run = run;
  }

  void run() throws Exception {
    progress("nearest-candidate query: scripts/bench-nearest (JMH, 100k and 1M units)");
    Path log = Path.of("target/bench-nearest.txt");
    List<String> jmh = run.options.jmh();
    List<String> command = new ArrayList<>(List.of("scripts/bench-nearest"));
    command.addAll(jmh);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("scripts/bench-nearest took longer than 10 minutes");
    }
    List<String> lines = Files.readAllLines(log);
    int header = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("Benchmark ")) {
        header = i;
      }
    }
    if (p.exitValue() != 0 || header < 0) {
      throw new IllegalStateException("scripts/bench-nearest failed; see " + log);
    }
    List<String> table = lines.subList(header, lines.size()).stream().filter(s -> !s.isBlank()).toList();
    if (table.size() < 2) {
      throw new IllegalStateException("scripts/bench-nearest printed no results; see " + log);
    }
    double p99AtMillion = score(table, "NearestQueryBenchmark.nearest:p0.99", "1000000");
    double p99AtHundredK = score(table, "NearestQueryBenchmark.nearest:p0.99", "100000");
    run.report.section(3, """
        ## 3. Nearest-candidate query

        `scripts/bench-nearest`: JMH sample-time benchmark of `GridIndex` (10 nearest available units within
        10 km, 20%% unavailable; 1 km cells; units uniform over 100 × 100 km), single thread, 1 fork, 2 × 2 s
        warm-up, 3 × 3 s measurement%s. Its table as printed:

        ```
        %s
        ```
        """.formatted(jmh.isEmpty() ? "" : ", changed by the JMH options `" + String.join(" ", jmh) + "`",
        String.join("\n", table)));
    run.report.goal(3, "Nearest-candidate query p99 at 1M units", "≤ 100 µs", Report.time(p99AtMillion) + " (100k: "
        + Report.time(p99AtHundredK) + ")", p99AtMillion >= 0 && p99AtMillion <= 100);
  }

  /** The score (µs) of a JMH result row by benchmark name and {@code points} parameter, or -1. */
  private static double score(List<String> table, String name, String points) {
    for (String row : table) {
      String[] f = row.trim().split("\\s+");
      if (f.length > 3 && f[0].equals(name) && f[1].equals(points)) {
        int plusMinus = Arrays.asList(f).indexOf("±");
        return Double.parseDouble(f[plusMinus > 0 ? plusMinus - 1 : f.length - 2].replace(",", ""));
      }
    }
    return -1;
  }
}
