package org.lamplight.patrol;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lamplight.domain.coverage.PatrolRequirements;
import org.lamplight.domain.coverage.TrackEvent;
import org.lamplight.domain.coverage.UnitDay;
import org.lamplight.domain.coverage.UnitTrack;
import org.lamplight.domain.coverage.VillageDay;
import org.lamplight.domain.evaluation.MonthRecords;
import org.lamplight.store.StoreErrors;

/** Coverage per day, as the accounting adds it up and the API reads it. */
final class CoverageRepository {

  private static final String CLAIM_FLUSH = "insert into coverage_flushes (id) values ($1) on conflict do nothing";
  private static final String FORGET_OLD_FLUSHES = "delete from coverage_flushes where at < now() - interval '2 days'";
  private static final String ADD_VILLAGE_DAYS = "insert into coverage_village_days as d"
      + " (village, day, presence_ms, visits, last_visit)"
      + " select v, dy, p, n, to_timestamp(l / 1000.0)"
      + " from unnest($1::text[], $2::date[], $3::int8[], $4::int4[], $5::int8[]) as x(v, dy, p, n, l)"
      + " on conflict (village, day) do update set presence_ms = d.presence_ms + excluded.presence_ms,"
      + " visits = d.visits + excluded.visits, last_visit = greatest(d.last_visit, excluded.last_visit)";
  /** Units present are added once per village and day; the day's count follows the rows added. */
  private static final String ADD_VILLAGE_UNITS = "with added as (insert into coverage_village_units (village, day, unit_id)"
      + " select * from unnest($1::text[], $2::date[], $3::text[]) on conflict do nothing returning village, day)"
      + " update coverage_village_days d set units = d.units + a.n"
      + " from (select village, day, count(*)::int4 as n from added group by village, day) a"
      + " where d.village = a.village and d.day = a.day";
  private static final String ADD_LAST_VISITS = "insert into coverage_last_visits as l (village, last_visit)"
      + " select v, max(to_timestamp(t / 1000.0)) from unnest($1::text[], $2::int8[]) as x(v, t) where t is not null"
      + " group by v on conflict (village) do update set last_visit = greatest(l.last_visit, excluded.last_visit)";
  private static final String ADD_UNIT_DAYS = "insert into coverage_unit_days as d"
      + " (unit_id, day, on_duty_ms, on_post_ms, patrol_ms, distance_m, visits)"
      + " select * from unnest($1::text[], $2::date[], $3::int8[], $4::int8[], $5::int8[], $6::float8[], $7::int4[])"
      + " on conflict (unit_id, day) do update set on_duty_ms = d.on_duty_ms + excluded.on_duty_ms,"
      + " on_post_ms = d.on_post_ms + excluded.on_post_ms, patrol_ms = d.patrol_ms + excluded.patrol_ms,"
      + " distance_m = d.distance_m + excluded.distance_m, visits = d.visits + excluded.visits";
  /** The later point wins when two nodes saved the same unit. */
  private static final String SAVE_TRACKS = "insert into coverage_tracks as t"
      + " (unit_id, on_duty, at_ms, lat, lon, village, run_ms, visit, node_id)"
      + " select u, d, a, la, lo, v, r, vi, $9"
      + " from unnest($1::text[], $2::bool[], $3::int8[], $4::float8[], $5::float8[], $6::text[], $7::int8[], $8::bool[])"
      + " as x(u, d, a, la, lo, v, r, vi)"
      + " on conflict (unit_id) do update set on_duty = excluded.on_duty, at_ms = excluded.at_ms, lat = excluded.lat,"
      + " lon = excluded.lon, village = excluded.village, run_ms = excluded.run_ms, visit = excluded.visit,"
      + " node_id = excluded.node_id, saved_at = now() where t.at_ms <= excluded.at_ms";
  /** A unit has one duty at an instant: a later change at the same millisecond replaces the stored one. */
  private static final String ADD_DUTY_CHANGES = "insert into coverage_duty_changes (unit_id, at, on_duty)"
      + " select u, to_timestamp(a / 1000.0), d from unnest($1::text[], $2::int8[], $3::bool[]) as x(u, a, d)"
      + " on conflict (unit_id, at) do update set on_duty = excluded.on_duty";
  private static final String SELECT_TRACKS = "select unit_id, on_duty, at_ms, lat, lon, village, run_ms, visit"
      + " from coverage_tracks where unit_id = any($1)";

