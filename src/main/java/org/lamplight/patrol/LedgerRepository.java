package org.lamplight.patrol;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.lamplight.domain.ledger.Hazard;
import org.lamplight.domain.ledger.HazardAction;
import org.lamplight.domain.ledger.HazardDecision;
import org.lamplight.domain.ledger.HazardStatus;
import org.lamplight.domain.ledger.HazardStep;
import org.lamplight.domain.ledger.HazardTally;
import org.lamplight.domain.ledger.LedgerCounts;
import org.lamplight.domain.ledger.LedgerEntry;
import org.lamplight.domain.ledger.LedgerKind;
import org.lamplight.store.StoreErrors;

/** The work ledger's entries and hazards with their steps. */
final class LedgerRepository {

  private static final String ENTRY_COLUMNS = "id, kind, unit_id, village, (extract(epoch from at) * 1000)::int8 as at_ms,"
      + " count, lat, lon, note, source, client_id, photo_id, recorded_by,"
      + " (extract(epoch from recorded_at) * 1000)::int8 as recorded_at_ms";
  private static final String HAZARD_COLUMNS = "id, kind, village, description, status, seq,"
      + " (extract(epoch from reported_at) * 1000)::int8 as reported_at_ms, reported_by,"
      + " (extract(epoch from deadline) * 1000)::int8 as deadline_ms,"
      + " (extract(epoch from rectified_at) * 1000)::int8 as rectified_at_ms,"
      + " (extract(epoch from closed_at) * 1000)::int8 as closed_at_ms";
  /** A resend (same unit and client id) inserts nothing. */
  private static final String INSERT_ENTRY = "insert into ledger_entries (id, kind, unit_id, village, at, count, lat, lon,"
      + " note, source, client_id, photo_id, recorded_by) values ($1, $2, $3, $4, to_timestamp($5 / 1000.0), $6, $7, $8,"
      + " $9, $10, $11, $12, $13) on conflict (unit_id, client_id) do nothing";
  private static final String SELECT_ENTRY_BY_CLIENT = "select " + ENTRY_COLUMNS + " from ledger_entries"
      + " where unit_id = $1 and client_id = $2";
  private static final String SELECT_ENTRIES = "select " + ENTRY_COLUMNS + " from ledger_entries"
      + " where at >= to_timestamp($1 / 1000.0) and at < to_timestamp($2 / 1000.0) and ($3::text is null or kind = $3)"
      + " and ($4::text[] is null or unit_id = any($4)) and ($5::text[] is null or village = any($5))"
      + " order by at desc, id limit $6";
  private static final String SELECT_COUNTS_BY_UNIT = "select unit_id, kind, sum(count)::int4 as count from ledger_entries"
      + " where at >= to_timestamp($1 / 1000.0) and at < to_timestamp($2 / 1000.0) group by unit_id, kind";
  private static final String INSERT_HAZARD = "insert into hazards (id, kind, village, description, status, seq,"
      + " reported_at, reported_by) values ($1, $2, $3, $4, $5, $6, to_timestamp($7 / 1000.0), $8)";
  private static final String UPDATE_HAZARD = "update hazards set status = $2, seq = $3, deadline = to_timestamp($4 / 1000.0),"
      + " rectified_at = to_timestamp($5 / 1000.0), closed_at = to_timestamp($6 / 1000.0) where id = $1";
  private static final String INSERT_STEP = "insert into hazard_steps (hazard_id, seq, action, by_whom, at, deadline, note)"
      + " values ($1, $2, $3, $4, to_timestamp($5 / 1000.0), to_timestamp($6 / 1000.0), $7)";
  private static final String SELECT_HAZARD_FOR_UPDATE = "select " + HAZARD_COLUMNS + " from hazards where id = $1 for update";
  private static final String SELECT_HAZARD = "select " + HAZARD_COLUMNS + " from hazards where id = $1";
  private static final String SELECT_STEPS = "select hazard_id, seq, action, by_whom, (extract(epoch from at) * 1000)::int8 as at_ms,"
      + " (extract(epoch from deadline) * 1000)::int8 as deadline_ms, note from hazard_steps where hazard_id = $1 order by seq";
  private static final String SELECT_HAZARDS = "select " + HAZARD_COLUMNS + " from hazards"
      + " where ($1::text[] is null or status = any($1)) and ($2::text[] is null or village = any($2))"
      + " order by reported_at desc limit $3";
  /** Hazards that count in [$1, $2): reported, due, rectified or closed in it. */
  private static final String OF_PERIOD = " where reported_at < to_timestamp($2 / 1000.0)"
      + " and (reported_at >= to_timestamp($1 / 1000.0) or deadline >= to_timestamp($1 / 1000.0)"
      + " or rectified_at >= to_timestamp($1 / 1000.0) or closed_at >= to_timestamp($1 / 1000.0))";
  private static final String SELECT_HAZARDS_OF_PERIOD = "select " + HAZARD_COLUMNS + " from hazards" + OF_PERIOD;
  /** {@link HazardTally#of(Hazard, long, long)} summed per village by the database. */
  private static final String SELECT_TALLIES_BY_VILLAGE = "select village,"
      + " count(*) filter (where " + within("reported_at") + ")::int4 as reported,"
      + " count(*) filter (where status = 'not_a_hazard' and " + within("closed_at") + ")::int4 as not_a_hazard,"
      + " count(*) filter (where " + due() + ")::int4 as due,"
      + " count(*) filter (where " + due() + " and rectified_at <= deadline)::int4 as on_time,"
      + " count(*) filter (where " + within("rectified_at") + ")::int4 as rectified,"
      + " count(*) filter (where status = 'verified' and " + within("closed_at") + ")::int4 as verified"
      + " from hazards" + OF_PERIOD + " group by village";
  private static final String SELECT_UNALERTED_ORDERED = "select " + HAZARD_COLUMNS + " from hazards"
      + " where status = 'ordered' and overdue_alerted_at is null";
  /** Whichever node claims it first raises the alert. */
  private static final String CLAIM_OVERDUE_ALERT = "update hazards set overdue_alerted_at = now()"
      + " where id = $1 and overdue_alerted_at is null";

