package org.lamplight.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Incidents and their timeline. A decision of the dispatch engine is stored in one transaction:
 * the incident's new snapshot and its new timeline entries, keyed (incident, seq) so that a
 * lost or doubled entry is impossible; dispatcher actions add an audit row in the same one.
 */
public final class IncidentRepository {

  private static final String UPSERT = "insert into incidents (id, type, severity, status, level, lat, lon, description,"
      + " source, reported_by, shortfall, state, created_at, updated_at)"
      + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
      + " on conflict (id) do update set status = excluded.status, level = excluded.level,"
      + " shortfall = excluded.shortfall, state = excluded.state, updated_at = excluded.updated_at";
  private static final String INSERT_EVENT = "insert into incident_events (incident_id, seq, at, kind, unit_id, actor, details)"
      + " values ($1, $2, $3, $4, $5, $6, $7)";
  private static final String INSERT_AUDIT = "insert into audit_log (actor, action, target, details) values ($1, $2, $3, $4)";
  private static final String SELECT_UNFINISHED = "select state from incidents where status not in ('closed', 'cancelled')";
  private static final String SELECT_ONE = "select state from incidents where id = $1";
  private static final String SELECT_TIMELINE = "select seq, at, kind, unit_id, actor, details from incident_events"
      + " where incident_id = $1 order by seq";
  private static final String SELECT_LIST = "select state from incidents"
      + " where case $1::text when 'all' then true"
      + " when 'open' then status in ('new', 'dispatching', 'assigned', 'on_scene') else status = $1::text end"
      + " order by created_at desc limit $2";

  /** One timeline entry to store. */
  public record EventRow(long seq, long atMs, String kind, String unitId, String actor, JsonObject details) {
  }

  /** Who did what, for dispatcher actions. */
  public record AuditEntry(String actor, String action, String target, JsonObject details) {
  }

  /** The incident columns the table keeps beside the snapshot, for queries. */
  public record IncidentRow(String id, String type, int severity, String status, int level, double lat, double lon,
                            String description, String source, String reportedBy, String shortfall, long createdAtMs,
                            long updatedAtMs, JsonObject state) {
  }

  private final Pool pool;

  public IncidentRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * Stores the incident's snapshot, its new events and the audit entry in one transaction, with
   * {@code alongside} (the orders the decision sends) in the same commit: one fsync per decision.
   */
  public Future<Void> save(IncidentRow incident, List<EventRow> events, AuditEntry audit,
                           Function<SqlConnection, Future<Void>> alongside) {
    UUID id = UUID.fromString(incident.id());
    return pool.withTransaction(conn -> {
      Future<?> f = conn.preparedQuery(UPSERT).execute(Tuple.tuple(Arrays.asList(id, incident.type(), (short) incident.severity(),
          incident.status(), (short) incident.level(), incident.lat(), incident.lon(), incident.description(),
          incident.source(), incident.reportedBy(), incident.shortfall(), incident.state(),
          time(incident.createdAtMs()), time(incident.updatedAtMs()))));
      if (!events.isEmpty()) {
        List<Tuple> rows = new ArrayList<>();
        for (EventRow e : events) {
          rows.add(Tuple.tuple(Arrays.asList(id, (int) e.seq(), time(e.atMs()), e.kind(), e.unitId(),
              e.actor(), e.details())));
        }
        f = f.compose(v -> conn.preparedQuery(INSERT_EVENT).executeBatch(rows));
      }
      if (audit != null) {
        f = f.compose(v -> conn.preparedQuery(INSERT_AUDIT)
            .execute(Tuple.of(audit.actor(), audit.action(), audit.target(), audit.details())));
      }
      return f.compose(v -> alongside.apply(conn));
    }).<Void>mapEmpty().recover(StoreErrors::recover);
  }

  /** Snapshots of every incident not yet closed or cancelled: what dispatch resumes after a restart. */
  public Future<List<JsonObject>> unfinished() {
    return pool.query(SELECT_UNFINISHED).execute().map(IncidentRepository::states).recover(StoreErrors::recover);
  }

  public Future<List<JsonObject>> list(String status, int limit) {
    return pool.preparedQuery(SELECT_LIST).execute(Tuple.of(status, limit)).map(IncidentRepository::states)
        .recover(StoreErrors::recover);
  }

  public Future<Optional<JsonObject>> find(String id) {
    UUID uuid = parse(id);
    if (uuid == null) {
      return Future.succeededFuture(Optional.empty());
    }
    return pool.preparedQuery(SELECT_ONE).execute(Tuple.of(uuid))
        .map(rows -> rows.size() == 0 ? Optional.<JsonObject>empty() : Optional.of(rows.iterator().next().getJsonObject(0)))
        .recover(StoreErrors::recover);
  }

  public Future<JsonArray> timeline(String id) {
    return pool.preparedQuery(SELECT_TIMELINE).execute(Tuple.of(UUID.fromString(id)))
        .map(rows -> {
          JsonArray out = new JsonArray();
          for (Row r : rows) {
            out.add(new JsonObject().put("seq", r.getInteger("seq")).put("at", r.getOffsetDateTime("at").toInstant().toEpochMilli())
                .put("event", r.getString("kind")).put("unitId", r.getString("unit_id")).put("actor", r.getString("actor"))
                .put("details", r.getJsonObject("details")));
          }
          return out;
        })
        .recover(StoreErrors::recover);
  }

  private static List<JsonObject> states(io.vertx.sqlclient.RowSet<Row> rows) {
    List<JsonObject> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(r.getJsonObject(0)));
    return out;
  }

  private static OffsetDateTime time(long ms) {
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(ms), ZoneOffset.UTC);
  }

  private static UUID parse(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
