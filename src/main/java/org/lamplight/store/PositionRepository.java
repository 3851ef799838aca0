package org.lamplight.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.lamplight.domain.tracking.FixSource;
import org.lamplight.domain.tracking.HistoryRow;
import org.lamplight.domain.tracking.PositionFix;

/**
 * Position history: batched idempotent inserts, and time-range reads per unit. Rows are keyed by
 * the unit's number (table {@code position_units}), a four-byte key that costs PostgreSQL's B-tree
 * less than the text id.
 */
public final class PositionRepository {

  /**
   * One statement per batch: arrays unnested into rows. {@link Unflushed}: history is acknowledged
   * to devices once it is buffered, before it is durable, so its commits need not wait for the disk,
   * nor make an incident's commit wait behind theirs. Each array is unnested in the select list, where
   * PostgreSQL steps through them together; {@code from unnest(a, b, ...)} first copies every array
   * into a tuple store of its own (PostgreSQL's CPU per row in the history ceiling benchmark: 8.0
   * against 8.4 µs).
   */
  private static final String INSERT_BATCH = Unflushed.WITH + "insert into positions (unit_no, device_id, ts, lat, lon,"
      + " accuracy, speed, heading, altitude, battery, source, implausible)"
      + " select unnest($1::int4[]), unnest($2::text[]), to_timestamp(unnest($3::int8[])::float8 / 1000),"
      + " unnest($4::float8[]), unnest($5::float8[]), unnest($6::float8[]), unnest($7::float8[]), unnest($8::float8[]),"
      + " unnest($9::float8[]), unnest($10::float8[]), unnest($11::text[]), unnest($12::bool[]) from unflushed";
  /**
   * The same, skipping rows of (unit, time) already stored. Only for a batch the plain insert refused:
   * the conflict check costs PostgreSQL about a third more per row, and duplicates are rare (a device
   * resending fixes it was not sure were taken).
   */
  private static final String INSERT_BATCH_SKIPPING_STORED = INSERT_BATCH + " on conflict do nothing";
  private static final String NUMBER_UNITS = "insert into position_units (unit_id) select unnest($1::text[])"
      + " on conflict (unit_id) do nothing";
  private static final String SELECT_UNIT_NUMBERS = "select unit_no, unit_id from position_units where unit_id = any($1)";
  /** Months in UTC, as the partitions' bounds are: the session's zone is the server's, not ours. */
  private static final String ENSURE_PARTITIONS = "select"
      + " ensure_position_partition(date_trunc('month', now() at time zone 'UTC')::date),"
      + " ensure_position_partition((date_trunc('month', now() at time zone 'UTC') + interval '1 month')::date)";
  private static final String SELECT_TRACK = "select device_id, (extract(epoch from ts) * 1000)::int8 as ts_ms, lat, lon, accuracy,"
      + " speed, heading, altitude, battery, source, implausible from positions"
      + " where unit_no = (select unit_no from position_units where unit_id = $1)"
      + " and ts >= to_timestamp($2 / 1000.0) and ts < to_timestamp($3 / 1000.0)"
      + " order by ts limit $4";

  /** More than a county has units in its lifetime; past it the numbers are looked up again. */
  private static final int UNIT_NUMBERS_KEPT = 1_000_000;

  private final Pool pool;
  /** A unit's number never changes once given, so every node may keep the numbers it has seen. */
  private final Map<String, Integer> unitNumbers = new ConcurrentHashMap<>();

  public PositionRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<Void> ensurePartitions() {
    return pool.query(ENSURE_PARTITIONS).execute().<Void>mapEmpty().recover(StoreErrors::recover);
  }

  /** Writes a batch; returns how many rows were new. */
  public Future<Integer> insert(List<HistoryRow> rows) {
    Integer[] units = new Integer[rows.size()];
    Set<String> unnumbered = new LinkedHashSet<>();
    for (int i = 0; i < units.length; i++) {
      units[i] = unitNumbers.get(rows.get(i).unitId());
      if (units[i] == null) {
        unnumbered.add(rows.get(i).unitId());
      }
    }
    if (unnumbered.isEmpty()) {
      return insertNumbered(rows, units);
    }
    return number(unnumbered).compose(found -> {
      for (int i = 0; i < units.length; i++) {
        if (units[i] == null) {
          units[i] = found.get(rows.get(i).unitId());
        }
      }
      return insertNumbered(rows, units);
    });
  }

