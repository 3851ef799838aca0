package org.lamplight.patrol;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lamplight.domain.dispatch.EventKind;
import org.lamplight.domain.dispatch.IncidentEvent;
import org.lamplight.domain.evaluation.EvaluationMonth;
import org.lamplight.domain.evaluation.Inspection;
import org.lamplight.domain.evaluation.MonthlyEvaluation;
import org.lamplight.domain.evaluation.Offer;
import org.lamplight.domain.evaluation.OfferTimeline;
import org.lamplight.domain.evaluation.OfficeStanding;
import org.lamplight.domain.evaluation.Standing;
import org.lamplight.domain.evaluation.SubjectKind;
import org.lamplight.domain.evaluation.Tier;
import org.lamplight.patrol.PatrolException.Code;
import org.lamplight.store.StoreErrors;

/** Inspections, closed months with their frozen figures and scores, and the offers of a month's incidents. */
final class EvaluationRepository {

  /** Entering inspections and closing a month take turns per month. */
  private static final String LOCK_MONTH = "select pg_advisory_xact_lock(hashtext('lamplight.evaluation.' || $1))";
  private static final String IS_CLOSED = "select 1 from evaluation_months where month = $1";
  private static final String UPSERT_INSPECTION = "insert into inspections (month, subject, hardware, housekeeping, ledgers,"
      + " entered_by) values ($1, $2, $3, $4, $5, $6) on conflict (month, subject) do update set hardware = excluded.hardware,"
      + " housekeeping = excluded.housekeeping, ledgers = excluded.ledgers, entered_by = excluded.entered_by,"
      + " entered_at = now()";
  private static final String SELECT_INSPECTIONS = "select subject, hardware, housekeeping, ledgers from inspections"
      + " where month = $1";
  private static final String INSERT_MONTH = "insert into evaluation_months (month, closed_by, result) values ($1, $2, $3)"
      + " on conflict (month) do nothing";
  private static final String INSERT_SCORES = "insert into evaluation_scores (month, subject, kind, score, rank, tier, amount)"
      + " select $1, s, k, sc, r, t, a from unnest($2::text[], $3::text[], $4::float8[], $5::int4[], $6::text[], $7::int4[])"
      + " as x(s, k, sc, r, t, a)";
  private static final String SELECT_CLOSED = "select result, (extract(epoch from closed_at) * 1000)::int8 as closed_at_ms,"
      + " closed_by from evaluation_months where month = $1";
  private static final String SELECT_PREVIOUS_TIERS = "select subject, tier from evaluation_scores"
      + " where kind = 'office' and month < $1 and month >= $2 order by month desc";
  private static final String SELECT_YEAR_SCORES = "select subject, kind, score from evaluation_scores"
      + " where month like $1 order by month";
  /**
   * Timelines of the incidents created from a day before the month, so offers made early in it are
   * whole. The incidents' ids are picked first (by their creation time's index) and their events
   * looked up by key: a join would read every event ever recorded.
   */
  private static final String SELECT_TIMELINES = "select e.incident_id::text as incident_id, e.seq,"
      + " (extract(epoch from e.at) * 1000)::int8 as at_ms, e.kind, e.unit_id from incident_events e"
      + " where e.incident_id = any(array(select i.id from incidents i"
      + " where i.created_at >= to_timestamp($1 / 1000.0) - interval '1 day' and i.created_at < to_timestamp($2 / 1000.0)))"
      + " order by e.incident_id, e.seq";

  /** A closed month: its evaluation as closed, when and by whom. */
  record Closed(MonthlyEvaluation evaluation, long closedAtMs, String closedBy) {}

  private final Pool pool;

  EvaluationRepository(Pool pool) {
    this.pool = pool;
  }

