package org.lamplight.patrol;

import java.util.Objects;
import org.lamplight.domain.evaluation.MonthlyEvaluation;

/**
 * A month's evaluation as the API shows it: worked out now for an open month, as frozen for a
 * closed one.
 *
 * @param closedBy null while the month is open
 * @param closedAtMs 0 while the month is open
 */
public record EvaluationSheet(MonthlyEvaluation evaluation, String closedBy, long closedAtMs) {

  public EvaluationSheet {
    Objects.requireNonNull(evaluation, "evaluation");
  }

  public boolean closed() {
    return closedBy != null;
  }
}