  /**
   * The numbers of these units, given to those that have none. Two statements: the second one's
   * snapshot sees a number another node gave while the first waited on it.
   */
  private Future<Map<String, Integer>> number(Set<String> units) {
    Tuple ids = Tuple.of(units.toArray(String[]::new));
    return pool.preparedQuery(NUMBER_UNITS).execute(ids)
        .compose(v -> pool.preparedQuery(SELECT_UNIT_NUMBERS).execute(ids))
        .map(found -> {
          if (unitNumbers.size() + found.size() > UNIT_NUMBERS_KEPT) {
            unitNumbers.clear();
          }
          Map<String, Integer> numbers = new HashMap<>();
          for (Row r : found) {
            numbers.put(r.getString("unit_id"), r.getInteger("unit_no"));
          }
          unitNumbers.putAll(numbers);
          return numbers;
        })
        .recover(StoreErrors::recover);
  }

  private Future<Integer> insertNumbered(List<HistoryRow> rows, Integer[] units) {
    int n = rows.size();
    String[] devices = new String[n];
    Long[] ts = new Long[n];
    Double[] lat = new Double[n];
    Double[] lon = new Double[n];
    Double[] acc = new Double[n];
    Double[] spd = new Double[n];
    Double[] hdg = new Double[n];
    Double[] alt = new Double[n];
    Double[] batt = new Double[n];
    String[] source = new String[n];
    Boolean[] implausible = new Boolean[n];
    for (int i = 0; i < n; i++) {
      HistoryRow r = rows.get(i);
      PositionFix f = r.fix();
      devices[i] = f.deviceId();
      ts[i] = f.timestampMs();
      lat[i] = f.lat();
      lon[i] = f.lon();
      acc[i] = orNull(f.accuracyM());
      spd[i] = orNull(f.speedMps());
      hdg[i] = orNull(f.headingDeg());
      alt[i] = orNull(f.altitudeM());
      batt[i] = orNull(f.batteryPct());
      source[i] = f.source().wire();
      implausible[i] = r.implausible();
    }
    Tuple arrays = Tuple.tuple(List.of(units, devices, ts, lat, lon, acc, spd, hdg, alt, batt, source, implausible));
    return pool.preparedQuery(INSERT_BATCH).execute(arrays)
        .recover(e -> StoreErrors.translate(e).kind() == StoreException.Kind.DUPLICATE
            ? pool.preparedQuery(INSERT_BATCH_SKIPPING_STORED).execute(arrays)
            : Future.failedFuture(e))
        .map(rs -> rs.rowCount())
        .recover(StoreErrors::recover);
  }

  /** A unit's history from {@code fromMs} (inclusive) to {@code toMs} (exclusive), oldest first. */
  public Future<List<HistoryRow>> track(String unitId, long fromMs, long toMs, int limit) {
    return pool.preparedQuery(SELECT_TRACK).execute(Tuple.of(unitId, fromMs, toMs, limit))
        .map(rows -> {
          List<HistoryRow> out = new ArrayList<>(rows.size());
          for (Row r : rows) {
            PositionFix fix = new PositionFix(r.getString("device_id"), r.getDouble("lat"), r.getDouble("lon"),
                r.getLong("ts_ms"), measurement(r, "accuracy"), measurement(r, "speed"), measurement(r, "heading"),
                measurement(r, "altitude"), measurement(r, "battery"),
                FixSource.fromWire(r.getString("source")));
            out.add(new HistoryRow(unitId, fix, r.getBoolean("implausible")));
          }
          return out;
        })
        .recover(StoreErrors::recover);
  }

  private static double measurement(Row r, String column) {
    Object v = r.getValue(column);
    return v instanceof Number n ? n.doubleValue() : PositionFix.ABSENT;
  }

  private static Double orNull(double v) {
    return Double.isNaN(v) ? null : v;
  }
}
