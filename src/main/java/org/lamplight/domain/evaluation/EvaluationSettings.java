package org.lamplight.domain.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.lamplight.domain.PlainValues;
import org.lamplight.domain.ledger.LedgerKind;

/**
 * How the monthly evaluation scores, ranks and pays; {@code conf/evaluation.yaml} holds the
 * county's values and explains the defaults.
 *
 * @param closingDay the day of the month the evaluation month ends on (1..28)
 * @param weights points each indicator is worth out of 100; they add up to 100
 * @param coverageFullMarksAt the share of village-days met that earns full marks
 * @param presenceFullMarksAt the share of on-duty time on post that earns full marks
 * @param acceptedFullMarksAt the share of offers accepted that earns full marks
 * @param hazardsFullMarksAt the share of due hazards rectified on time that earns full marks
 * @param ledgerTargets per kind of work, how much a month each village should see; kinds
 *     without a target do not count towards {@link Indicator#LEDGER_WORK}
 * @param tiers first, second and third class with their lowest scores and monthly amounts
 * @param rotationAfterMonths consecutive third-class months that flag an office's officer for
 *     rotation
 */
public record EvaluationSettings(int closingDay, Map<Indicator, Double> weights, double coverageFullMarksAt,
    double presenceFullMarksAt, double acceptedFullMarksAt, double hazardsFullMarksAt, TimeScale timeToAccept,
    TimeScale timeToArrive, Map<LedgerKind, Double> ledgerTargets, List<TierRule> tiers, int rotationAfterMonths,
    YearlyRanking yearlyRanking) {

  /**
   * Full marks up to a time, none from another, in a straight line between.
   */
  public record TimeScale(long fullMarksWithinMs, long zeroMarksAfterMs) {
    public TimeScale {
      if (fullMarksWithinMs < 0 || zeroMarksAfterMs <= fullMarksWithinMs) {
        throw new IllegalArgumentException("full marks within " + fullMarksWithinMs
            + " ms must be at least 0 and less than zero marks after " + zeroMarksAfterMs + " ms");
      }
    }

    public double points(long ms) {
      if (ms <= fullMarksWithinMs) {
        return 100;
      }
      if (ms >= zeroMarksAfterMs) {
        return 0;
      }
      return 100.0 * (zeroMarksAfterMs - ms) / (zeroMarksAfterMs - fullMarksWithinMs);
    }
  }

  /** A class, the lowest score that earns it and what it pays a month (yuan). */
  public record TierRule(Tier tier, double minScore, int amountYuan) {
    public TierRule {
      Objects.requireNonNull(tier, "tier");
      if (!(minScore >= 0 && minScore <= 100) || amountYuan < 0) {
        throw new IllegalArgumentException("tier " + tier.wire() + ": min_score must be 0..100 and amount_yuan"
            + " at least 0, got " + minScore + " and " + amountYuan);
      }
    }
  }

  /** The yearly ranking: how many it lists, and how many months a subject needs to be in it. */
  public record YearlyRanking(int size, int minMonths) {
    public YearlyRanking {
      if (size < 1 || minMonths < 1 || minMonths > 12) {
        throw new IllegalArgumentException("yearly ranking: size must be at least 1 and min_months 1..12, got "
            + size + " and " + minMonths);
      }
    }
  }

  private static final Set<String> KEYS = Set.of("closing_day", "indicators", "tiers",
      "rotation_after_third_class_months", "yearly_ranking");

  public EvaluationSettings {
    EvaluationMonth.checkClosingDay(closingDay);
    weights = Map.copyOf(weights);
    ledgerTargets = Map.copyOf(ledgerTargets);
    tiers = List.copyOf(tiers);
    Objects.requireNonNull(timeToAccept, "timeToAccept");
    Objects.requireNonNull(timeToArrive, "timeToArrive");
    Objects.requireNonNull(yearlyRanking, "yearlyRanking");
    checkWeights(weights);
    share("village_coverage", coverageFullMarksAt);
    share("presence_on_post", presenceFullMarksAt);
    share("offers_accepted", acceptedFullMarksAt);
    share("hazards_on_time", hazardsFullMarksAt);
    checkTargets(ledgerTargets, weights.get(Indicator.LEDGER_WORK));
    checkTiers(tiers);
    if (rotationAfterMonths < 1) {
      throw new IllegalArgumentException("evaluation settings: rotation_after_third_class_months must be at least 1");
    }
  }

  private static void checkWeights(Map<Indicator, Double> weights) {
    double total = 0;
    for (Indicator indicator : Indicator.values()) {
      Double weight = weights.get(indicator);
      if (weight == null || !(weight >= 0)) {
        throw new IllegalArgumentException("evaluation settings: " + indicator.wire()
            + " needs a weight of at least 0, got " + weight);
      }
      total += weight;
    }
    if (Math.abs(total - 100) > 1e-9) {
      throw new IllegalArgumentException("evaluation settings: the weights must add up to 100, they add up to " + total);
    }
  }

  private static void checkTargets(Map<LedgerKind, Double> targets, double weight) {
    for (Map.Entry<LedgerKind, Double> target : targets.entrySet()) {
      if (!(target.getValue() >= 0)) {
        throw new IllegalArgumentException("evaluation settings: the target for " + target.getKey().wire()
            + " must be at least 0, got " + target.getValue());
      }
    }
    if (weight > 0 && targets.values().stream().noneMatch(t -> t > 0)) {
      throw new IllegalArgumentException("evaluation settings: ledger_work has a weight but no target");
    }
  }

  private static void share(String indicator, double fullMarksAt) {
    if (!(fullMarksAt > 0 && fullMarksAt <= 1)) {
      throw new IllegalArgumentException("evaluation settings: " + indicator
          + " full_marks_at must be more than 0 and at most 1, got " + fullMarksAt);
    }
  }

  private static void checkTiers(List<TierRule> tiers) {
    List<Tier> order = tiers.stream().map(TierRule::tier).toList();
    if (!order.equals(List.of(Tier.values()))) {
      throw new IllegalArgumentException("evaluation settings: tiers must be first, second and third in that"
          + " order, got " + order.stream().map(Tier::wire).toList());
    }
    for (int i = 1; i < tiers.size(); i++) {
      if (tiers.get(i).minScore() >= tiers.get(i - 1).minScore()) {
        throw new IllegalArgumentException("evaluation settings: tier " + tiers.get(i).tier().wire()
            + " must need a lower score than tier " + tiers.get(i - 1).tier().wire());
      }
    }
    if (tiers.get(tiers.size() - 1).minScore() != 0) {
      throw new IllegalArgumentException("evaluation settings: the third tier must start at 0, so every office has one");
    }
  }

  /** The values of {@code conf/evaluation.yaml} as shipped. */
  public static EvaluationSettings defaults() {
    Map<Indicator, Double> weights = new EnumMap<>(Indicator.class);
    weights.put(Indicator.VILLAGE_COVERAGE, 25.0);
    weights.put(Indicator.PRESENCE_ON_POST, 15.0);
    weights.put(Indicator.OFFERS_ACCEPTED, 5.0);
    weights.put(Indicator.TIME_TO_ACCEPT, 5.0);
    weights.put(Indicator.TIME_TO_ARRIVE, 5.0);
    weights.put(Indicator.LEDGER_WORK, 10.0);
    weights.put(Indicator.HAZARDS_ON_TIME, 5.0);
    weights.put(Indicator.INSPECTION_HARDWARE, 10.0);
    weights.put(Indicator.INSPECTION_HOUSEKEEPING, 10.0);
    weights.put(Indicator.INSPECTION_LEDGERS, 10.0);
    return new EvaluationSettings(EvaluationMonth.DEFAULT_CLOSING_DAY, weights, 0.9, 0.7, 0.9, 1.0,
        new TimeScale(20_000, 60_000), new TimeScale(600_000, 1_800_000),
        Map.of(LedgerKind.HOUSEHOLD_VISIT, 15.0, LedgerKind.SAFETY_TALK, 1.0),
        List.of(new TierRule(Tier.FIRST, 85, 800), new TierRule(Tier.SECOND, 70, 600), new TierRule(Tier.THIRD, 0, 300)),
        3, new YearlyRanking(10, 6));
  }

  /**
   * Reads the settings from plain values, as {@code conf/evaluation.yaml} has them: every key is
   * required, unknown keys are refused.
   */
  public static EvaluationSettings fromMap(Map<String, ?> map) {
    PlainValues values = new PlainValues(map, "evaluation settings").onlyKeys(KEYS);
    PlainValues indicators = values.nested("indicators")
        .onlyKeys(Arrays.stream(Indicator.values()).map(Indicator::wire).collect(Collectors.toSet()));
    Map<Indicator, Double> weights = new EnumMap<>(Indicator.class);
    for (Indicator indicator : Indicator.values()) {
      PlainValues one = indicators.nested(indicator.wire()).onlyKeys(keysOf(indicator));
      weights.put(indicator, one.number("weight"));
    }
    PlainValues ranking = values.nested("yearly_ranking").onlyKeys(Set.of("size", "min_months"));
    return new EvaluationSettings(values.wholeNumber("closing_day"), weights,
        indicators.nested("village_coverage").number("full_marks_at"),
        indicators.nested("presence_on_post").number("full_marks_at"),
        indicators.nested("offers_accepted").number("full_marks_at"),
        indicators.nested("hazards_on_time").number("full_marks_at"),
        timeScale(indicators.nested("time_to_accept")), timeScale(indicators.nested("time_to_arrive")),
        targets(indicators.nested("ledger_work").nested("per_village_per_month")),
        tiers(values), values.wholeNumber("rotation_after_third_class_months"),
        new YearlyRanking(ranking.wholeNumber("size"), ranking.wholeNumber("min_months")));
  }

  private static Set<String> keysOf(Indicator indicator) {
    return switch (indicator) {
      case VILLAGE_COVERAGE, PRESENCE_ON_POST, OFFERS_ACCEPTED, HAZARDS_ON_TIME -> Set.of("weight", "full_marks_at");
      case TIME_TO_ACCEPT, TIME_TO_ARRIVE -> Set.of("weight", "full_marks_within_s", "zero_marks_after_s");
      case LEDGER_WORK -> Set.of("weight", "per_village_per_month");
      case INSPECTION_HARDWARE, INSPECTION_HOUSEKEEPING, INSPECTION_LEDGERS -> Set.of("weight");
    };
  }

  private static TimeScale timeScale(PlainValues values) {
    try {
      return new TimeScale(Math.round(values.number("full_marks_within_s") * 1000),
          Math.round(values.number("zero_marks_after_s") * 1000));
    } catch (IllegalArgumentException e) {
      throw values.error(e.getMessage());
    }
  }

  private static Map<LedgerKind, Double> targets(PlainValues values) {
    Map<LedgerKind, Double> targets = new EnumMap<>(LedgerKind.class);
    for (String kind : values.keys()) {
      try {
        targets.put(LedgerKind.fromWire(kind), values.number(kind));
      } catch (IllegalArgumentException e) {
        throw values.error(e.getMessage());
      }
    }
    return targets;
  }

  private static List<TierRule> tiers(PlainValues values) {
    List<TierRule> tiers = new ArrayList<>();
    for (Map<String, ?> map : values.maps("tiers")) {
      PlainValues tier = new PlainValues(map, "evaluation settings.tiers[" + tiers.size() + "]")
          .onlyKeys(Set.of("tier", "min_score", "amount_yuan"));
      try {
        tiers.add(new TierRule(Tier.fromWire(tier.string("tier")), tier.number("min_score"),
            tier.wholeNumber("amount_yuan")));
      } catch (IllegalArgumentException e) {
        throw e.getMessage().startsWith("evaluation settings") ? e : tier.error(e.getMessage());
      }
    }
    return tiers;
  }

  /** The tier a score earns. */
  public TierRule tierFor(double score) {
    return tiers.stream().filter(t -> score >= t.minScore()).findFirst().orElseThrow();
  }
}
