package org.lamplight.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The benchmark report: a goals table, a markdown section per benchmark, and the summary the
 * README carries between {@link #SUMMARY_BEGIN} and {@link #SUMMARY_END}.
 */
final class Report {

  static final String SUMMARY_BEGIN = "<!-- scripts/bench summary: begin -->";
  static final String SUMMARY_END = "<!-- scripts/bench summary: end -->";

  /** One goal of the compass, what was measured for it, and whether it is met. */
  record Goal(String goal, String target, String measured, String met) {
  }

  /** By section number, in the order a section gave them: the benchmarks run in another order than they are numbered. */
  private final Map<Integer, List<Goal>> goals = new TreeMap<>();
  private final Map<Integer, List<String>> notes = new TreeMap<>();
  private final Map<Integer, String> sections = new TreeMap<>();

  /** A goal of the section, after those it gave before; {@code met} is null when this run cannot tell. */
  void goal(int section, String goal, String target, String measured, Boolean met) {
    goals.computeIfAbsent(section, k -> new ArrayList<>())
        .add(new Goal(goal, target, measured, met == null ? "cannot tell" : met ? "yes" : "**no**"));
  }

  /** Why a goal came out as it did, from what was measured. */
  void note(int section, String text) {
    notes.computeIfAbsent(section, k -> new ArrayList<>()).add(text);
  }

  void section(int number, String markdown) {
    sections.put(number, markdown.strip());
  }

  String goalsTable() {
    StringBuilder t = new StringBuilder("| goal | target | measured | met |\n|---|---|---|---|\n");
    goals.values().stream().flatMap(List::stream).forEach(g -> t.append("| ").append(g.goal).append(" | ")
        .append(g.target).append(" | ").append(g.measured).append(" | ").append(g.met).append(" |\n"));
    return t.toString();
  }

  /**
   * The README's summary of a run: one line per goal, between the markers, {@code run} saying
   * which run it was (command, date, minutes).
   */
  String summary(String run) {
    StringBuilder s = new StringBuilder(SUMMARY_BEGIN).append('\n').append("- **Performance** (#17), from ").append(run)
        .append("; details in [docs/benchmarks.md](docs/benchmarks.md):\n");
    goals.values().stream().flatMap(List::stream).forEach(g -> s.append("  - ").append(g.goal).append(": ")
        .append(g.measured).append(" (target ").append(g.target).append(g.met.equals("yes") ? "" : "; met: " + g.met)
        .append(")\n"));
    return s.append(SUMMARY_END).toString();
  }

  /** {@code readme} with what stands between the summary markers replaced by {@code summary} (markers included). */
  static String withSummary(String readme, String summary) {
    int begin = readme.indexOf(SUMMARY_BEGIN);
    int end = readme.indexOf(SUMMARY_END);
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException("the README has no summary markers " + SUMMARY_BEGIN + " ... " + SUMMARY_END);
    }
    return readme.substring(0, begin) + summary + readme.substring(end + SUMMARY_END.length());
  }

  String markdown(String header) {
    StringBuilder why = new StringBuilder();
    notes.values().stream().flatMap(List::stream).forEach(n -> why.append("- ").append(n).append('\n'));
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
