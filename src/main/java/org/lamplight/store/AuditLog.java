package org.lamplight.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Who changed what and when: administrative changes (the county's objects, device secrets,
 * accounts, imports) and dispatchers' commands. An entry is written in the transaction of the
 * change it records. Details never hold a secret or a password hash.
 */
public final class AuditLog {

  private static final String INSERT = "insert into audit_log (actor, kind, action, target, details)"
      + " values ($1, $2, $3, $4, $5)";
  private static final String FILTER = " from audit_log where at >= $1 and at < $2 and ($3::text is null or actor = $3)"
      + " and ($4::text is null or kind = $4)";
  private static final String SELECT = "select id, at, actor, kind, action, target, details" + FILTER
      + " order by at desc, id desc limit $5 offset $6";
  private static final String COUNT = "select count(*)" + FILTER;

  /** One entry to write. */
  public record Entry(String actor, String kind, String action, String target, JsonObject details) {
  }

  /** One entry as stored. */
  public record Stored(long id, long atMs, String actor, String kind, String action, String target, JsonObject details) {
  }

  /** A page of entries, newest first, and how many match in all. */
  public record Page(List<Stored> entries, long total) {
  }

  private final Pool pool;

  public AuditLog(Pool pool) {
    this.pool = pool;
  }

  /** Inside the transaction of the change. */
  public static Future<Void> write(SqlClient tx, Entry e) {
    return tx.preparedQuery(INSERT).execute(Tuple.of(e.actor(), e.kind(), e.action(), e.target(), e.details()))
        .mapEmpty();
  }

  /** A change of its own (nothing else to store with it). */
  public Future<Void> write(Entry e) {
    return write(pool, e).recover(StoreErrors::recover);
  }

  /** Entries from {@code fromMs} (inclusive) to {@code toMs} (exclusive); a null actor or kind matches any. */
  public Future<Page> find(long fromMs, long toMs, String actor, String kind, int limit, int offset) {
    Tuple filter = Tuple.of(time(fromMs), time(toMs), actor, kind);
    return pool.preparedQuery(COUNT).execute(filter).compose(count -> pool.preparedQuery(SELECT)
            .execute(Tuple.of(time(fromMs), time(toMs), actor, kind, limit, offset))
            .map(rows -> {
              List<Stored> out = new ArrayList<>(rows.size());
              for (Row r : rows) {
                out.add(new Stored(r.getLong("id"), r.getOffsetDateTime("at").toInstant().toEpochMilli(),
                    r.getString("actor"), r.getString("kind"), r.getString("action"), r.getString("target"),
                    (JsonObject) r.getJson("details")));
              }
              return new Page(out, count.iterator().next().getLong(0));
            }))
        .recover(StoreErrors::recover);
  }

  private static OffsetDateTime time(long ms) {
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(ms), ZoneOffset.UTC);
  }
}
