package org.lamplight.patrol;

import java.util.Objects;
import org.lamplight.domain.ledger.LedgerEntry;

/**
 * A stored ledger entry with where it came from.
 *
 * @param source {@code device} or {@code console}
 * @param clientId the device's own id of the entry, which makes a resend count once; may be null
 * @param photoId a photo the device uploaded with it; may be null
 * @param recordedBy the console account, or the unit for a device entry
 * @param duplicate true when this answers a resend of an entry stored before
 */
public record LedgerRecord(LedgerEntry entry, String source, String clientId, String photoId, String recordedBy,
                           long recordedAtMs, boolean duplicate) {

  public LedgerRecord {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(recordedBy, "recordedBy");
  }
}
