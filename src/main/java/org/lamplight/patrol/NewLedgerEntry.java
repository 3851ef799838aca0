package org.lamplight.patrol;

import java.util.Objects;
import org.lamplight.domain.ledger.LedgerKind;

/**
 * A ledger entry as a device or the console sends it, before its village is settled and it is stored.
 *
 * @param village null: taken from the position, or from the unit's last fix when there is none
 * @param lat NaN without a position
 * @param lon NaN without a position
 * @param atMs when the work was done
 * @param clientId may be null
 * @param photoId may be null
 */
public record NewLedgerEntry(LedgerKind kind, String unitId, String village, double lat, double lon, long atMs,
                             int count, String note, String source, String clientId, String photoId,
                             String recordedBy) {

  public NewLedgerEntry {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(unitId, "unitId");
    Objects.requireNonNull(note, "note");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(recordedBy, "recordedBy");
  }
}
