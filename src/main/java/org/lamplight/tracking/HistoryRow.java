package org.lamplight.tracking;

import org.lamplight.domain.tracking.PositionFix;

/** One fix on its way to the history table. */
public record HistoryRow(String unitId, PositionFix fix, boolean implausible) {
}
