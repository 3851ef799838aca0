package org.lamplight.county;

import java.util.List;

/**
 * What an import did (or, checked only, would do) per kind of row, which people were kept
 * although pruning because they hold an open incident, and how many devices got a new secret.
 */
public record ImportSummary(List<Counts> kinds, List<String> keptOnIncidents, int newSecrets) {

  public ImportSummary {
    kinds = List.copyOf(kinds);
    keptOnIncidents = List.copyOf(keptOnIncidents);
  }

  /** @param kept stored rows the bundle no longer has, left as they are (no prune, or on an open incident) */
  public record Counts(String kind, int added, int changed, int unchanged, int removed, int kept) {
  }

  public Counts of(String kind) {
    return kinds.stream().filter(c -> c.kind.equals(kind)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no kind " + kind));
  }

  /** The counts as a small table for a terminal or a report file. */
  public String table() {
    StringBuilder out = new StringBuilder(String.format("%-14s%8s%9s%11s%9s%7s%n", "", "added", "changed", "unchanged",
        "removed", "kept"));
    for (Counts c : kinds) {
      out.append(String.format("%-14s%8d%9d%11d%9d%7d%n", c.kind, c.added, c.changed, c.unchanged, c.removed, c.kept));
    }
    if (!keptOnIncidents.isEmpty()) {
      out.append("kept because they hold an open incident: ").append(String.join(", ", keptOnIncidents))
          .append(System.lineSeparator());
    }
    return out.toString();
  }
}