  /** Days grouped by their visits, so the requirement of each village is applied to a few rows. */
  private static final String VILLAGE_DAYS_BY_VISITS = "select village, visits, count(*)::int4 as days,"
      + " sum(presence_ms)::int8 as presence_ms, (extract(epoch from max(last_visit)) * 1000)::int8 as last_visit"
      + " from coverage_village_days where day between $1 and $2 group by village, visits";
  private static final String UNITS_PRESENT = "select distinct village, unit_id from coverage_village_units"
      + " where day between $1 and $2";
  private static final String UNIT_TOTALS = "select unit_id, sum(on_duty_ms)::int8 as on_duty_ms,"
      + " sum(on_post_ms)::int8 as on_post_ms, sum(patrol_ms)::int8 as patrol_ms, sum(distance_m) as distance_m,"
      + " sum(visits)::int4 as visits from coverage_unit_days where day between $1 and $2 group by unit_id";
  private static final String VISITS_BY_DAY = "select day, village, visits from coverage_village_days"
      + " where day between $1 and $2";
  private static final String LAST_VISITS = "select village, (extract(epoch from last_visit) * 1000)::int8 as last_visit"
      + " from coverage_last_visits";
  private static final String CLAIM_INACTIVITY_ALERT = "insert into coverage_inactivity_alerts (village, missed_since)"
      + " values ($1, to_timestamp($2 / 1000.0)) on conflict do nothing";
  private static final String FORGET_OLD_INACTIVITY_ALERTS = "delete from coverage_inactivity_alerts"
      + " where missed_since < now() - interval '62 days'";
  private static final String SELECT_REQUIREMENTS = "select village, visits_per_day from village_requirements";
  private static final String SET_REQUIREMENT = "insert into village_requirements (village, visits_per_day, updated_by)"
      + " values ($1, $2, $3) on conflict (village) do update set visits_per_day = excluded.visits_per_day,"
      + " updated_by = excluded.updated_by, updated_at = now()";
  private static final String CLEAR_REQUIREMENT = "delete from village_requirements where village = $1";
  private static final String DELETE_VILLAGE_DAYS = "delete from coverage_village_days where day between $1 and $2";
  private static final String DELETE_VILLAGE_UNITS = "delete from coverage_village_units where day between $1 and $2";
  private static final String DELETE_UNIT_DAYS = "delete from coverage_unit_days where day between $1 and $2";
  /** Every unit's duty changes in [$1, $2), after its last one before $1: the duty it had when the range began. */
  private static final String SELECT_DUTY_CHANGES = "select * from ("
      + "(select distinct on (unit_id) unit_id, (extract(epoch from at) * 1000)::int8 as at_ms, on_duty"
      + " from coverage_duty_changes where at < to_timestamp($1 / 1000.0) order by unit_id, at desc)"
      + " union all (select unit_id, (extract(epoch from at) * 1000)::int8 as at_ms, on_duty from coverage_duty_changes"
      + " where at >= to_timestamp($1 / 1000.0) and at < to_timestamp($2 / 1000.0))) c order by unit_id, at_ms";
  /** One unit's duty changes in [$2, $3), after the last one before $2: the duty it had when the range began. */
  private static final String SELECT_UNIT_DUTY_CHANGES = "select * from ("
      + "(select unit_id, (extract(epoch from at) * 1000)::int8 as at_ms, on_duty from coverage_duty_changes"
      + " where unit_id = $1 and at < to_timestamp($2 / 1000.0) order by at desc limit 1)"
      + " union all (select unit_id, (extract(epoch from at) * 1000)::int8 as at_ms, on_duty from coverage_duty_changes"
      + " where unit_id = $1 and at >= to_timestamp($2 / 1000.0) and at < to_timestamp($3 / 1000.0))) c order by at_ms";

  private static final String SELECT_VISIT_COUNTS = "select village, visits, count(*)::int4 as days"
      + " from coverage_village_days where day between $1 and $2 group by village, visits";

  private final Pool pool;

  CoverageRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * Adds a flush to the stored days in one transaction; true when it was new, false when a flush
   * with its id had been applied already (nothing changes then).
   */
  Future<Boolean> flush(CoverageFlush flush) {
    return pool.withTransaction(conn -> conn.preparedQuery(CLAIM_FLUSH).execute(Tuple.of(flush.id()))
            .compose(claimed -> claimed.rowCount() == 0 ? Future.succeededFuture(false) : write(conn, flush)))
        .recover(StoreErrors::recover);
  }

