package org.lamplight.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReportTest {

  @Test
  void sectionsGoalsAndNotesFollowTheSectionNumbersWhateverOrderTheyRanIn() {
    Report report = new Report();
    report.section(6, "## 6. Memory");
    report.goal(6, "heap", "≤ 1 GiB", "600 MiB", true);
    report.section(2, "## 2. Dispatch");
    report.goal(2, "dispatch p99", "≤ 20 ms", "30 ms", false);
    report.note(2, "Dispatch: slow.");
    report.goal(1, "ingest", "≥ 100%", "–", null);

    String markdown = report.markdown("# Lamplight benchmarks");

    assertThat(markdown).containsSubsequence("# Lamplight benchmarks", "## Goals",
        "| ingest | ≥ 100% | – | cannot tell |", "| dispatch p99 | ≤ 20 ms | 30 ms | **no** |",
        "| heap | ≤ 1 GiB | 600 MiB | yes |", "Why:", "- Dispatch: slow.", "## 2. Dispatch", "## 6. Memory");
  }

  @Test
  void aSectionMayGiveSeveralGoalsAndNotesKeptInTheirOrder() {
    Report report = new Report();
    report.goal(5, "consoles", "≥ 200", "200", true);
    report.goal(1, "QoS 1 ratio", "≥ 1.5", "0.80", false);
    report.goal(1, "QoS 0 ratio", "≥ 1.5", "1.33", false);
    report.note(1, "Ingest: QoS 1 stopped.");
    report.note(1, "Ingest at QoS 0: stopped too.");

    assertThat(report.goalsTable()).containsSubsequence("| QoS 1 ratio |", "| QoS 0 ratio |", "| consoles |");
    assertThat(report.markdown("# h")).containsSubsequence("- Ingest: QoS 1 stopped.", "- Ingest at QoS 0: stopped too.");
  }

  @Test
  void theReadmeSummaryHasALinePerGoalAndSaysWhichAreMissed() {
    Report report = new Report();
    report.goal(1, "QoS 1 ratio", "≥ 1.5", "0.80", false);
    report.goal(10, "connections", "≥ 18,000", "19,800", true);
    report.goal(3, "nearest", "≤ 100 µs", "–", null);

    String summary = report.summary("`scripts/bench` on 2026-11-30T01:00 (15.2 minutes)");

    assertThat(summary).startsWith(Report.SUMMARY_BEGIN).endsWith(Report.SUMMARY_END).containsSubsequence(
        "from `scripts/bench` on 2026-11-30T01:00 (15.2 minutes)", "  - QoS 1 ratio: 0.80 (target ≥ 1.5; met: **no**)",
        "  - nearest: – (target ≤ 100 µs; met: cannot tell)", "  - connections: 19,800 (target ≥ 18,000)\n");
  }

  @Test
  void theSummaryReplacesWhatStandsBetweenTheReadmesMarkersAndNothingElse() {
    String readme = "# Lamplight\n\nbefore\n" + Report.SUMMARY_BEGIN + "\nold figures\n" + Report.SUMMARY_END + "\nafter\n";
    String summary = Report.SUMMARY_BEGIN + "\nnew figures\n" + Report.SUMMARY_END;

    String updated = Report.withSummary(readme, summary);

    assertThat(updated).isEqualTo("# Lamplight\n\nbefore\n" + summary + "\nafter\n");
    assertThat(Report.withSummary(updated, summary)).isEqualTo(updated);
  }

  @Test
  void aReadmeWithoutTheMarkersIsRefused() {
    assertThatThrownBy(() -> Report.withSummary("# Lamplight\n", "x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Report.SUMMARY_BEGIN);
  }
}
