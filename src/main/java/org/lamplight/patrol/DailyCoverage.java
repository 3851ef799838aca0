package org.lamplight.patrol;

import java.time.LocalDate;

/** One day of coverage over a set of villages: how many there are and how many had the visits they need. */
public record DailyCoverage(LocalDate day, int villages, int villagesMet, int visits) {

  /** villagesMet ÷ villages; 0 without villages. */
  public double shareMet() {
    return villages == 0 ? 0 : (double) villagesMet / villages;
  }
}
