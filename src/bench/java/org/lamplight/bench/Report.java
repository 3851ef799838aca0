package org.lamplight.bench;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** The benchmark report: a goals table and a markdown section per benchmark. */
final class Report {

  /** One goal of the compass, what was measured for it, and whether it is met. */
  record Goal(String goal, String target, String measured, String met) {
  }

  /** By section number: the benchmarks run in another order than they are numbered. */
  private final Map<Integer, Goal> goals = new TreeMap<>();
  private final Map<Integer, String> notes = new TreeMap<>();
  private final Map<Integer, String> sections = new TreeMap<>();

  /** {@code met} is null when this run cannot tell. */
  void goal(int section, String goal, String target, String measured, Boolean met) {
    goals.put(section, new Goal(goal, target, measured, met == null ? "cannot tell" : met ? "yes" : "**no**"));
  }

  /** Why a goal came out as it did, from what was measured. */
  void note(int section, String text) {
    notes.put(section, text);
  }

  void section(int number, String markdown) {
    sections.put(number, markdown.strip());
  }

  String goalsTable() {
    StringBuilder t = new StringBuilder("| goal | target | measured | met |\n|---|---|---|---|\n");
    goals.values().forEach(g -> t.append("| ").append(g.goal).append(" | ").append(g.target).append(" | ")
        .append(g.measured).append(" | ").append(g.met).append(" |\n"));
    return t.toString();
  }

  String markdown(String header) {
    StringBuilder why = new StringBuilder();
    notes.values().forEach(n -> why.append("- ").append(n).append('\n'));
    return header.strip() + "\n\n## Goals\n\n" + goalsTable() + "\n" + (why.length() == 0 ? "" : "Why:\n\n" + why + "\n")
        + String.join("\n\n", sections.values()) + "\n";
  }

  /** A latency in µs as people read it: µs below a millisecond, ms above. */
  static String time(double micros) {
    if (micros < 0) {
      return "–";
    }
    return micros < 1000 ? String.format(Locale.ROOT, "%.0f µs", micros)
        : micros < 10_000 ? String.format(Locale.ROOT, "%.1f ms", micros / 1000)
        : String.format(Locale.ROOT, "%.0f ms", micros / 1000);
  }

  /** "p50 / p99" of a histogram of µs, or a dash when it is empty. */
  static String p50p99(Histogram h) {
    return h == null || h.getTotalCount() == 0 ? "–"
        : time(h.getValueAtPercentile(50)) + " / " + time(h.getValueAtPercentile(99));
  }

  static double p99(Histogram h) {
    return h == null || h.getTotalCount() == 0 ? -1 : h.getValueAtPercentile(99);
  }

  static String rate(double perSecond) {
    return String.format(Locale.ROOT, "%,.0f", perSecond);
  }

  static String pct(double percent) {
    return String.format(Locale.ROOT, "%.0f%%", percent);
  }
}
