package org.lamplight.domain.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lamplight.domain.evaluation.EvaluationSettings.YearlyRanking;
import org.lamplight.domain.evaluation.YearRanking.Place;

class YearRankingTest {

  @Test
  void theBestAreRankedByTheirMeanMonthlyScore() {
    Map<String, List<Double>> scores = Map.of(
        "O1", List.of(90.0, 80.0, 85.0),
        "O2", List.of(70.0, 75.0, 80.0),
        "O3", List.of(95.0, 95.0, 60.0));

    assertThat(YearRanking.best(scores, new YearlyRanking(10, 3))).containsExactly(
        new Place("O1", 1, 85.0, 3), new Place("O3", 2, 83.3, 3), new Place("O2", 3, 75.0, 3));
  }

  @Test
  void aSubjectNeedsEnoughMonthsToBeRanked() {
    Map<String, List<Double>> scores = Map.of("new", List.of(100.0), "old", List.of(60.0, 60.0));

    assertThat(YearRanking.best(scores, new YearlyRanking(10, 2))).extracting(Place::subject).containsExactly("old");
  }

  @Test
  void aTieForTheLastPlaceListsEveryoneTied() {
    Map<String, List<Double>> scores = new HashMap<>();
    for (int i = 1; i <= 12; i++) {
      scores.put(String.format("aux-%02d", i), List.of(i <= 8 ? 100.0 - i : 80.0));
    }

    List<Place> best = YearRanking.best(scores, new YearlyRanking(10, 1));

    assertThat(best).hasSize(12);
    assertThat(best.get(8)).isEqualTo(new Place("aux-09", 9, 80.0, 1));
    assertThat(best.get(11)).isEqualTo(new Place("aux-12", 9, 80.0, 1));
  }

  @Test
  void onlyTheConfiguredNumberIsListed() {
    Map<String, List<Double>> scores = new HashMap<>();
    for (int i = 1; i <= 12; i++) {
      scores.put(String.format("O%02d", i), List.of(50.0 + i));
    }

    assertThat(YearRanking.best(scores, new YearlyRanking(10, 1))).hasSize(10).first()
        .isEqualTo(new Place("O12", 1, 62.0, 1));
  }
}
