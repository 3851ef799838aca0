package org.lamplight.domain.ledger;

import java.util.Objects;

/**
 * One entry in the work ledger, from a device or the console.
 *
 * @param unitId who did the work (an auxiliary's or officer's unit id)
 * @param village where: given, or the village of the position the entry was made at
 * @param atMs when the work was done
 * @param count how many (households visited on one round, people at a talk); at least 1
 * @param lat NaN when the entry was made without a position
 * @param lon NaN when the entry was made without a position
 * @param note free text; may be empty, never null
 */
public record LedgerEntry(String id, LedgerKind kind, String unitId, String village, long atMs,
    int count, double lat, double lon, String note) {

  public LedgerEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(unitId, "unitId");
    Objects.requireNonNull(village, "village");
    Objects.requireNonNull(note, "note");
    if (count < 1) {
      throw new IllegalArgumentException("ledger entry " + id + ": count must be at least 1, got " + count);
    }
  }
}
