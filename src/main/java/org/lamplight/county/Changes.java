package org.lamplight.county;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.lamplight.county.StoredCounty.Stored;

/**
 * How one kind of row changes when a bundle is imported: rows are matched by code; a retired
 * row that comes back counts as added. A stored row the bundle no longer has is kept, unless
 * pruning, and even then when it is protected (a person on an open incident).
 *
 * @param kept missing from the bundle and kept as they are
 */
record Changes<T>(List<T> added, List<T> changed, int unchanged, List<String> removed, List<String> kept) {

  static <T> Changes<T> of(Map<String, Stored<T>> stored, List<T> incoming, Function<T, String> code, boolean prune,
                           Set<String> protectedCodes) {
    List<T> added = new ArrayList<>();
    List<T> changed = new ArrayList<>();
    int unchanged = 0;
    Set<String> seen = new HashSet<>();
    for (T row : incoming) {
      seen.add(code.apply(row));
      Stored<T> before = stored.get(code.apply(row));
      if (before == null || before.retired()) {
        added.add(row);
      } else if (!before.value().equals(row)) {
        changed.add(row);
      } else {
        unchanged++;
      }
    }
    List<String> removed = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    stored.forEach((key, row) -> {
      if (!row.retired() && !seen.contains(key)) {
        (prune && !protectedCodes.contains(key) ? removed : kept).add(key);
      }
    });
    return new Changes<>(added, changed, unchanged, removed, kept);
  }

  /** The rows to write: the added and the changed. */
  List<T> written() {
    List<T> out = new ArrayList<>(added);
    out.addAll(changed);
    return out;
  }

  ImportSummary.Counts counts(String kind) {
    return new ImportSummary.Counts(kind, added.size(), changed.size(), unchanged, removed.size(), kept.size());
  }
}
