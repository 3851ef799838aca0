package org.lamplight.store;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PrepareOptions;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Query;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.SqlResult;
import io.vertx.sqlclient.TransactionPropagation;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collector;

/**
 * A pool whose every call has a deadline ({@code pg.deadline}): a statement, a batch, a connection
 * or a whole transaction the database has not answered by then fails with
 * {@link StoreException.Kind#UNAVAILABLE}, so a frozen database costs a request that long and not
 * the whole freeze. A frozen server cannot be asked to cancel, so the work itself goes on; for
 * writes that means:
 * <ul>
 *   <li>a connection not handed out by the deadline is never used (the pool's own connection
 *       timeout is the deadline, see {@link Database#pool});
 *   <li>a transaction whose work fails, or ends after its deadline, is rolled back, not committed;
 *   <li>a COMMIT already sent when the deadline passes may still take effect. The caller then
 *       cannot know whether its change was stored: dispatch reloads the incident before its next
 *       event, and a client retries with the same {@code Idempotency-Key}.
 * </ul>
 */
public final class DeadlinePool implements Pool {

  private final Vertx vertx;
  private final Pool pool;
  private final long deadlineMs;

  public DeadlinePool(Vertx vertx, Pool pool, long deadlineMs) {
    if (deadlineMs < 1) {
      throw new IllegalArgumentException("the deadline must be positive: " + deadlineMs);
    }
    this.vertx = vertx;
    this.pool = pool;
    this.deadlineMs = deadlineMs;
  }

  /** The connection is bounded in the getting; what is done with it is the caller's to bound. */
  @Override
  public Future<SqlConnection> getConnection() {
    return bounded(pool.getConnection(), () -> { });
  }

  @Override
  public Query<RowSet<Row>> query(String sql) {
    return new BoundedQuery<>(pool.query(sql));
  }

  @Override
  public PreparedQuery<RowSet<Row>> preparedQuery(String sql) {
    return new BoundedPreparedQuery<>(pool.preparedQuery(sql));
  }

  @Override
  public PreparedQuery<RowSet<Row>> preparedQuery(String sql, PrepareOptions options) {
    return new BoundedPreparedQuery<>(pool.preparedQuery(sql, options));
  }

  /**
   * BEGIN goes out together with the work's first statements, not a round trip ahead of them:
   * PostgreSQL runs a connection's statements in the order they came, so they are inside the
   * transaction all the same. COMMIT is sent only once the work has ended well and in time.
   */
  @Override
  public <T> Future<T> withTransaction(Function<SqlConnection, Future<T>> work) {
    AtomicBoolean late = new AtomicBoolean();
    return bounded(pool.withConnection(conn -> inTransaction(conn, work, late)), () -> late.set(true));
  }

  private <T> Future<T> inTransaction(SqlConnection conn, Function<SqlConnection, Future<T>> work, AtomicBoolean late) {
    Future<RowSet<Row>> begun = conn.query("BEGIN").execute();
    Future<T> done;
    try {
      done = work.apply(conn);
    } catch (RuntimeException e) {
      done = Future.failedFuture(e);
    }
    Future<T> result = done;
    // join, not all: nothing is sent after the ROLLBACK until every statement before it has answered
    return Future.join(begun, result).transform(ar -> {
      if (ar.succeeded() && !late.get()) {
        return conn.query("COMMIT").execute().map(result.result());
      }
      Throwable cause = ar.succeeded() ? passed() : result.failed() ? result.cause() : begun.cause();
      return conn.query("ROLLBACK").execute().transform(rolledBack -> Future.<T>failedFuture(cause));
    });
  }

  @Override
  public <T> Future<T> withTransaction(TransactionPropagation propagation, Function<SqlConnection, Future<T>> work) {
    AtomicBoolean late = new AtomicBoolean();
    return bounded(pool.withTransaction(propagation, conn -> unlessLate(work.apply(conn), late)), () -> late.set(true));
  }

  @Override
  public <T> Future<T> withConnection(Function<SqlConnection, Future<T>> work) {
    return bounded(pool.withConnection(work), () -> { });
  }

  @Override
  public int size() {
    return pool.size();
  }

  @Override
  public Future<Void> close() {
    return pool.close();
  }

  /** Work that ends after the deadline fails, so its transaction rolls back rather than commits. */
  private <T> Future<T> unlessLate(Future<T> work, AtomicBoolean late) {
    return work.compose(result -> late.get() ? Future.failedFuture(passed()) : Future.succeededFuture(result));
  }

  private <T> Future<T> bounded(Future<T> work, Runnable onDeadline) {
    Promise<T> result = Promise.promise();
    long timer = vertx.setTimer(deadlineMs, id -> {
      onDeadline.run();
      result.tryFail(passed());
    });
    work.onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (ar.succeeded()) {
        result.tryComplete(ar.result());
      } else {
        result.tryFail(ar.cause());
      }
    });
    return result.future();
  }

  private StoreException passed() {
    return new StoreException(StoreException.Kind.UNAVAILABLE, "the database did not answer within " + deadlineMs + " ms",
        null);
  }

  private class BoundedQuery<T> implements Query<T> {
    private final Query<T> query;

    BoundedQuery(Query<T> query) {
      this.query = query;
    }

    @Override
    public Future<T> execute() {
      return bounded(query.execute(), () -> { });
    }

    @Override
    public <R> Query<SqlResult<R>> collecting(Collector<Row, ?, R> collector) {
      return new BoundedQuery<>(query.collecting(collector));
    }

    @Override
    public <U> Query<RowSet<U>> mapping(Function<Row, U> mapper) {
      return new BoundedQuery<>(query.mapping(mapper));
    }
  }

  private final class BoundedPreparedQuery<T> extends BoundedQuery<T> implements PreparedQuery<T> {
    private final PreparedQuery<T> query;

    BoundedPreparedQuery(PreparedQuery<T> query) {
      super(query);
      this.query = query;
    }

    @Override
    public Future<T> execute(Tuple tuple) {
      return bounded(query.execute(tuple), () -> { });
    }

    @Override
    public Future<T> executeBatch(List<Tuple> batch) {
      return bounded(query.executeBatch(batch), () -> { });
    }

    @Override
    public <R> PreparedQuery<SqlResult<R>> collecting(Collector<Row, ?, R> collector) {
      return new BoundedPreparedQuery<>(query.collecting(collector));
    }

    @Override
    public <U> PreparedQuery<RowSet<U>> mapping(Function<Row, U> mapper) {
      return new BoundedPreparedQuery<>(query.mapping(mapper));
    }
  }
}
