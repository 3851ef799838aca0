package org.lamplight.domain.evaluation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.lamplight.domain.ledger.LedgerKind;

/**
 * A subject's points per indicator (0..100) and its score: the weighted mean of the points it has.
 *
 * <p>An indicator without data (no offers, no hazard due, no inspection entered) is neither 0 nor
 * full marks: it is left out, listed in {@link #missing}, and the weights of the others are scaled
 * up to make 100. Inspections do not apply to people: for them those indicators are neither scored
 * nor missing.
 *
 * @param points the indicators scored
 * @param missing the indicators that apply but had no data
 * @param score rounded half up to one decimal; 0 when no indicator had data
 */
public record Scorecard(Map<Indicator, Double> points, Set<Indicator> missing, double score) {

  /** Ledger targets are per village per month, a month counted as 30 days. */
  static final int DAYS_PER_MONTH = 30;

  public Scorecard {
    points = Map.copyOf(points);
    missing = Set.copyOf(missing);
  }

  public static Scorecard of(SubjectFacts facts, EvaluationSettings settings) {
    Map<Indicator, Double> points = new EnumMap<>(Indicator.class);
    Set<Indicator> missing = EnumSet.noneOf(Indicator.class);
    double weighted = 0;
    double weights = 0;
    for (Indicator indicator : Indicator.values()) {
      if (indicator.isInspection() && !facts.subject().kind().isInspected()) {
        continue;
      }
      OptionalDouble value = points(indicator, facts, settings);
      if (value.isEmpty()) {
        missing.add(indicator);
        continue;
      }
      points.put(indicator, value.getAsDouble());
      weighted += settings.weights().get(indicator) * value.getAsDouble();
      weights += settings.weights().get(indicator);
    }
    return new Scorecard(points, missing, weights == 0 ? 0 : round(weighted / weights));
  }

  private static OptionalDouble points(Indicator indicator, SubjectFacts f, EvaluationSettings s) {
    return switch (indicator) {
      case VILLAGE_COVERAGE -> share(f.villageDaysMet(), f.villageDays(), s.coverageFullMarksAt());
      case PRESENCE_ON_POST -> share(f.onPostMs(), f.onDutyMs(), s.presenceFullMarksAt());
      case OFFERS_ACCEPTED -> share(f.offersAccepted(), f.offers(), s.acceptedFullMarksAt());
      case TIME_TO_ACCEPT -> f.medianAcceptMs().isEmpty() ? OptionalDouble.empty()
          : OptionalDouble.of(s.timeToAccept().points(f.medianAcceptMs().getAsLong()));
      case TIME_TO_ARRIVE -> f.medianArriveMs().isEmpty() ? OptionalDouble.empty()
          : OptionalDouble.of(s.timeToArrive().points(f.medianArriveMs().getAsLong()));
      case LEDGER_WORK -> ledgerWork(f, s);
      case HAZARDS_ON_TIME -> share(f.hazards().onTime(), f.hazards().due(), s.hazardsFullMarksAt());
      case INSPECTION_HARDWARE, INSPECTION_HOUSEKEEPING, INSPECTION_LEDGERS -> f.inspection().isEmpty()
          ? OptionalDouble.empty() : OptionalDouble.of(f.inspection().get().score(indicator));
    };
  }

  /** 100 at fullMarksAt or above, in proportion below; nothing to share: no data. */
  private static OptionalDouble share(double part, double whole, double fullMarksAt) {
    return whole == 0 ? OptionalDouble.empty() : OptionalDouble.of(Math.min(100, 100 * part / whole / fullMarksAt));
  }

  /** The mean over the kinds with a target of each kind's work against its target, capped at 100. */
  private static OptionalDouble ledgerWork(SubjectFacts f, EvaluationSettings s) {
    if (f.villageDays() == 0) {
      return OptionalDouble.empty();
    }
    double sum = 0;
    int kinds = 0;
    for (Map.Entry<LedgerKind, Double> target : s.ledgerTargets().entrySet()) {
      if (target.getValue() > 0) {
        double expected = target.getValue() * f.villageDays() / DAYS_PER_MONTH;
        sum += Math.min(100, 100 * f.ledger().of(target.getKey()) / expected);
        kinds++;
      }
    }
    return kinds == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / kinds);
  }

  /** Half up to one decimal, as the score sheet shows it: ranks and tiers go by this. */
  static double round(double score) {
    return BigDecimal.valueOf(score).setScale(1, RoundingMode.HALF_UP).doubleValue();
  }
}
