package org.lamplight.store;

import io.vertx.core.Future;
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

/**
 * Orders for devices and persistent MQTT sessions. An order is stored before it is sent and
 * stays pending until the device's PUBACK, so it survives the device (or the node) going away.
 */
public final class OrderRepository {

  private static final String INSERT = "insert into device_orders (delivery_id, device_id, payload)"
      + " values ($1, $2, $3) on conflict (delivery_id) do nothing";
  /** Keeps the newest {@code $2} pending orders of a device; older ones are dropped. */
  private static final String TRIM = "update device_orders set dropped_at = now() where seq in ("
      + " select seq from device_orders where device_id = $1 and acked_at is null and dropped_at is null"
      + " order by seq desc offset $2)";
  private static final String PENDING = "select delivery_id, payload from device_orders"
      + " where device_id = $1 and acked_at is null and dropped_at is null order by seq";
  /** A device acknowledges only its own deliveries. */
  private static final String ACK = "update device_orders set acked_at = now()"
      + " where delivery_id = $1 and device_id = $2 and acked_at is null";
  private static final String DROP_PENDING = "update device_orders set dropped_at = now()"
      + " where device_id = $1 and acked_at is null and dropped_at is null";
  /**
   * One batch of deliveries acknowledged or dropped before {@code $1}, oldest first. least()
   * ignores nulls, so it is when a delivery stopped being pending, and null (never matched) while
   * it still is; the index of V100 finds them without reading the table. {@code = any(array(..))}
   * deletes them by primary key, where {@code in (..)} may be planned as a join over the whole table.
   */
  private static final String DELETE_FINISHED = "delete from device_orders where seq = any(array("
      + " select seq from device_orders where least(acked_at, dropped_at) < $1"
      + " order by least(acked_at, dropped_at) limit $2))";
  private static final String SELECT_SESSION = "select subscriptions from device_sessions where device_id = $1"
      + " and (expires_at is null or expires_at > now())";
  private static final String UPSERT_SESSION = "insert into device_sessions (device_id, subscriptions, expires_at)"
      + " values ($1, $2, case when $3::int8 is null then null else now() + ($3::int8 * interval '1 second') end)"
      + " on conflict (device_id) do update set subscriptions = excluded.subscriptions, expires_at = excluded.expires_at";
  private static final String DELETE_SESSION = "delete from device_sessions where device_id = $1";

  /**
   * One delivery of an order to one device: what the device receives (the payload) and the id
   * that makes storing it idempotent and tells its acknowledgement apart. An order sent again
   * (an offer, then its cancellation) is a new delivery.
   */
  public record Delivery(String deliveryId, String deviceId, String payload) {
  }

  private final Pool pool;
  private final int perDeviceBound;

  public OrderRepository(Pool pool, int perDeviceBound) {
    this.pool = pool;
    this.perDeviceBound = perDeviceBound;
  }

  /** Stores deliveries durably in a transaction of their own. */
  public Future<Void> store(List<Delivery> orders) {
    return pool.withTransaction(conn -> store(conn, orders)).recover(StoreErrors::recover);
  }

  /**
   * Stores orders (idempotent by order id) on the caller's transaction, keeping at most the bound
   * per device, so they commit together with the decision that made them. The statements go out
   * at once, pipelined on the connection; PostgreSQL runs them in order.
   */
  public Future<Void> store(SqlConnection conn, List<Delivery> orders) {
    List<Future<?>> writes = new ArrayList<>(2 * orders.size());
    for (Delivery o : orders) {
      writes.add(conn.preparedQuery(INSERT).execute(Tuple.of(o.deliveryId(), o.deviceId(), o.payload())));
      writes.add(conn.preparedQuery(TRIM).execute(Tuple.of(o.deviceId(), perDeviceBound)));
    }
    return Future.all(writes).mapEmpty();
  }

  public Future<List<Delivery>> pending(String deviceId) {
    return pool.preparedQuery(PENDING).execute(Tuple.of(deviceId))
        .map(rows -> {
          List<Delivery> out = new ArrayList<>(rows.size());
          for (Row r : rows) {
            out.add(new Delivery(r.getString("delivery_id"), deviceId, r.getString("payload")));
          }
          return out;
        })
        .recover(StoreErrors::recover);
  }

  /** The device received the delivery: it is no longer pending. */
  public Future<Void> acknowledged(String deviceId, String deliveryId) {
    return pool.preparedQuery(ACK).execute(Tuple.of(deliveryId, deviceId)).<Void>mapEmpty().recover(StoreErrors::recover);
  }

  /**
   * Deletes the deliveries acknowledged or dropped before {@code beforeMs}, never a pending one,
   * {@code batch} at a time so that no statement holds many locks for long. Completes with how
   * many went.
   */
  public Future<Integer> deleteFinished(long beforeMs, int batch) {
    OffsetDateTime before = OffsetDateTime.ofInstant(Instant.ofEpochMilli(beforeMs), ZoneOffset.UTC);
    return deleteFinished(before, batch, 0).recover(StoreErrors::recover);
  }

  private Future<Integer> deleteFinished(OffsetDateTime before, int batch, int deleted) {
    return pool.preparedQuery(DELETE_FINISHED).execute(Tuple.of(before, batch))
        .compose(rows -> rows.rowCount() < batch ? Future.succeededFuture(deleted + rows.rowCount())
            : deleteFinished(before, batch, deleted + rows.rowCount()));
  }

  /** The subscriptions of a live persistent session, or null when there is none. */
  public Future<List<String>> session(String deviceId) {
    return pool.preparedQuery(SELECT_SESSION).execute(Tuple.of(deviceId))
        .map(rows -> rows.size() == 0 ? (List<String>) null
            : Arrays.asList(rows.iterator().next().getArrayOfStrings("subscriptions")))
        .recover(StoreErrors::recover);
  }

  /** Saves a persistent session; {@code expirySeconds} null means it never expires. */
  public Future<Void> saveSession(String deviceId, List<String> subscriptions, Long expirySeconds) {
    return pool.preparedQuery(UPSERT_SESSION)
        .execute(Tuple.of(deviceId, subscriptions.toArray(new String[0]), expirySeconds))
        .<Void>mapEmpty().recover(StoreErrors::recover);
  }

  /** A clean session starts from nothing: the old session and its undelivered orders go. */
  public Future<Void> discardSession(String deviceId) {
    return pool.withTransaction(conn -> conn.preparedQuery(DELETE_SESSION).execute(Tuple.of(deviceId))
            .compose(v -> conn.preparedQuery(DROP_PENDING).execute(Tuple.of(deviceId))))
        .<Void>mapEmpty().recover(StoreErrors::recover);
  }
}
