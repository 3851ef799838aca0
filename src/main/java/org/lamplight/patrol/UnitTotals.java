package org.lamplight.patrol;

/** One unit's stored days over a range, added up. */
record UnitTotals(long onDutyMs, long onPostMs, long patrolMs, double distanceM, int visits) {

  static final UnitTotals NONE = new UnitTotals(0, 0, 0, 0, 0);

  UnitTotals plus(UnitTotals o) {
    return new UnitTotals(onDutyMs + o.onDutyMs, onPostMs + o.onPostMs, patrolMs + o.patrolMs,
        distanceM + o.distanceM, visits + o.visits);
  }
}
