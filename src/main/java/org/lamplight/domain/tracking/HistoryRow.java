package org.lamplight.domain.tracking;

/** One accepted fix of a unit's position history, as written and as read back. */
public record HistoryRow(String unitId, PositionFix fix, boolean implausible) {
}
