package org.lamplight.domain.evaluation;

import org.lamplight.domain.WireName;

/** What the monthly evaluation measures; each is scored 0..100 (see {@link Scorecard}). */
public enum Indicator implements WireName {
  /** 见警率: the share of village-days that had the visits they need. */
  VILLAGE_COVERAGE,
  /** 在岗在位: the share of tracked on-duty time spent in the post villages. */
  PRESENCE_ON_POST,
  /** Offers accepted out of offers answered or left to time out. */
  OFFERS_ACCEPTED,
  /** Median time from offer to acceptance. */
  TIME_TO_ACCEPT,
  /** Median time from offer to arrival on scene. */
  TIME_TO_ARRIVE,
  /** 台账: ledger work against per-village monthly targets. */
  LEDGER_WORK,
  /** Hazards due in the month rectified by their deadline. */
  HAZARDS_ON_TIME,
  /** The brigade's inspection: equipment (硬件). */
  INSPECTION_HARDWARE,
  /** The brigade's inspection: housekeeping (内务). */
  INSPECTION_HOUSEKEEPING,
  /** The brigade's inspection: ledgers kept (台账检查). */
  INSPECTION_LEDGERS;

  /** Entered by the brigade rather than measured. */
  public boolean isInspection() {
    return this == INSPECTION_HARDWARE || this == INSPECTION_HOUSEKEEPING || this == INSPECTION_LEDGERS;
  }

  public static Indicator fromWire(String wire) {
    return WireName.parse(Indicator.class, wire);
  }
}