  private final Pool pool;

  LedgerRepository(Pool pool) {
    this.pool = pool;
  }

  private static String within(String column) {
    return column + " >= to_timestamp($1 / 1000.0) and " + column + " < to_timestamp($2 / 1000.0)";
  }

  /** Due in the period, unless closed as not a hazard by its deadline. */
  private static String due() {
    return within("deadline") + " and not (status = 'not_a_hazard' and closed_at <= deadline)";
  }

  /**
   * Stores an entry, and for a hazard kind the hazard with its first step, in one transaction. A
   * resend with the same client id stores nothing and returns the entry stored before.
   */
  Future<LedgerRecord> add(LedgerRecord record, HazardDecision hazard) {
    LedgerEntry e = record.entry();
    Tuple row = Tuple.tuple(java.util.Arrays.asList(e.id(), e.kind().wire(), e.unitId(), e.village(), e.atMs(), e.count(),
        nanToNull(e.lat()), nanToNull(e.lon()), e.note(), record.source(), record.clientId(), record.photoId(),
        record.recordedBy()));
    return pool.withTransaction(conn -> conn.preparedQuery(INSERT_ENTRY).execute(row).compose(inserted -> {
      if (inserted.rowCount() == 0) {
        return conn.preparedQuery(SELECT_ENTRY_BY_CLIENT).execute(Tuple.of(e.unitId(), record.clientId()))
            .map(rows -> withDuplicate(entry(rows.iterator().next())));
      }
      Future<Void> stored = hazard == null ? Future.succeededFuture() : insertHazard(conn, hazard);
      return stored.map(record);
    })).recover(StoreErrors::recover);
  }

  private static LedgerRecord withDuplicate(LedgerRecord r) {
    return new LedgerRecord(r.entry(), r.source(), r.clientId(), r.photoId(), r.recordedBy(), r.recordedAtMs(), true);
  }

  private static Future<Void> insertHazard(SqlConnection conn, HazardDecision d) {
    Hazard h = d.next();
    return conn.preparedQuery(INSERT_HAZARD).execute(Tuple.tuple(java.util.Arrays.asList(h.id(), h.kind().wire(),
            h.village(), h.description(), h.status().wire(), h.seq(), h.reportedAtMs(), h.reportedBy())))
        .compose(r -> insertStep(conn, d.step()));
  }

