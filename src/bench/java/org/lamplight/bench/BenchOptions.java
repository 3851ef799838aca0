package org.lamplight.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line of {@code scripts/bench}: which sections run, the ingest steps' rates and
 * times, the console section's consoles and ping rate ({@code consoleRate} 0 when not given), extra JMH options for the nearest section, and where the report goes ({@code out} is null
 * when no report is written: only a run of every section, or one given {@code --out}, writes it).
 */
record BenchOptions(Set<String> sections, int[] rates0, int[] rates1, long warmupMs, long windowMs, int consoles,
                    int consoleRate, List<String> jmh, Path out, String command) {

  /** Every section, in the report's order. */
  static final List<String> SECTIONS = List.of("ingest", "dispatch", "nearest", "history", "console", "memory",
      "coverage", "evaluation", "import", "connections");
  static final String USAGE = """
      usage: scripts/bench [SECTION...] [--rates0 10000,20000,...] [--rates1 10000,15000,...] [--warmup 3] [--window 8]
                           [--consoles 200] [--console-rate PINGS/S] [--jmh 'JMH OPTIONS'] [--out docs/benchmarks.md]
        SECTION is one of ingest, dispatch, nearest, history, console, memory, coverage, evaluation,
        import, connections (--ingest etc. work too);
        none named means all, and then the report is written to docs/benchmarks.md and its summary to the
        README. Rates are pings/s offered per ingest step (QoS 0 and QoS 1); stepping stops at the first step
        that loses pings or misses the latency bound. Warm-up and window are seconds per step. The console
        section attaches --consoles admin consoles while the devices ping --console-rate pings/s; without it,
        at the top QoS 1 rate the ingest section found, or 2000 when ingest did not run. --jmh adds options
        to the nearest section's JMH run (scripts/bench-nearest), e.g. --jmh '-wi 1 -i 1 -r 1s'. The report
        is written when every section ran, or to --out when given.""";
  private static final Set<String> VALUED = Set.of("rates0", "rates1", "warmup", "window", "consoles", "console-rate",
      "jmh", "out");

  /** Reads the arguments; an unknown word or an option without its value is refused. */
  static BenchOptions parse(String... args) {
    Map<String, String> o = new HashMap<>();
    Set<String> chosen = new LinkedHashSet<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i].replaceFirst("^--", "");
      if (SECTIONS.contains(name)) {
        chosen.add(name);
      } else if (VALUED.contains(name) && i + 1 < args.length) {
        o.put(name, args[++i]);
      } else {
        throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Set<String> sections = chosen.isEmpty() ? new LinkedHashSet<>(SECTIONS) : chosen;
    Path out = o.containsKey("out") || sections.size() == SECTIONS.size()
        ? Path.of(o.getOrDefault("out", "docs/benchmarks.md")) : null;
    List<String> jmh = o.getOrDefault("jmh", "").isBlank() ? List.of() : List.of(o.get("jmh").strip().split("\\s+"));
    return new BenchOptions(sections, rates(o.getOrDefault("rates0", "10000,20000,30000,40000,50000,60000,80000")),
        rates(o.getOrDefault("rates1", "10000,15000,20000,25000,30000,40000,50000")),
        Long.parseLong(o.getOrDefault("warmup", "3")) * 1000, Long.parseLong(o.getOrDefault("window", "8")) * 1000,
        Integer.parseInt(o.getOrDefault("consoles", "200")),
        Integer.parseInt(o.getOrDefault("console-rate", "0")), jmh, out, ("scripts/bench " + String.join(" ", args)).strip());
  }

  boolean runs(String section) {
    return sections.contains(section);
  }

  private static int[] rates(String list) {
    return Arrays.stream(list.split(",")).mapToInt(s -> Integer.parseInt(s.strip())).toArray();
  }
}
