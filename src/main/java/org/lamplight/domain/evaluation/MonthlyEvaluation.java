package org.lamplight.domain.evaluation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The evaluation of one month: every subject scored and ranked within its kind; offices also
 * classed, paid and flagged for rotation. Each list is in rank order (ties by id).
 */
public record MonthlyEvaluation(EvaluationMonth month, List<OfficeStanding> offices, List<Standing> workstations,
    List<Standing> officers, List<Standing> auxiliaries) {

  public MonthlyEvaluation {
    offices = List.copyOf(offices);
    workstations = List.copyOf(workstations);
    officers = List.copyOf(officers);
    auxiliaries = List.copyOf(auxiliaries);
  }

  /**
   * Evaluates a month.
   *
   * @param previousTiers per office, its classes in the months before this one, the latest first
   *     (only the last {@code rotationAfterMonths - 1} matter); offices absent have none
   */
  public static MonthlyEvaluation evaluate(EvaluationMonth month, MonthRecords records, Collection<Subject> subjects,
      Map<String, List<Tier>> previousTiers, EvaluationSettings settings) {
    List<OfficeStanding> offices = new ArrayList<>();
    for (Standing standing : ranked(records, subjects, SubjectKind.OFFICE, settings)) {
      EvaluationSettings.TierRule tier = settings.tierFor(standing.score());
      boolean rotationDue = rotationDue(tier.tier(), previousTiers.getOrDefault(standing.subject().id(), List.of()),
          settings.rotationAfterMonths());
      offices.add(new OfficeStanding(standing, tier.tier(), tier.amountYuan(), rotationDue));
    }
    return new MonthlyEvaluation(month, offices, ranked(records, subjects, SubjectKind.WORKSTATION, settings),
        ranked(records, subjects, SubjectKind.OFFICER, settings),
        ranked(records, subjects, SubjectKind.AUXILIARY, settings));
  }

  private static List<Standing> ranked(MonthRecords records, Collection<Subject> subjects, SubjectKind kind,
      EvaluationSettings settings) {
    List<SubjectFacts> facts = subjects.stream().filter(s -> s.kind() == kind).map(records::factsOf).toList();
    List<Scorecard> cards = facts.stream().map(f -> Scorecard.of(f, settings)).toList();
    double[] negated = cards.stream().mapToDouble(c -> -c.score()).sorted().toArray();
    List<Standing> standings = new ArrayList<>();
    for (int i = 0; i < facts.size(); i++) {
      standings.add(new Standing(facts.get(i), cards.get(i), rank(cards.get(i).score(), negated)));
    }
    standings.sort(Comparator.comparingInt(Standing::rank).thenComparing(s -> s.subject().id()));
    return standings;
  }

  /**
   * One more than the number of scores above this one (equal scores share a rank).
   *
   * @param negatedScores every score negated, in ascending order (the best first)
   */
  private static int rank(double score, double[] negatedScores) {
    int lo = 0;
    int hi = negatedScores.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (negatedScores[mid] < -score) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo + 1;
  }

  /** Third class now and in each of the months before that complete the run. */
  static boolean rotationDue(Tier now, List<Tier> before, int months) {
    return now == Tier.THIRD && before.size() >= months - 1
        && before.subList(0, months - 1).stream().allMatch(t -> t == Tier.THIRD);
  }

  /** Offices and workstations whose inspection is not entered yet: the month cannot be closed. */
  public List<String> missingInspections() {
    return Stream.concat(offices.stream().map(OfficeStanding::standing), workstations.stream())
        .filter(s -> s.facts().inspection().isEmpty())
        .map(s -> s.subject().id())
        .sorted()
        .toList();
  }
}