  private static Future<Void> insertStep(SqlConnection conn, HazardStep s) {
    return conn.preparedQuery(INSERT_STEP).execute(Tuple.tuple(java.util.Arrays.asList(s.hazardId(), s.seq(),
        s.action().wire(), s.by(), s.atMs(), orNull(s.deadlineMs()), s.note()))).mapEmpty();
  }

  /**
   * Applies a step to a stored hazard in one transaction: the hazard is locked, the decision made
   * by {@code decide} from it, then the hazard, its step and the audit entry are stored.
   */
  Future<HazardRecord> change(String hazardId, Function<Optional<Hazard>, HazardDecision> decide, String actor,
                              JsonObject details) {
    return pool.withTransaction(conn -> conn.preparedQuery(SELECT_HAZARD_FOR_UPDATE).execute(Tuple.of(hazardId))
        .compose(rows -> {
          HazardDecision d = decide.apply(rows.size() == 0 ? Optional.empty() : Optional.of(hazard(rows.iterator().next())));
          Hazard h = d.next();
          return conn.preparedQuery(UPDATE_HAZARD).execute(Tuple.tuple(java.util.Arrays.asList(h.id(), h.status().wire(),
                  h.seq(), orNull(h.deadlineMs()), orNull(h.rectifiedAtMs()), orNull(h.closedAtMs()))))
              .compose(r -> insertStep(conn, d.step()))
              .compose(v -> Audit.add(conn, actor, "hazard_" + d.step().action().wire(), h.id(), details))
              .compose(v -> steps(conn, h.id()))
              .map(steps -> new HazardRecord(h, steps));
        })).recover(StoreErrors::recover);
  }

