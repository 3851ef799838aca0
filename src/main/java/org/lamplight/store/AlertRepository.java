package org.lamplight.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.lamplight.domain.alert.Alert;
import org.lamplight.domain.alert.AlertLevel;
import org.lamplight.domain.alert.NewAlert;

/** Alerts for dispatchers: raised, acknowledged, listed newest first, and pruned. */
public final class AlertRepository {

  private static final String COLUMNS = "id, at, level, kind, code, params, message, station_id, incident_id, unit_id,"
      + " village_code, key, acked_at, acked_by";
  /** Nothing when an alert with the same key is open: {@link #SELECT_OPEN} finds that one. */
  private static final String INSERT = "insert into alerts (level, kind, code, params, message, station_id, incident_id,"
      + " unit_id, village_code, key) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
      + " on conflict (key) where acked_at is null do nothing returning " + COLUMNS;
  private static final String SELECT_OPEN = "select " + COLUMNS + " from alerts where key = $1 and acked_at is null";
  private static final String SELECT_ONE = "select " + COLUMNS + " from alerts where id = $1";
  /** An alert acknowledged already keeps who did it first. */
  private static final String ACKNOWLEDGE = "update alerts set acked_at = now(), acked_by = $2"
      + " where id = $1 and acked_at is null returning " + COLUMNS;
  /** $1 null: every station's alerts and those of none; otherwise only those of the stations. */
  private static final String SELECT_RECENT = "select " + COLUMNS + " from alerts"
      + " where $1::text[] is null or station_id = any($1) order by id desc limit $2";
  private static final String SELECT_OPEN_AT_LEVEL = "select " + COLUMNS + " from alerts"
      + " where acked_at is null and level = $1 order by id desc limit $2";
  private static final String DELETE_OLDER = "delete from alerts where at < $1";
  private static final String DELETE_BEYOND = "delete from alerts"
      + " where id <= (select id from alerts order by id desc offset $1 limit 1)";

  /** Each further attempt needs a dispatcher to acknowledge the alert again within moments. */
  private static final int RAISE_ATTEMPTS = 3;

  private final Pool pool;

  public AlertRepository(Pool pool) {
    this.pool = pool;
  }

  /** The stored alert, or the open one with the same key; true in {@code Raised.isNew} for a new one. */
  public Future<Raised> raise(NewAlert a) {
    Tuple row = Tuple.tuple(Arrays.asList(a.level().wire(), a.kind(), a.code(), new JsonObject(a.params()), a.message(),
        a.stationId(), a.incidentId(), a.unitId(), a.villageCode(), a.key()));
    return raise(row, a.key(), RAISE_ATTEMPTS).recover(StoreErrors::recover);
  }

  /**
   * The open alert that made the insert do nothing may be acknowledged before {@link #SELECT_OPEN}
   * reads it; then the key is free and the insert is tried again.
   */
  private Future<Raised> raise(Tuple row, String key, int attempts) {
    return pool.preparedQuery(INSERT).execute(row).compose(inserted -> {
      if (inserted.size() > 0) {
        return Future.succeededFuture(new Raised(alert(inserted.iterator().next()), true));
      }
      return pool.preparedQuery(SELECT_OPEN).execute(Tuple.of(key)).compose(open -> {
        if (open.size() > 0) {
          return Future.succeededFuture(new Raised(alert(open.iterator().next()), false));
        }
        if (attempts > 1) {
          return raise(row, key, attempts - 1);
        }
        return Future.failedFuture(new StoreException(StoreException.Kind.UNAVAILABLE,
            "the open alert " + key + " was acknowledged each time it was raised again", null));
      });
    });
  }

  /** What raising gave: a new alert, or the open one with the same key. */
  public record Raised(Alert alert, boolean isNew) {
  }

  public Future<Optional<Alert>> find(long id) {
    return pool.preparedQuery(SELECT_ONE).execute(Tuple.of(id)).map(rows -> alerts(rows).stream().findFirst())
        .recover(StoreErrors::recover);
  }

  /** The alert acknowledged by {@code by} now, or as it was when someone had already; empty when there is none. */
  public Future<Optional<Alert>> acknowledge(long id, String by) {
    return pool.preparedQuery(ACKNOWLEDGE).execute(Tuple.of(id, by))
        .compose(rows -> rows.size() > 0 ? Future.succeededFuture(Optional.of(alert(rows.iterator().next()))) : find(id))
        .recover(StoreErrors::recover);
  }

  /** The newest alerts, of the given stations only unless {@code stationIds} is null. */
  public Future<List<Alert>> recent(List<String> stationIds, int limit) {
    String[] stations = stationIds == null ? null : stationIds.toArray(String[]::new);
    return pool.preparedQuery(SELECT_RECENT).execute(Tuple.of(stations, limit)).map(AlertRepository::alerts)
        .recover(StoreErrors::recover);
  }

  /** The newest alerts at {@code level} that nobody acknowledged yet. */
  public Future<List<Alert>> open(AlertLevel level, int limit) {
    return pool.preparedQuery(SELECT_OPEN_AT_LEVEL).execute(Tuple.of(level.wire(), limit)).map(AlertRepository::alerts)
        .recover(StoreErrors::recover);
  }

  /** Deletes alerts older than {@code beforeMs} and all but the newest {@code keep}; completes with how many went. */
  public Future<Integer> prune(long beforeMs, int keep) {
    OffsetDateTime before = OffsetDateTime.ofInstant(Instant.ofEpochMilli(beforeMs), ZoneOffset.UTC);
    return pool.preparedQuery(DELETE_OLDER).execute(Tuple.of(before))
        .compose(old -> pool.preparedQuery(DELETE_BEYOND).execute(Tuple.of(keep)).map(beyond -> old.rowCount() + beyond.rowCount()))
        .recover(StoreErrors::recover);
  }

  private static List<Alert> alerts(RowSet<Row> rows) {
    List<Alert> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(alert(r)));
    return out;
  }

  private static Alert alert(Row r) {
    NewAlert raised = new NewAlert(AlertLevel.fromWire(r.getString("level")), r.getString("kind"), r.getString("code"),
        r.getJsonObject("params").getMap(), r.getString("message"), r.getString("station_id"),
        r.getString("incident_id"), r.getString("unit_id"), r.getString("village_code"), r.getString("key"));
    OffsetDateTime acked = r.getOffsetDateTime("acked_at");
    return new Alert(r.getLong("id"), r.getOffsetDateTime("at").toInstant().toEpochMilli(), raised,
        acked == null ? null : new Alert.Acknowledgement(r.getString("acked_by"), acked.toInstant().toEpochMilli()));
  }
}
