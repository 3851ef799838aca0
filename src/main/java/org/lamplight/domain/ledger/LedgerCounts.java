package org.lamplight.domain.ledger;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** How much of each kind of work a ledger records: the sum of the entries' counts. */
public record LedgerCounts(Map<LedgerKind, Integer> byKind) {

  public static final LedgerCounts NONE = new LedgerCounts(Map.of());

  public LedgerCounts {
    byKind = Map.copyOf(byKind);
  }

  public int of(LedgerKind kind) {
    return byKind.getOrDefault(kind, 0);
  }

  public LedgerCounts plus(LedgerCounts other) {
    Map<LedgerKind, Integer> sum = new EnumMap<>(LedgerKind.class);
    sum.putAll(byKind);
    other.byKind.forEach((kind, n) -> sum.merge(kind, n, Integer::sum));
    return new LedgerCounts(sum);
  }

  /** The entries made in [fromMs, toMs). */
  public static LedgerCounts of(Collection<LedgerEntry> entries, long fromMs, long toMs) {
    Map<LedgerKind, Integer> sum = new EnumMap<>(LedgerKind.class);
    for (LedgerEntry entry : entries) {
      if (entry.atMs() >= fromMs && entry.atMs() < toMs) {
        sum.merge(entry.kind(), entry.count(), Integer::sum);
      }
    }
    return new LedgerCounts(sum);
  }

  /**
   * The entries made in [fromMs, toMs) per group, e.g. {@code e -> officeOfUnit.get(e.unitId())};
   * entries whose group is null are left out.
   */
  public static Map<String, LedgerCounts> byGroup(Collection<LedgerEntry> entries,
      Function<LedgerEntry, String> groupOf, long fromMs, long toMs) {
    Map<String, LedgerCounts> counts = new HashMap<>();
    for (LedgerEntry entry : entries) {
      String group = groupOf.apply(entry);
      if (group != null && entry.atMs() >= fromMs && entry.atMs() < toMs) {
        counts.merge(group, new LedgerCounts(Map.of(entry.kind(), entry.count())), LedgerCounts::plus);
      }
    }
    return counts;
  }
}
