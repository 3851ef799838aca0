package org.lamplight.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.lamplight.domain.dispatch.EventKind;
import org.lamplight.domain.dispatch.Incident;
import org.lamplight.domain.dispatch.IncidentEvent;
import org.lamplight.domain.dispatch.IncidentStatus;
import org.lamplight.domain.dispatch.IncidentType;

/**
 * Incidents and their timeline. A decision of the dispatch engine is stored in one transaction:
 * the incident's new snapshot and its new timeline entries, keyed (incident, seq) so that a
 * lost or doubled entry is impossible; dispatcher actions add an audit row in the same one, and
 * the answer to a request sent with an {@code Idempotency-Key}.
 */
public final class IncidentRepository {

  /** A dispatcher's correction changes the report: its columns follow the snapshot, as the status does. */
  private static final String UPSERT = "insert into incidents (id, type, severity, status, level, lat, lon, description,"
      + " source, reported_by, shortfall, state, created_at, updated_at, number)"
      + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)"
      + " on conflict (id) do update set type = excluded.type, severity = excluded.severity, lat = excluded.lat,"
      + " lon = excluded.lon, description = excluded.description, status = excluded.status, level = excluded.level,"
      + " shortfall = excluded.shortfall, state = excluded.state, updated_at = excluded.updated_at"
      + " returning txid_current()";
  private static final String INSERT_EVENT = "insert into incident_events (incident_id, seq, at, kind, unit_id, actor, details)"
      + " values ($1, $2, $3, $4, $5, $6, $7)";
  private static final String INSERT_AUDIT = "insert into audit_log (actor, action, target, details) values ($1, $2, $3, $4)";
  /** Spelled out, not a parameter, so PostgreSQL uses the partial index on unfinished incidents. */
  private static final String SELECT_UNFINISHED = "select state from incidents where status not in ("
      + statuses(IncidentStatus::isFinished) + ")";
  /**
   * The day's next number; the row is locked while it is counted, so numbers never repeat.
   * {@link Unflushed}: the incident's own commit, which waits for the flush, comes after this one
   * in the WAL and makes the count durable with it; a count lost in a crash before that numbered no
   * stored incident.
   */
  private static final String NEXT_NUMBER = Unflushed.WITH + "insert into incident_numbers (day, last)"
      + " select $1::date, 1 from unflushed on conflict (day) do update set last = incident_numbers.last + 1 returning last";
  /** Open incidents are few and kept apart by the partial index {@code incidents_open}. */
  private static final String SELECT_BY_ORDER = "select id::text from incidents where status not in ("
      + statuses(IncidentStatus::isFinished) + ") and state->'assignments' @> jsonb_build_array(jsonb_build_object('orderId', $1::text))";
  private static final String SELECT_ONE = "select state from incidents where id = $1";
  private static final String SELECT_BY_NUMBER = "select state from incidents where number = $1";
  private static final String SELECT_TIMELINE = "select seq, at, kind, unit_id, actor, details from incident_events"
      + " where incident_id = $1 order by seq";
  /** A page of a list, newest first, after the cursor ($4, $5): the row compare keeps rows of one instant apart by id. */
  private static final String SELECT_LIST = "select state, created_at, id from incidents where status = any($1)"
      + " and type = any($2) and created_at >= $3 and (created_at, id) < ($4, $5) order by created_at desc, id desc"
      + " limit $6";
  private static final UUID LEAST_ID = new UUID(Long.MIN_VALUE, Long.MIN_VALUE);
  /** A unit's own answers to offers (not its direct assignments, which it never answered). */
  private static final String SELECT_ANSWERS = "select e.incident_id, i.number, i.type, e.kind,"
      + " (extract(epoch from e.at) * 1000)::int8 as at_ms, e.details ->> 'reason' as reason"
      + " from incident_events e join incidents i on i.id = e.incident_id"
      + " where e.unit_id = $1 and e.kind in ('accepted', 'declined') and e.at >= $2 and e.at < $3"
      + " and exists (select 1 from incident_events o where o.incident_id = e.incident_id and o.kind = 'offer_sent'"
      + " and o.unit_id = e.unit_id and o.details ->> 'order_id' = e.details ->> 'order_id')"
      + " order by e.at limit $4";
  private static final String SELECT_OUTCOME = "select txid_status($1)";
  private static final long NO_TRANSACTION = -1;
  /** Kept a day: long enough for any client's retries, and the table stays as small as a day's keyed requests. */
  private static final String DELETE_OLD_KEYS = "delete from idempotency_keys where created_at < now() - interval '24 hours'";
  private static final String INSERT_KEY = "insert into idempotency_keys (actor, key, fingerprint, status, incident_id, state)"
      + " values ($1, $2, $3, $4, $5, $6)";
  private static final String SELECT_KEY = "select fingerprint, status, state from idempotency_keys where actor = $1 and key = $2"
      + " and created_at >= now() - interval '24 hours'";

  /**
   * Who did what, for dispatcher actions; with an {@link Idempotency} when the request carried an
   * {@code Idempotency-Key}, whose answer is then kept with the change.
   */
  public record AuditEntry(String actor, String action, String target, JsonObject details, Idempotency idempotency) {

    public AuditEntry(String actor, String action, String target, JsonObject details) {
      this(actor, action, target, details, null);
    }
  }

  /** A request's {@code Idempotency-Key}, what the request was (a digest) and the status its answer has. */
  public record Idempotency(String key, String fingerprint, int status) {
  }

  /** The first answer to a keyed request: its status and the incident as that request left it. */
  public record KeptAnswer(String fingerprint, int status, Incident incident) {
  }

  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  private final Pool pool;
  private final ZoneId zone;
  /** The next number, taken while the incident before it was stored; null until the first is taken. */
  private Future<DayNumber> ahead;

  /** A number of a day's counter. */
  private record DayNumber(LocalDate day, int number) {
  }

  /** @param zone the county's time zone: incidents are numbered per day in it */
  public IncidentRepository(Pool pool, ZoneId zone) {
    this.pool = pool;
    this.zone = zone;
  }

  /**
   * Stores the incident's snapshot, its new events and the audit entry in one transaction, with
   * {@code alongside} (the orders the decision sends) in the same commit: one fsync per decision.
   * An incident stored for the first time takes the day's next number ({@link #numbered}) before
   * its transaction begins: a transaction waiting for a number would hold a connection the number
   * may need, and enough reports at once would hold them all. {@code alongside} gets the incident
   * as stored, and so does the caller.
   */
  public Future<Incident> save(Incident incident, List<IncidentEvent> events, AuditEntry audit,
                               BiFunction<SqlConnection, Incident, Future<Void>> alongside) {
    AtomicLong transaction = new AtomicLong(NO_TRANSACTION);
    return numbered(incident).compose(numbered -> pool.withTransaction(conn -> Future.all(
            write(conn, numbered, events, audit, transaction), alongside.apply(conn, numbered)).map(numbered)))
        .recover(e -> {
          StoreException failed = StoreErrors.translate(e);
          // without the snapshot's answer no COMMIT was sent, and a deadline keeps one from being sent later;
          // an ERROR the server answered rolled the transaction back, so only a missing answer leaves it unknown
          long begun = transaction.get();
          boolean answered = e instanceof PgException pg && "ERROR".equals(pg.getSeverity());
          return Future.failedFuture(failed.kind() == StoreException.Kind.UNAVAILABLE && begun != NO_TRANSACTION
              && !answered ? new UnconfirmedWrite(begun, failed) : failed);
        });
  }

  /**
   * The incident with its number, taking the next one of its day if it has none yet. Taken in a
   * statement of its own, not in the incident's transaction: the day's counter row is locked only
   * for that statement, so a slow or stuck report holds up no other; a report that then fails to
   * store leaves its number unused. Each number is taken one incident ahead, while the incident
   * before it is stored, so a new incident does not wait a round trip for its number; one taken
   * for a day that has passed, or by a node that stops, is left unused.
   */
  private synchronized Future<Incident> numbered(Incident incident) {
    if (incident.number() != null) {
      return Future.succeededFuture(incident);
    }
    LocalDate day = Instant.ofEpochMilli(incident.createdAtMs()).atZone(zone).toLocalDate();
    Future<DayNumber> taken = ahead == null ? next(day) : ahead.transform(held -> held.succeeded()
        && held.result().day().equals(day) ? Future.succeededFuture(held.result()) : next(day));
    ahead = taken.compose(n -> next(day));
    return taken.map(n -> incident.numbered(String.format("%s-%04d", DAY.format(day), n.number())));
  }

  private Future<DayNumber> next(LocalDate day) {
    return pool.preparedQuery(NEXT_NUMBER).execute(Tuple.of(day))
        .map(rows -> new DayNumber(day, rows.iterator().next().getInteger(0)));
  }

  /**
   * Sends every statement of the write at once: PostgreSQL runs them in order, and the connection
   * pipelines them, so the write costs one round trip, not one per statement. After a failed
   * statement the rest fail too, with the transaction aborted; the first failure is the answer.
   */
  private Future<Void> write(SqlConnection conn, Incident incident, List<IncidentEvent> events, AuditEntry audit,
                             AtomicLong transaction) {
    UUID id = UUID.fromString(incident.id());
    List<Future<?>> writes = new ArrayList<>();
    writes.add(conn.preparedQuery(UPSERT).execute(Tuple.tuple(Arrays.asList(id, incident.type().wire(),
        (short) incident.severity(), incident.status().wire(), (short) incident.level(), incident.lat(), incident.lon(),
        incident.description(), incident.source().wire(), incident.reportedBy(),
        incident.shortfall() == null ? null : incident.shortfall().wire(), IncidentJson.toJson(incident),
        time(incident.createdAtMs()), time(incident.updatedAtMs()), incident.number())))
        .onSuccess(rows -> transaction.set(rows.iterator().next().getLong(0))));
    if (!events.isEmpty()) {
      List<Tuple> rows = new ArrayList<>();
      for (IncidentEvent e : events) {
        rows.add(Tuple.tuple(Arrays.asList(id, (int) e.seq(), time(e.atMs()), e.kind().wire(), e.unitId(),
            e.actor(), new JsonObject(e.details()))));
      }
      writes.add(conn.preparedQuery(INSERT_EVENT).executeBatch(rows));
    }
    if (audit != null) {
      writes.add(conn.preparedQuery(INSERT_AUDIT)
          .execute(Tuple.of(audit.actor(), audit.action(), audit.target(), audit.details())));
    }
    if (audit != null && audit.idempotency() != null) {
      Idempotency keyed = audit.idempotency();
      writes.add(conn.query(DELETE_OLD_KEYS).execute());
      writes.add(conn.preparedQuery(INSERT_KEY).execute(Tuple.of(audit.actor(), keyed.key(), keyed.fingerprint(),
          (short) keyed.status(), id, IncidentJson.toJson(incident))));
    }
    return Future.all(writes).mapEmpty();
  }

  /** What became of a transaction: committed, rolled back, or still under way. */
  public enum Outcome { COMMITTED, ABORTED, IN_PROGRESS }

  /**
   * Whether an {@link UnconfirmedWrite}'s transaction committed. PostgreSQL keeps the answer for
   * recent transactions, and knows it across a crash (a transaction under way then was rolled back).
   */
  public Future<Outcome> outcome(long transactionId) {
    return pool.preparedQuery(SELECT_OUTCOME).execute(Tuple.of(transactionId))
        .map(rows -> switch (String.valueOf(rows.iterator().next().getString(0))) {
          case "committed" -> Outcome.COMMITTED;
          case "aborted" -> Outcome.ABORTED;
          case "in progress" -> Outcome.IN_PROGRESS;
          // only for a transaction older than the server's horizon, billions of transactions ago
          default -> throw new IllegalStateException("PostgreSQL no longer knows transaction " + transactionId);
        })
        .recover(StoreErrors::recover);
  }

  /**
   * The unfinished incident that gave one of its units the order, as stored: an order goes out
   * only once its decision is, so a device can only reply to an order found here.
   */
  public Future<Optional<String>> incidentOfOrder(String orderId) {
    return pool.preparedQuery(SELECT_BY_ORDER).execute(Tuple.of(orderId))
        .map(rows -> rows.size() == 0 ? Optional.<String>empty() : Optional.of(rows.iterator().next().getString(0)))
        .recover(StoreErrors::recover);
  }

  /** Every incident not yet closed or cancelled: what dispatch resumes after a restart. */
  public Future<List<Incident>> unfinished() {
    return pool.query(SELECT_UNFINISHED).execute().map(IncidentRepository::incidents).recover(StoreErrors::recover);
  }

  /**
   * The newest {@code limit} incidents that {@code wanted} takes, in one of the statuses and of one
   * of the types, reported from {@code fromMs} (inclusive) to {@code toMs} (exclusive), newest first.
   * The filter runs here, page by page, so that a station's incidents are not cut off by the
   * {@code limit} newest of the whole county.
   */
  public Future<List<Incident>> list(List<IncidentStatus> statuses, List<IncidentType> types, long fromMs, long toMs,
      Predicate<Incident> wanted, int limit) {
    String[] statusNames = statuses.stream().map(IncidentStatus::wire).toArray(String[]::new);
    String[] typeNames = types.stream().map(IncidentType::wire).toArray(String[]::new);
    return listFrom(statusNames, typeNames, time(fromMs), time(toMs), LEAST_ID, wanted, limit, new ArrayList<>())
        .recover(StoreErrors::recover);
  }

  private Future<List<Incident>> listFrom(String[] statuses, String[] types, OffsetDateTime from, OffsetDateTime before,
      UUID beforeId, Predicate<Incident> wanted, int limit, List<Incident> found) {
    return pool.preparedQuery(SELECT_LIST).execute(Tuple.of(statuses, types, from, before, beforeId, limit))
        .compose(rows -> {
          Row last = null;
          for (Row r : rows) {
            last = r;
            Incident i = IncidentJson.fromJson(r.getJsonObject(0));
            if (wanted.test(i) && found.size() < limit) {
              found.add(i);
            }
          }
          if (found.size() >= limit || rows.size() < limit) {
            return Future.succeededFuture(found);
          }
          return listFrom(statuses, types, from, last.getOffsetDateTime(1), last.getUUID(2), wanted, limit, found);
        });
  }

  /** The incident by its id or by its number. */
  public Future<Optional<Incident>> find(String idOrNumber) {
    UUID uuid = parse(idOrNumber);
    return pool.preparedQuery(uuid == null ? SELECT_BY_NUMBER : SELECT_ONE).execute(Tuple.of(uuid == null ? idOrNumber : uuid))
        .map(rows -> incidents(rows).stream().findFirst())
        .recover(StoreErrors::recover);
  }

  /** The answer kept for {@code actor}'s request with {@code key}, if one was made within the last day. */
  public Future<Optional<KeptAnswer>> keptAnswer(String actor, String key) {
    return pool.preparedQuery(SELECT_KEY).execute(Tuple.of(actor, key))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.<KeptAnswer>empty();
          }
          Row r = rows.iterator().next();
          return Optional.of(new KeptAnswer(r.getString("fingerprint"), r.getShort("status"),
              IncidentJson.fromJson(r.getJsonObject("state"))));
        })
        .recover(StoreErrors::recover);
  }

  /**
   * How a unit answered the offers it was sent, accepted or declined from {@code fromMs} (inclusive)
   * to {@code toMs} (exclusive), oldest first; a dispatcher's answer for it counts as its own.
   */
  public Future<List<OfferAnswer>> answersOf(String unitId, long fromMs, long toMs, int limit) {
    return pool.preparedQuery(SELECT_ANSWERS).execute(Tuple.of(unitId, time(fromMs), time(toMs), limit))
        .map(rows -> {
          List<OfferAnswer> out = new ArrayList<>(rows.size());
          for (Row r : rows) {
            out.add(new OfferAnswer(r.getUUID("incident_id").toString(), r.getString("number"),
                IncidentType.fromWire(r.getString("type")), EventKind.fromWire(r.getString("kind")) == EventKind.ACCEPTED,
                r.getLong("at_ms"), r.getString("reason")));
          }
          return out;
        })
        .recover(StoreErrors::recover);
  }

  /**
   * A unit's answer to an offer.
   *
   * @param incidentNumber null for an incident stored before numbers existed
   * @param reason why it declined; null when none was given
   */
  public record OfferAnswer(String incidentId, String incidentNumber, IncidentType type, boolean accepted, long atMs,
                            String reason) {}

  public Future<List<IncidentEvent>> timeline(String id) {
    return pool.preparedQuery(SELECT_TIMELINE).execute(Tuple.of(UUID.fromString(id)))
        .map(rows -> {
          List<IncidentEvent> out = new ArrayList<>(rows.size());
          for (Row r : rows) {
            out.add(new IncidentEvent(id, r.getInteger("seq"), r.getOffsetDateTime("at").toInstant().toEpochMilli(),
                EventKind.fromWire(r.getString("kind")), r.getString("unit_id"), r.getString("actor"),
                r.getJsonObject("details").getMap()));
          }
          return out;
        })
        .recover(StoreErrors::recover);
  }

  private static List<Incident> incidents(RowSet<Row> rows) {
    List<Incident> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(IncidentJson.fromJson(r.getJsonObject(0))));
    return out;
  }

  private static String statuses(Predicate<IncidentStatus> which) {
    return Stream.of(IncidentStatus.values()).filter(which).map(s -> "'" + s.wire() + "'").collect(Collectors.joining(", "));
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