  Future<Optional<HazardRecord>> hazard(String id) {
    return pool.withConnection(conn -> conn.preparedQuery(SELECT_HAZARD).execute(Tuple.of(id)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(Optional.<HazardRecord>empty());
      }
      Hazard h = hazard(rows.iterator().next());
      return steps(conn, id).map(steps -> Optional.of(new HazardRecord(h, steps)));
    })).recover(StoreErrors::recover);
  }

  private static Future<List<HazardStep>> steps(SqlConnection conn, String id) {
    return conn.preparedQuery(SELECT_STEPS).execute(Tuple.of(id)).map(rows -> {
      List<HazardStep> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new HazardStep(r.getString("hazard_id"), r.getInteger("seq"), HazardAction.fromWire(r.getString("action")),
            r.getString("by_whom"), r.getLong("at_ms"), optional(r, "deadline_ms"), r.getString("note")));
      }
      return out;
    });
  }

  /** Hazards newest first; null statuses or villages mean all. */
  Future<List<Hazard>> hazards(Collection<HazardStatus> statuses, Collection<String> villages, int limit) {
    String[] wanted = statuses == null ? null : statuses.stream().map(HazardStatus::wire).toArray(String[]::new);
    String[] in = villages == null ? null : villages.toArray(String[]::new);
    return pool.preparedQuery(SELECT_HAZARDS).execute(Tuple.of(wanted, in, limit))
        .map(LedgerRepository::hazards).recover(StoreErrors::recover);
  }

  /** Hazards reported before toMs that were reported, due, rectified or closed from fromMs on. */
  Future<List<Hazard>> hazardsOf(long fromMs, long toMs) {
    return pool.preparedQuery(SELECT_HAZARDS_OF_PERIOD).execute(Tuple.of(fromMs, toMs))
        .map(LedgerRepository::hazards).recover(StoreErrors::recover);
  }

  /** Per village, the figures of the hazards that count in [fromMs, toMs). */
  Future<Map<String, HazardTally>> talliesByVillage(long fromMs, long toMs) {
    return pool.preparedQuery(SELECT_TALLIES_BY_VILLAGE).execute(Tuple.of(fromMs, toMs)).map(rows -> {
      Map<String, HazardTally> out = new HashMap<>();
      rows.forEach(r -> out.put(r.getString("village"), new HazardTally(r.getInteger("reported"),
          r.getInteger("not_a_hazard"), r.getInteger("due"), r.getInteger("on_time"), r.getInteger("rectified"),
          r.getInteger("verified"))));
      return out;
    }).recover(StoreErrors::recover);
  }

  /** Hazards ordered to be rectified whose overdue alert has not been raised. */
  Future<List<Hazard>> orderedNotAlerted() {
    return pool.query(SELECT_UNALERTED_ORDERED).execute().map(LedgerRepository::hazards).recover(StoreErrors::recover);
  }

  /** True for the one caller that gets to raise the hazard's overdue alert. */
  Future<Boolean> claimOverdueAlert(String hazardId) {
    return pool.preparedQuery(CLAIM_OVERDUE_ALERT).execute(Tuple.of(hazardId)).map(r -> r.rowCount() == 1)
        .recover(StoreErrors::recover);
  }

  /** Entries made in [fromMs, toMs), newest first; a null kind, units or villages mean all. */
  Future<List<LedgerRecord>> entries(long fromMs, long toMs, LedgerKind kind, Collection<String> units,
                                     Collection<String> villages, int limit) {
    Tuple query = Tuple.tuple(java.util.Arrays.asList(fromMs, toMs, kind == null ? null : kind.wire(),
        units == null ? null : units.toArray(String[]::new), villages == null ? null : villages.toArray(String[]::new),
        limit));
    return pool.preparedQuery(SELECT_ENTRIES).execute(query).map(rows -> {
      List<LedgerRecord> out = new ArrayList<>(rows.size());
      rows.forEach(r -> out.add(entry(r)));
      return out;
    }).recover(StoreErrors::recover);
  }

  /** Per unit, the counts of the entries it made in [fromMs, toMs). */
  Future<Map<String, LedgerCounts>> countsByUnit(long fromMs, long toMs) {
    return pool.preparedQuery(SELECT_COUNTS_BY_UNIT).execute(Tuple.of(fromMs, toMs)).map(rows -> {
      Map<String, Map<LedgerKind, Integer>> byUnit = new HashMap<>();
      rows.forEach(r -> byUnit.computeIfAbsent(r.getString("unit_id"), u -> new EnumMap<>(LedgerKind.class))
          .put(LedgerKind.fromWire(r.getString("kind")), r.getInteger("count")));
      Map<String, LedgerCounts> out = new HashMap<>();
      byUnit.forEach((unit, counts) -> out.put(unit, new LedgerCounts(counts)));
      return out;
    }).recover(StoreErrors::recover);
  }

  private static LedgerRecord entry(Row r) {
    LedgerEntry e = new LedgerEntry(r.getString("id"), LedgerKind.fromWire(r.getString("kind")), r.getString("unit_id"),
        r.getString("village"), r.getLong("at_ms"), r.getInteger("count"), nullToNan(r.getDouble("lat")),
        nullToNan(r.getDouble("lon")), r.getString("note"));
    return new LedgerRecord(e, r.getString("source"), r.getString("client_id"), r.getString("photo_id"),
        r.getString("recorded_by"), r.getLong("recorded_at_ms"), false);
  }

  private static List<Hazard> hazards(RowSet<Row> rows) {
    List<Hazard> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(hazard(r)));
    return out;
  }

  private static Hazard hazard(Row r) {
    return new Hazard(r.getString("id"), LedgerKind.fromWire(r.getString("kind")), r.getString("village"),
        r.getString("description"), HazardStatus.fromWire(r.getString("status")), r.getInteger("seq"),
        r.getLong("reported_at_ms"), r.getString("reported_by"), optional(r, "deadline_ms"),
        optional(r, "rectified_at_ms"), optional(r, "closed_at_ms"));
  }

  private static OptionalLong optional(Row r, String column) {
    Long v = r.getLong(column);
    return v == null ? OptionalLong.empty() : OptionalLong.of(v);
  }

  private static Long orNull(OptionalLong v) {
    return v.isPresent() ? v.getAsLong() : null;
  }

  private static Double nanToNull(double v) {
    return Double.isNaN(v) ? null : v;
  }

  private static double nullToNan(Double v) {
    return v == null ? Double.NaN : v;
  }
}