  private static Future<Boolean> write(SqlConnection conn, CoverageFlush flush) {
    return addVillageDays(conn, flush.villageDays())
        .compose(v -> addUnitDays(conn, flush.unitDays()))
        .compose(v -> saveTracks(conn, flush.tracks(), flush.nodeId()))
        .compose(v -> addDutyChanges(conn, flush.dutyChanges()))
        .compose(v -> conn.query(FORGET_OLD_FLUSHES).execute())
        .map(true);
  }

  private static Future<Void> addVillageDays(SqlConnection conn, List<VillageDay> days) {
    if (days.isEmpty()) {
      return Future.succeededFuture();
    }
    int n = days.size();
    String[] villages = new String[n];
    LocalDate[] dates = new LocalDate[n];
    Long[] presence = new Long[n];
    Integer[] visits = new Integer[n];
    Long[] lastVisit = new Long[n];
    List<String> unitVillages = new ArrayList<>();
    List<LocalDate> unitDates = new ArrayList<>();
    List<String> units = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      VillageDay d = days.get(i);
      villages[i] = d.village();
      dates[i] = d.day();
      presence[i] = d.presenceMs();
      visits[i] = d.visits();
      lastVisit[i] = d.lastVisitMs().isPresent() ? d.lastVisitMs().getAsLong() : null;
      for (String unit : d.units()) {
        unitVillages.add(d.village());
        unitDates.add(d.day());
        units.add(unit);
      }
    }
    return conn.preparedQuery(ADD_VILLAGE_DAYS).execute(Tuple.of(villages, dates, presence, visits, lastVisit))
        .compose(r -> conn.preparedQuery(ADD_LAST_VISITS).execute(Tuple.tuple(List.of(villages, lastVisit))))
        .compose(r -> units.isEmpty() ? Future.succeededFuture() : conn.preparedQuery(ADD_VILLAGE_UNITS)
            .execute(Tuple.of(unitVillages.toArray(String[]::new), unitDates.toArray(LocalDate[]::new),
                units.toArray(String[]::new))))
        .mapEmpty();
  }

  private static Future<Void> addUnitDays(SqlConnection conn, List<UnitDay> days) {
    if (days.isEmpty()) {
      return Future.succeededFuture();
    }
    int n = days.size();
    String[] units = new String[n];
    LocalDate[] dates = new LocalDate[n];
    Long[] onDuty = new Long[n];
    Long[] onPost = new Long[n];
    Long[] patrol = new Long[n];
    Double[] distance = new Double[n];
    Integer[] visits = new Integer[n];
    for (int i = 0; i < n; i++) {
      UnitDay d = days.get(i);
      units[i] = d.unitId();
      dates[i] = d.day();
      onDuty[i] = d.onDutyMs();
      onPost[i] = d.onPostMs();
      patrol[i] = d.patrolMs();
      distance[i] = d.distanceM();
      visits[i] = d.visits();
    }
    return conn.preparedQuery(ADD_UNIT_DAYS)
        .execute(Tuple.tuple(List.of(units, dates, onDuty, onPost, patrol, distance, visits))).mapEmpty();
  }

  private static Future<Void> saveTracks(SqlConnection conn, List<UnitTrack> tracks, String nodeId) {
    if (tracks.isEmpty()) {
      return Future.succeededFuture();
    }
    int n = tracks.size();
    String[] units = new String[n];
    Boolean[] onDuty = new Boolean[n];
    Long[] at = new Long[n];
    Double[] lat = new Double[n];
    Double[] lon = new Double[n];
    String[] village = new String[n];
    Long[] run = new Long[n];
    Boolean[] visit = new Boolean[n];
    for (int i = 0; i < n; i++) {
      UnitTrack t = tracks.get(i);
      units[i] = t.unitId();
      onDuty[i] = t.onDuty();
      at[i] = t.atMs();
      lat[i] = t.lat();
      lon[i] = t.lon();
      village[i] = t.village();
      run[i] = t.runMs();
      visit[i] = t.visit();
    }
    return conn.preparedQuery(SAVE_TRACKS)
        .execute(Tuple.tuple(List.of(units, onDuty, at, lat, lon, village, run, visit, nodeId))).mapEmpty();
  }

  private static Future<Void> addDutyChanges(SqlConnection conn, List<TrackEvent.Duty> changes) {
    if (changes.isEmpty()) {
      return Future.succeededFuture();
    }
    // one row per unit and instant, the last change's: a statement may not update a row twice
    Map<String, TrackEvent.Duty> last = new LinkedHashMap<>();
    for (TrackEvent.Duty d : changes) {
      last.put(d.unitId() + "@" + d.atMs(), d);
    }
    int n = last.size();
    String[] units = new String[n];
    Long[] at = new Long[n];
    Boolean[] onDuty = new Boolean[n];
    int i = 0;
    for (TrackEvent.Duty d : last.values()) {
      units[i] = d.unitId();
      at[i] = d.atMs();
      onDuty[i++] = d.onDuty();
    }
    return conn.preparedQuery(ADD_DUTY_CHANGES).execute(Tuple.of(units, at, onDuty)).mapEmpty();
  }

  /** Per village, its stored days of first..last added up, with the requirements applied. */
  Future<Map<String, VillageTotals>> villageTotals(LocalDate first, LocalDate last, PatrolRequirements requirements) {
    Tuple range = Tuple.of(first, last);
    Map<String, VillageTotals> out = new HashMap<>();
    return pool.preparedQuery(VILLAGE_DAYS_BY_VISITS).execute(range)
        .compose(rows -> {
          for (Row r : rows) {
            String village = r.getString("village");
            Long lastVisit = r.getLong("last_visit");
            out.computeIfAbsent(village, v -> new VillageTotals()).addDays(village, r.getInteger("visits"),
                r.getInteger("days"), r.getLong("presence_ms"), lastVisit == null ? Long.MIN_VALUE : lastVisit, requirements);
          }
          return pool.preparedQuery(UNITS_PRESENT).execute(range);
        })
        .map(rows -> {
          for (Row r : rows) {
            out.computeIfAbsent(r.getString("village"), v -> new VillageTotals()).units.add(r.getString("unit_id"));
          }
          return out;
        })
        .recover(StoreErrors::recover);
  }

  /** Per unit, its stored days of first..last added up. */
  Future<Map<String, UnitTotals>> unitTotals(LocalDate first, LocalDate last) {
    return pool.preparedQuery(UNIT_TOTALS).execute(Tuple.of(first, last))
        .map(rows -> {
          Map<String, UnitTotals> out = new HashMap<>();
          for (Row r : rows) {
            out.put(r.getString("unit_id"), new UnitTotals(r.getLong("on_duty_ms"), r.getLong("on_post_ms"),
                r.getLong("patrol_ms"), r.getDouble("distance_m"), r.getInteger("visits")));
          }
          return out;
        })
        .recover(StoreErrors::recover);
  }

  /** Per village, on how many days of first..last it had each number of visits. */
  Future<List<MonthRecords.VisitCount>> visitCounts(LocalDate first, LocalDate last) {
    return pool.preparedQuery(SELECT_VISIT_COUNTS).execute(Tuple.of(first, last)).map(rows -> {
      List<MonthRecords.VisitCount> out = new ArrayList<>(rows.size());
      for (Row r : rows) {
        out.add(new MonthRecords.VisitCount(r.getString("village"), r.getInteger("visits"), r.getInteger("days")));
      }
      return out;
    }).recover(StoreErrors::recover);
  }

  /** Visits per village and day, for the days of first..last that had a row. */
  Future<Map<LocalDate, Map<String, Integer>>> visitsByDay(LocalDate first, LocalDate last) {
    return pool.preparedQuery(VISITS_BY_DAY).execute(Tuple.of(first, last))
        .map(rows -> {
          Map<LocalDate, Map<String, Integer>> out = new HashMap<>();
          for (Row r : rows) {
            out.computeIfAbsent(r.getLocalDate("day"), d -> new HashMap<>()).put(r.getString("village"), r.getInteger("visits"));
          }
          return out;
        })
        .recover(StoreErrors::recover);
  }

  /** Each village's latest visit; villages never visited are left out. */
  Future<Map<String, Long>> lastVisits() {
    return pool.query(LAST_VISITS).execute()
        .map(rows -> {
          Map<String, Long> out = new HashMap<>();
          rows.forEach(r -> out.put(r.getString("village"), r.getLong("last_visit")));
          return out;
        })
        .recover(StoreErrors::recover);
  }

  /** True for the one caller that gets to raise the alert of a village's missed window. */
  Future<Boolean> claimInactivityAlert(String village, long missedSinceMs) {
    return pool.preparedQuery(CLAIM_INACTIVITY_ALERT).execute(Tuple.of(village, missedSinceMs))
        .map(r -> r.rowCount() == 1).recover(StoreErrors::recover);
  }

  Future<Void> forgetOldInactivityAlerts() {
    return pool.query(FORGET_OLD_INACTIVITY_ALERTS).execute().<Void>mapEmpty().recover(StoreErrors::recover);
  }

  /** The villages' requirements, those set apart from the default. */
  Future<PatrolRequirements> requirements(int visitsPerDay) {
    return pool.query(SELECT_REQUIREMENTS).execute()
        .map(rows -> {
          Map<String, Integer> byVillage = new HashMap<>();
          rows.forEach(r -> byVillage.put(r.getString("village"), r.getInteger("visits_per_day")));
          return new PatrolRequirements(visitsPerDay, byVillage);
        })
        .recover(StoreErrors::recover);
  }

  /** Sets (or with null clears) a village's requirement, audited, in one transaction. */
  Future<Void> setRequirement(String village, Integer visitsPerDay, String actor) {
    return pool.withTransaction(conn -> (visitsPerDay == null
            ? conn.preparedQuery(CLEAR_REQUIREMENT).execute(Tuple.of(village))
            : conn.preparedQuery(SET_REQUIREMENT).execute(Tuple.of(village, visitsPerDay, actor)))
        .compose(r -> Audit.add(conn, actor, "set_village_requirement", village,
            new JsonObject().put("visitsPerDay", visitsPerDay))))
        .recover(StoreErrors::recover);
  }

  /** Replaces the stored days of first..last with these, audited, in one transaction. */
  Future<Void> replace(LocalDate first, LocalDate last, List<VillageDay> villageDays, List<UnitDay> unitDays,
                       String actor, JsonObject details) {
    Tuple range = Tuple.of(first, last);
    return pool.withTransaction(conn -> conn.preparedQuery(DELETE_VILLAGE_DAYS).execute(range)
            .compose(r -> conn.preparedQuery(DELETE_VILLAGE_UNITS).execute(range))
            .compose(r -> conn.preparedQuery(DELETE_UNIT_DAYS).execute(range))
            .compose(r -> addVillageDays(conn, villageDays))
            .compose(v -> addUnitDays(conn, unitDays))
            .compose(v -> Audit.add(conn, actor, "coverage_recompute", first + ".." + last, details)))
        .recover(StoreErrors::recover);
  }

  /**
   * Duty changes reported in [fromMs, toMs), per unit in time order, each unit's after its last one
   * before fromMs (if any).
   */
  Future<Map<String, List<TrackEvent.Duty>>> dutyChanges(long fromMs, long toMs) {
    return pool.preparedQuery(SELECT_DUTY_CHANGES).execute(Tuple.of(fromMs, toMs))
        .map(CoverageRepository::dutyByUnit)
        .recover(StoreErrors::recover);
  }

  /** One unit's duty changes in [fromMs, toMs) in time order, after the last one before fromMs (if any). */
  Future<List<TrackEvent.Duty>> dutyChanges(String unitId, long fromMs, long toMs) {
    return pool.preparedQuery(SELECT_UNIT_DUTY_CHANGES).execute(Tuple.of(unitId, fromMs, toMs))
        .map(rows -> dutyByUnit(rows).getOrDefault(unitId, List.of()))
        .recover(StoreErrors::recover);
  }

  private static Map<String, List<TrackEvent.Duty>> dutyByUnit(RowSet<Row> rows) {
    Map<String, List<TrackEvent.Duty>> out = new HashMap<>();
    for (Row r : rows) {
      String unit = r.getString("unit_id");
      out.computeIfAbsent(unit, u -> new ArrayList<>()).add(new TrackEvent.Duty(unit, r.getLong("at_ms"),
          r.getBoolean("on_duty")));
    }
    return out;
  }

  /** The saved tracks of these units; units never saved are left out. */
  Future<List<UnitTrack>> tracks(Collection<String> unitIds) {
    return pool.preparedQuery(SELECT_TRACKS).execute(Tuple.of(unitIds.toArray(String[]::new)))
        .map(rows -> {
          List<UnitTrack> out = new ArrayList<>(rows.size());
          for (Row r : rows) {
            out.add(new UnitTrack(r.getString("unit_id"), r.getBoolean("on_duty"), r.getLong("at_ms"),
                r.getDouble("lat"), r.getDouble("lon"), r.getString("village"), r.getLong("run_ms"), r.getBoolean("visit")));
          }
          return out;
        })
        .recover(StoreErrors::recover);
  }
}