  Future<List<Inspection>> inspections(EvaluationMonth month) {
    return pool.preparedQuery(SELECT_INSPECTIONS).execute(Tuple.of(month.toString())).map(rows -> {
      List<Inspection> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new Inspection(r.getString("subject"), r.getDouble("hardware"), r.getDouble("housekeeping"),
            r.getDouble("ledgers")));
      }
      return out;
    }).recover(StoreErrors::recover);
  }

  /** Enters or corrects inspections, audited; refused once the month is closed. */
  Future<Void> saveInspections(EvaluationMonth month, List<Inspection> inspections, String actor) {
    String m = month.toString();
    return pool.withTransaction(conn -> lockOpen(conn, m).compose(v -> {
      Future<Void> chain = Future.succeededFuture();
      for (Inspection i : inspections) {
        chain = chain.compose(x -> conn.preparedQuery(UPSERT_INSPECTION)
            .execute(Tuple.of(m, i.subject(), i.hardware(), i.housekeeping(), i.ledgers(), actor)).mapEmpty());
      }
      return chain;
    }).compose(v -> Audit.add(conn, actor, "evaluation_inspections", m, new JsonObject().put("subjects",
        inspections.stream().map(Inspection::subject).toList())))).recover(StoreErrors::recover);
  }

  /** Freezes a month: its evaluation, every subject's score and the audit entry, in one transaction. */
  Future<Void> close(MonthlyEvaluation evaluation, String actor) {
    String m = evaluation.month().toString();
    List<String> subjects = new ArrayList<>();
    List<String> kinds = new ArrayList<>();
    List<Double> scores = new ArrayList<>();
    List<Integer> ranks = new ArrayList<>();
    List<String> tiers = new ArrayList<>();
    List<Integer> amounts = new ArrayList<>();
    for (OfficeStanding o : evaluation.offices()) {
      add(o.standing(), o.tier().wire(), o.amountYuan(), subjects, kinds, scores, ranks, tiers, amounts);
    }
    for (List<Standing> people : List.of(evaluation.workstations(), evaluation.officers(), evaluation.auxiliaries())) {
      people.forEach(s -> add(s, null, null, subjects, kinds, scores, ranks, tiers, amounts));
    }
    return pool.withTransaction(conn -> lockOpen(conn, m)
        .compose(v -> conn.preparedQuery(INSERT_MONTH).execute(Tuple.of(m, actor, EvaluationJson.encode(evaluation))))
        .compose(r -> conn.preparedQuery(INSERT_SCORES).execute(Tuple.tuple(List.of(m, subjects.toArray(String[]::new),
            kinds.toArray(String[]::new), scores.toArray(Double[]::new), ranks.toArray(Integer[]::new),
            tiers.toArray(String[]::new), amounts.toArray(Integer[]::new)))))
        .compose(r -> Audit.add(conn, actor, "evaluation_close", m, new JsonObject()
            .put("offices", evaluation.offices().size()).put("amountYuan",
                evaluation.offices().stream().mapToInt(OfficeStanding::amountYuan).sum()))))
        .recover(StoreErrors::recover);
  }

  private static void add(Standing s, String tier, Integer amount, List<String> subjects, List<String> kinds,
                          List<Double> scores, List<Integer> ranks, List<String> tiers, List<Integer> amounts) {
    subjects.add(s.subject().id());
    kinds.add(s.subject().kind().wire());
    scores.add(s.score());
    ranks.add(s.rank());
    tiers.add(tier);
    amounts.add(amount);
  }

  private static Future<Void> lockOpen(SqlConnection conn, String month) {
    return conn.preparedQuery(LOCK_MONTH).execute(Tuple.of(month))
        .compose(v -> conn.preparedQuery(IS_CLOSED).execute(Tuple.of(month)))
        .compose(rows -> rows.size() > 0
            ? Future.failedFuture(new PatrolException(Code.CONFLICT, "the evaluation of " + month + " is closed"))
            : Future.succeededFuture());
  }

  Future<Optional<Closed>> closed(EvaluationMonth month) {
    return pool.preparedQuery(SELECT_CLOSED).execute(Tuple.of(month.toString())).map(rows -> {
      if (rows.size() == 0) {
        return Optional.<Closed>empty();
      }
      Row r = rows.iterator().next();
      return Optional.of(new Closed(EvaluationJson.decode((JsonObject) r.getValue("result")), r.getLong("closed_at_ms"),
          r.getString("closed_by")));
    }).recover(StoreErrors::recover);
  }

  /** Per office, its classes of the {@code months} closed months before {@code month}, latest first. */
  Future<Map<String, List<Tier>>> previousTiers(EvaluationMonth month, int months) {
    String since = month.month().minusMonths(months).toString();
    return pool.preparedQuery(SELECT_PREVIOUS_TIERS).execute(Tuple.of(month.toString(), since)).map(rows -> {
      Map<String, List<Tier>> out = new HashMap<>();
      rows.forEach(r -> out.computeIfAbsent(r.getString("subject"), s -> new ArrayList<>())
          .add(Tier.fromWire(r.getString("tier"))));
      return out;
    }).recover(StoreErrors::recover);
  }

  /** Per kind and subject, its scores of the closed months of a year, oldest first. */
  Future<Map<SubjectKind, Map<String, List<Double>>>> yearScores(int year) {
    return pool.preparedQuery(SELECT_YEAR_SCORES).execute(Tuple.of(year + "-%")).map(rows -> {
      Map<SubjectKind, Map<String, List<Double>>> out = new HashMap<>();
      rows.forEach(r -> out.computeIfAbsent(SubjectKind.fromWire(r.getString("kind")), k -> new HashMap<>())
          .computeIfAbsent(r.getString("subject"), s -> new ArrayList<>()).add(r.getDouble("score")));
      return out;
    }).recover(StoreErrors::recover);
  }

  /** The offers of the incidents created from a day before [fromMs, toMs) until its end. */
  Future<List<Offer>> offers(long fromMs, long toMs) {
    return pool.preparedQuery(SELECT_TIMELINES).execute(Tuple.of(fromMs, toMs)).map(rows -> {
      List<Offer> out = new ArrayList<>();
      List<IncidentEvent> timeline = new ArrayList<>();
      String current = null;
      for (Row r : rows) {
        String incident = r.getString("incident_id");
        if (!incident.equals(current)) {
          out.addAll(OfferTimeline.of(timeline));
          timeline.clear();
          current = incident;
        }
        timeline.add(new IncidentEvent(incident, r.getInteger("seq"), r.getLong("at_ms"),
            EventKind.fromWire(r.getString("kind")), r.getString("unit_id"), null, Map.of()));
      }
      out.addAll(OfferTimeline.of(timeline));
      return out;
    }).recover(StoreErrors::recover);
  }
}
