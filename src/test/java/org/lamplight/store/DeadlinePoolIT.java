package org.lamplight.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lamplight.Await;
import org.lamplight.TestDatabase;
import org.lamplight.config.Config;
import org.lamplight.config.Keys;

/**
 * Transactions through the deadline pool against a real PostgreSQL. BEGIN goes out with the work's
 * first statements rather than a round trip ahead of them: the statements must still be one
 * transaction, and work that fails or ends late must leave nothing behind, nor a connection still
 * inside a transaction. The pool holds one connection, so each test's next transaction runs on the
 * connection the one before it gave back.
 */
class DeadlinePoolIT {

  private static final long DEADLINE_MS = 2_000;

  static Database db;
  static Vertx vertx;
  static Pool single;
  static DeadlinePool pool;

  @BeforeAll
  static void start() throws Exception {
    db = Database.start(Config.defaults().with(Map.of(Keys.PG_URL, TestDatabase.url("deadline_" + System.nanoTime()))));
    vertx = Vertx.vertx();
    single = PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(db.connectOptions()).using(vertx).build();
    pool = new DeadlinePool(vertx, single, DEADLINE_MS);
    TestSql.run(db, "create table notes (text text not null)");
  }

  @AfterAll
  static void stop() throws Exception {
    single.close().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
    db.close();
  }

  @BeforeEach
  void empty() throws Exception {
    TestSql.run(db, "truncate notes");
  }

  private static Future<RowSet<Row>> insert(SqlConnection conn, String text) {
    return conn.preparedQuery("insert into notes (text) values ($1)").execute(Tuple.of(text));
  }

  private static long txid(RowSet<Row> rows) {
    return rows.iterator().next().getLong(0);
  }

  @Test
  void theWorksStatementsAreOneTransactionAndCommitTogether() throws Exception {
    Future<long[]> ids = pool.withTransaction(conn -> insert(conn, "first")
        .compose(v -> conn.query("select txid_current()").execute())
        .compose(a -> insert(conn, "second").compose(v -> conn.query("select txid_current()").execute())
            .map(b -> new long[] {txid(a), txid(b)})));

    long[] both = ids.await(10, TimeUnit.SECONDS);
    assertThat(both[0]).as("one transaction id for both statements").isEqualTo(both[1]);
    assertThat(TestSql.queryInt(db, "select count(*) from notes")).isEqualTo(2);
  }

  @Test
  void aFailedStatementRollsBackTheStatementsBeforeIt() throws Exception {
    Future<Void> work = pool.withTransaction(conn -> insert(conn, "kept only if all goes well")
        .compose(v -> conn.query("insert into notes (text) values (null)").execute()).mapEmpty());

    assertThat(failureOf(work)).hasMessageContaining("null value");
    assertThat(TestSql.queryInt(db, "select count(*) from notes")).isZero();
    assertConnectionLeftNoTransactionOpen();
  }

  @Test
  void workThatThrowsRollsBackWhatItSentBefore() throws Exception {
    Future<Void> work = pool.withTransaction(conn -> {
      insert(conn, "sent before the work threw");
      throw new IllegalStateException("the work broke");
    });

    assertThat(failureOf(work)).hasMessage("the work broke");
    assertThat(TestSql.queryInt(db, "select count(*) from notes")).isZero();
    assertConnectionLeftNoTransactionOpen();
  }

  @Test
  void workThatEndsAfterTheDeadlineIsRolledBackNotCommitted() throws Exception {
    Promise<Void> release = Promise.promise();
    Future<Void> work = pool.withTransaction(conn -> insert(conn, "too late").compose(v -> release.future()));

    Throwable failure = failureOf(work);
    assertThat(failure).isInstanceOf(StoreException.class);
    assertThat(((StoreException) failure).kind()).isEqualTo(StoreException.Kind.UNAVAILABLE);
    vertx.runOnContext(v -> release.complete());
    // the pool's one connection is handed out again only once the late work was rolled back
    assertConnectionLeftNoTransactionOpen();
    assertThat(TestSql.queryInt(db, "select count(*) from notes")).isZero();
  }

  private static Throwable failureOf(Future<?> work) {
    Await.await().until(work::isComplete);
    assertThat(work.failed()).as("the transaction failed").isTrue();
    return work.cause();
  }

  /** The next transaction on the pool's one connection begins afresh: it sees no earlier transaction's id. */
  private static void assertConnectionLeftNoTransactionOpen() throws Exception {
    long before = pool.withTransaction(conn -> conn.query("select txid_current()").execute().map(DeadlinePoolIT::txid))
        .await(10, TimeUnit.SECONDS);
    long after = pool.withTransaction(conn -> conn.query("select txid_current()").execute().map(DeadlinePoolIT::txid))
        .await(10, TimeUnit.SECONDS);
    assertThat(after).as("each transaction its own").isGreaterThan(before);
    Await.await().alias("no transaction left open on the database").until(() -> {
      try {
        return TestSql.queryInt(db, "select count(*) from pg_stat_activity where datname = current_database()"
            + " and pid <> pg_backend_pid() and state like 'idle in transaction%'") == 0;
      } catch (Exception e) {
        return false;
      }
    });
  }
}
