package org.lamplight.bench;

import static org.lamplight.bench.BenchRun.progress;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Section 6: the heap per tracked unit, from {@link LiveStateFootprint} in fresh JVMs with 100k and 1M units. */
final class MemorySection {

  private final BenchRun run;

  MemorySection(BenchRun run) {
    this.run = run;
  }

  void run() throws Exception {
    StringBuilder t = new StringBuilder("""
        ## 6. Memory per tracked unit

        `org.lamplight.bench.LiveStateFootprint` in a fresh JVM (`-Xmx3g`): synthetic units uniform over
        100 × 100 km, each with one fix applied to `LiveUnits` (unit state, latest fix, id maps, grid index with
        1 km cells); heap used after GC, before and after. The `Person` records the live state is built from are
        part of the county model and counted apart.

        | units | live state bytes/unit | Person bytes/unit | total heap |
        |---|---|---|---|
        """);
    double millionMiB = -1;
    for (int units : new int[] {100_000, 1_000_000}) {
      progress("memory: " + units + " units");
      Process p = new ProcessBuilder("java", "-Xmx3g", "-cp", System.getProperty("java.class.path"),
          LiveStateFootprint.class.getName(),
          String.valueOf(units)).redirectErrorStream(true).start();
      Map<String, String> kv = new HashMap<>();
      new String(p.getInputStream().readAllBytes()).lines().map(s -> s.split(" ", 2)).filter(f -> f.length == 2)
          .forEach(f -> kv.put(f[0], f[1]));
      if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0 || !kv.containsKey("total_mib")) {
        throw new IllegalStateException("LiveStateFootprint " + units + " failed: " + kv);
      }
      t.append(String.format(Locale.ROOT, "| %,d | %s | %s | %s MiB |%n", units, kv.get("live_bytes_per_unit"),
          kv.get("people_bytes_per_unit"), kv.get("total_mib")));
      if (units == 1_000_000) {
        millionMiB = Double.parseDouble(kv.get("total_mib"));
      }
    }
    run.report.section(6, t.toString());
    run.report.goal(6, "Heap for 1M tracked units (live state + Person records)", "≤ 1 GiB",
        String.format(Locale.ROOT, "%.0f MiB", millionMiB), millionMiB >= 0 && millionMiB <= 1024);
  }
}
