package org.lamplight.domain.evaluation;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The month the county evaluates, named after the month it closes in: with the closing day on the
 * 25th (the default), month 2024-05 runs from 26 April to 25 May inclusive. The closing day is
 * 1..28 so that every month has it.
 */
public record EvaluationMonth(YearMonth month, int closingDay) {

  public static final int DEFAULT_CLOSING_DAY = 25;

  public EvaluationMonth {
    Objects.requireNonNull(month, "month");
    checkClosingDay(closingDay);
  }

  static int checkClosingDay(int closingDay) {
    if (closingDay < 1 || closingDay > 28) {
      throw new IllegalArgumentException("the closing day must be 1..28, got " + closingDay);
    }
    return closingDay;
  }

  /** Parses "2024-05". */
  public static EvaluationMonth parse(String yearMonth, int closingDay) {
    return new EvaluationMonth(YearMonth.parse(yearMonth), closingDay);
  }

  /** The evaluation month a day belongs to: days after the closing day belong to the next one. */
  public static EvaluationMonth containing(LocalDate day, int closingDay) {
    YearMonth month = YearMonth.from(day);
    return new EvaluationMonth(day.getDayOfMonth() > checkClosingDay(closingDay) ? month.plusMonths(1) : month,
        closingDay);
  }

  public LocalDate firstDay() {
    return month.minusMonths(1).atDay(closingDay).plusDays(1);
  }

  public LocalDate lastDay() {
    return month.atDay(closingDay);
  }

  public int days() {
    return (int) ChronoUnit.DAYS.between(firstDay(), lastDay()) + 1;
  }

  public EvaluationMonth previous() {
    return new EvaluationMonth(month.minusMonths(1), closingDay);
  }

  /** Midnight starting the first day, in epoch ms. */
  public long startMs(ZoneId zone) {
    return firstDay().atStartOfDay(zone).toInstant().toEpochMilli();
  }

  /** Midnight ending the last day, in epoch ms (exclusive). */
  public long endMs(ZoneId zone) {
    return lastDay().plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
  }

  @Override
  public String toString() {
    return month.toString();
  }
}
