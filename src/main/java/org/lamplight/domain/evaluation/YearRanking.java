package org.lamplight.domain.evaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The best of a year (offices, officers or auxiliaries, ranked separately) by their mean monthly
 * score.
 */
public final class YearRanking {

  /** A place in the ranking; the mean is rounded like a monthly score. */
  public record Place(String subject, int rank, double meanScore, int months) {}

  private YearRanking() {
  }

  /**
   * Subjects scored in at least {@code minMonths} months, by mean score, best first; ties share a
   * rank, and every subject ranked within {@code size} is listed (so a tie for tenth lists all of
   * them).
   *
   * @param monthlyScores per subject, its scores of the year's months
   */
  public static List<Place> best(Map<String, List<Double>> monthlyScores, EvaluationSettings.YearlyRanking rule) {
    List<Place> eligible = new ArrayList<>();
    monthlyScores.forEach((subject, scores) -> {
      if (scores.size() >= rule.minMonths()) {
        double mean = scores.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        eligible.add(new Place(subject, 0, Scorecard.round(mean), scores.size()));
      }
    });
    eligible.sort(Comparator.comparingDouble(Place::meanScore).reversed().thenComparing(Place::subject));
    List<Place> ranked = new ArrayList<>();
    for (int i = 0; i < eligible.size(); i++) {
      Place p = eligible.get(i);
      int rank = i > 0 && eligible.get(i - 1).meanScore() == p.meanScore() ? ranked.get(i - 1).rank() : i + 1;
      if (rank > rule.size()) {
        break;
      }
      ranked.add(new Place(p.subject(), rank, p.meanScore(), p.months()));
    }
    return ranked;
  }
}
