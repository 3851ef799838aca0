package org.lamplight.patrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lamplight.patrol.PatrolCounty.ZONE;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.TestDatabase;
import org.lamplight.TestNode;
import org.lamplight.domain.evaluation.EvaluationMonth;

/**
 * What closed months hand on, read through the API: the rotation flag of an office third class for
 * the third month running, and the yearly ranking of the best offices, officers and auxiliaries.
 * The closed months' scores are stored as closing them stores them; this month nobody patrolled,
 * so both offices are third class in it.
 */
class EvaluationHistoryIT {

  private static final String DB = "evaluation_history_it";
  private static final int YEAR = 2025;
  private static TestNode node;
  private static EvaluationMonth month;

  @BeforeAll
  static void closedMonths() throws Exception {
    PatrolCounty.importInto(DB);
    node = PatrolCounty.node(DB, Map.of());
    month = EvaluationMonth.containing(LocalDate.now(ZONE), 25).previous();
    EvaluationMonth before = month.previous();
    EvaluationMonth twoBefore = before.previous();
    try (Connection c = TestDatabase.connect(DB)) {
      close(c, before, List.of(office("O1", 55, "third"), office("O2", 60, "third")));
      close(c, twoBefore, List.of(office("O1", 90, "first"), office("O2", 65, "third")));
      for (int m = 1; m <= 7; m++) {
        List<Score> scores = new ArrayList<>(List.of(office("O1", 80 + m, m < 4 ? "second" : "first"),
            m <= 5 ? office("O2", 99, "first") : office("O2", 40, "third"),
            new Score("off-1", "officer", 70, null, null),
            new Score("aux-1", "auxiliary", 88, null, null), new Score("aux-2", "auxiliary", 88, null, null)));
        if (m <= 5) {
          scores.add(new Score("off-2", "officer", 99, null, null));
        }
        close(c, EvaluationMonth.parse(YEAR + "-0" + m, 25), scores);
      }
    }
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void anOfficeThirdClassForTheThirdMonthRunningIsFlaggedForRotationAndOneWithABreakIsNot() {
    var r = node.get("/api/evaluations/" + month);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    Map<String, JsonObject> offices = byId(r.bodyAsJsonObject().getJsonArray("offices"));
    assertThat(offices.get("O2").getMap()).containsEntry("tier", "third").containsEntry("rotationDue", true);
    assertThat(offices.get("O1").getMap()).containsEntry("tier", "third").containsEntry("rotationDue", false);
  }

  @Test
  void theYearlyRankingListsTheBestByMeanMonthlyScoreOfThoseScoredInSixMonths() {
    var r = node.get("/api/rankings/" + YEAR);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonObject ranking = r.bodyAsJsonObject();
    assertThat(ranking.getInteger("year")).isEqualTo(YEAR);
    JsonArray offices = ranking.getJsonArray("offices");
    assertThat(offices).hasSize(2);
    assertThat(offices.getJsonObject(0).getMap()).containsEntry("rank", 1).containsEntry("id", "O1")
        .containsEntry("meanScore", 84.0).containsEntry("months", 7).containsEntry("stationId", "S1");
    assertThat(offices.getJsonObject(1).getMap()).containsEntry("rank", 2).containsEntry("id", "O2")
        .containsEntry("months", 7);
    assertThat(ranking.getJsonArray("officers").stream().map(o -> ((JsonObject) o).getString("id")).toList())
        .as("off-2 was scored in five months only").containsExactly("off-1");
    JsonArray auxiliaries = ranking.getJsonArray("auxiliaries");
    assertThat(auxiliaries.stream().map(o -> ((JsonObject) o).getInteger("rank")).toList()).containsExactly(1, 1);
    assertThat(node.get("/api/rankings/" + (YEAR - 1)).bodyAsJsonObject().getJsonArray("offices")).isEmpty();
  }

  private record Score(String subject, String kind, double score, String tier, Integer amount) {}

  private static Score office(String id, double score, String tier) {
    return new Score(id, "office", score, tier, switch (tier) {
      case "first" -> 800;
      case "second" -> 600;
      default -> 300;
    });
  }

  /** A month closed with these scores, its ranks by score as closing gives them. */
  private static void close(Connection c, EvaluationMonth m, List<Score> scores) throws Exception {
    try (PreparedStatement month = c.prepareStatement(
        "insert into evaluation_months (month, closed_by, result) values (?, 'brigade', '{}')")) {
      month.setString(1, m.toString());
      month.executeUpdate();
    }
    try (PreparedStatement score = c.prepareStatement("insert into evaluation_scores (month, subject, kind, score, rank,"
        + " tier, amount) values (?, ?, ?, ?, ?, ?, ?)")) {
      for (Score s : scores) {
        long better = scores.stream().filter(o -> o.kind().equals(s.kind()) && o.score() > s.score()).count();
        score.setString(1, m.toString());
        score.setString(2, s.subject());
        score.setString(3, s.kind());
        score.setDouble(4, s.score());
        score.setInt(5, (int) better + 1);
        score.setString(6, s.tier());
        score.setObject(7, s.amount());
        score.executeUpdate();
      }
    }
  }

  private static Map<String, JsonObject> byId(JsonArray rows) {
    return rows.stream().map(JsonObject.class::cast).collect(Collectors.toMap(o -> o.getString("id"), Function.identity()));
  }
}
