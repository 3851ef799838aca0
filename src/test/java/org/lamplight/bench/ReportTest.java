package org.lamplight.bench;

import static org.assertj.core.api.Assertions.assertThat;

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
}
