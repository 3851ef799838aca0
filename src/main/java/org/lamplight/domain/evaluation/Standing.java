package org.lamplight.domain.evaluation;

import java.util.Objects;

/**
 * A subject's month: its figures, its points and its rank among subjects of its kind (1 is best;
 * equal scores share a rank and the next rank is skipped: 1, 2, 2, 4).
 */
public record Standing(SubjectFacts facts, Scorecard card, int rank) {

  public Standing {
    Objects.requireNonNull(facts, "facts");
    Objects.requireNonNull(card, "card");
  }

  public Subject subject() {
    return facts.subject();
  }

  public double score() {
    return card.score();
  }
}
