package org.lamplight.patrol;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.lamplight.domain.evaluation.EvaluationMonth;
import org.lamplight.domain.evaluation.EvaluationSettings;
import org.lamplight.domain.evaluation.Inspection;
import org.lamplight.domain.evaluation.MonthRecords;
import org.lamplight.domain.evaluation.MonthlyEvaluation;
import org.lamplight.domain.evaluation.Subject;
import org.lamplight.domain.evaluation.SubjectKind;
import org.lamplight.domain.evaluation.YearRanking;
import org.lamplight.domain.org.County;
import org.lamplight.domain.org.CurrentCounty;
import org.lamplight.domain.org.Office;
import org.lamplight.domain.org.Person;
import org.lamplight.domain.org.UnitKind;
import org.lamplight.domain.org.Workstation;
import org.lamplight.patrol.PatrolException.Code;

/**
 * The monthly evaluation: worked out from the month's coverage, offers, ledger and inspections
 * while the month is open; frozen when it is closed (its figures stored and never worked out
 * again); the brigade's inspections; the yearly ranking of the closed months. An open month is
 * worked out for the subjects of the current county.
 */
public final class EvaluationService {

  /** Works the figures out: a county's month takes a good part of a second, too long for an event loop. */
  private final Vertx vertx;
  private final CurrentCounty county;
  private final EvaluationSettings settings;
  private final ZoneId zone;
  private final EvaluationRepository repository;
  private final CoverageRepository coverage;
  private final CoverageService requirements;
  private final LedgerRepository ledger;
  private final Supplier<List<Subject>> subjects;

  EvaluationService(Vertx vertx, CurrentCounty county, EvaluationSettings settings, ZoneId zone,
                    EvaluationRepository repository, CoverageRepository coverage, CoverageService requirements,
                    LedgerRepository ledger) {
    this.vertx = vertx;
    this.county = county;
    this.settings = settings;
    this.zone = zone;
    this.repository = repository;
    this.coverage = coverage;
    this.requirements = requirements;
    this.ledger = ledger;
    this.subjects = county.derived(EvaluationService::subjects);
  }

  public EvaluationSettings settings() {
    return settings;
  }

  /** The evaluation month of {@code 2024-05}, with the configured closing day. */
  public EvaluationMonth month(String yearMonth) {
    return EvaluationMonth.parse(yearMonth, settings.closingDay());
  }

  /** The evaluation month today falls in. */
  public EvaluationMonth currentMonth() {
    return EvaluationMonth.containing(LocalDate.now(zone), settings.closingDay());
  }

  /**
   * Who is evaluated and what each answers for: an office, its villages and all its people; a
   * workstation, its village and its auxiliaries; a person, their post villages and themselves.
   */
  public static List<Subject> subjects(County county) {
    Map<String, Set<String>> peopleOfOffice = new HashMap<>();
    Map<String, Set<String>> peopleOfWorkstation = new HashMap<>();
    for (Person p : county.people()) {
      peopleOfOffice.computeIfAbsent(p.officeId(), o -> new HashSet<>()).add(p.id());
      if (p.workstationId() != null) {
        peopleOfWorkstation.computeIfAbsent(p.workstationId(), w -> new HashSet<>()).add(p.id());
      }
    }
    List<Subject> out = new ArrayList<>();
    for (Office o : county.offices()) {
      out.add(new Subject(o.id(), SubjectKind.OFFICE, Set.copyOf(o.villageIds()), peopleOfOffice.getOrDefault(o.id(), Set.of())));
    }
    for (Workstation w : county.workstations()) {
      out.add(new Subject(w.id(), SubjectKind.WORKSTATION, Set.of(w.villageId()),
          peopleOfWorkstation.getOrDefault(w.id(), Set.of())));
    }
    var posts = PatrolModule.posts(county);
    for (Person p : county.people()) {
      out.add(new Subject(p.id(), p.kind() == UnitKind.OFFICER ? SubjectKind.OFFICER : SubjectKind.AUXILIARY,
          posts.villagesOf(p.id()), Set.of(p.id())));
    }
    return out;
  }

  /** The month as frozen when it was closed, or as it stands now. */
  public Future<EvaluationSheet> evaluation(EvaluationMonth month) {
    return repository.closed(month).compose(closed -> closed.isPresent()
        ? Future.succeededFuture(new EvaluationSheet(closed.get().evaluation(), closed.get().closedBy(),
            closed.get().closedAtMs()))
        : evaluate(month).map(e -> new EvaluationSheet(e, null, 0)));
  }

  /** Works the month out from what is stored now. */
  public Future<MonthlyEvaluation> evaluate(EvaluationMonth month) {
    long from = month.startMs(zone);
    long to = month.endMs(zone);
    List<Subject> subjects = this.subjects.get();
    var requirementsRead = requirements.requirements();
    var visitsRead = coverage.visitCounts(month.firstDay(), month.lastDay());
    var timesRead = coverage.unitTotals(month.firstDay(), month.lastDay());
    var offersRead = repository.offers(from, to);
    var ledgerRead = ledger.countsByUnit(from, to);
    var hazardsRead = ledger.hazardsOf(from, to);
    var inspectionsRead = repository.inspections(month);
    var previousRead = repository.previousTiers(month, settings.rotationAfterMonths() - 1);
    // the reads go their own ways on the pool; the figures are worked out once all are in
    return Future.all(List.of(requirementsRead, visitsRead, timesRead, offersRead, ledgerRead, hazardsRead,
            inspectionsRead, previousRead))
        .compose(all -> vertx.executeBlocking(() -> MonthlyEvaluation.evaluate(month, MonthRecords.builder(month, zone)
            .requirements(requirementsRead.result()).visitCounts(visitsRead.result()).unitTotals(unitTotals(timesRead.result()))
            .offers(offersRead.result()).ledgerCounts(ledgerRead.result()).hazards(hazardsRead.result())
            .inspections(inspectionsRead.result()).build(), subjects, previousRead.result(), settings), false));
  }

  private static List<MonthRecords.UnitTotal> unitTotals(Map<String, UnitTotals> byUnit) {
    List<MonthRecords.UnitTotal> out = new ArrayList<>(byUnit.size());
    byUnit.forEach((unit, t) -> out.add(new MonthRecords.UnitTotal(unit, t.onDutyMs(), t.onPostMs(), t.patrolMs(),
        t.distanceM())));
    return out;
  }

  /** Enters the brigade's inspection of offices and workstations; refused for a closed month. */
  public Future<Void> inspect(EvaluationMonth month, List<Inspection> inspections, String actor) {
    County county = this.county.get();
    for (Inspection i : inspections) {
      if (county.office(i.subject()).isEmpty() && county.workstation(i.subject()).isEmpty()) {
        return Future.failedFuture(new PatrolException(Code.INVALID_REQUEST, i.subject()
            + " is not an office or workstation of the county"));
      }
    }
    return repository.saveInspections(month, inspections, actor);
  }

  /**
   * Closes a month that has ended and whose offices and workstations all have their inspection:
   * its figures are stored as they stand and never worked out again.
   */
  public Future<EvaluationSheet> close(EvaluationMonth month, String actor, long nowMs) {
    if (nowMs < month.endMs(zone)) {
      return Future.failedFuture(new PatrolException(Code.CONFLICT, "the evaluation of " + month + " runs until "
          + month.lastDay() + " and can be closed after that"));
    }
    return evaluate(month).compose(e -> {
      List<String> missing = e.missingInspections();
      if (!missing.isEmpty()) {
        return Future.failedFuture(new PatrolException(Code.CONFLICT, "the inspection is not entered for "
            + String.join(", ", missing.subList(0, Math.min(20, missing.size())))
            + (missing.size() > 20 ? " and " + (missing.size() - 20) + " more" : "")));
      }
      return repository.close(e, actor).compose(v -> evaluation(month));
    });
  }

  /** The year's best by mean monthly score over its closed months. */
  public Future<YearRankings> ranking(int year) {
    return repository.yearScores(year).map(scores -> new YearRankings(year,
        YearRanking.best(scores.getOrDefault(SubjectKind.OFFICE, Map.of()), settings.yearlyRanking()),
        YearRanking.best(scores.getOrDefault(SubjectKind.OFFICER, Map.of()), settings.yearlyRanking()),
        YearRanking.best(scores.getOrDefault(SubjectKind.AUXILIARY, Map.of()), settings.yearlyRanking())));
  }
}
