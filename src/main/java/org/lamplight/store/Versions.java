package org.lamplight.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * Versions of what every node follows at run time ({@link #COUNTY}, {@link #ACCOUNTS}): a change
 * bumps its version in the transaction that makes it, so a node that holds an older version knows
 * it must load again.
 */
public final class Versions {

  public static final String COUNTY = "county";
  public static final String ACCOUNTS = "accounts";

  private static final String GET = "select version from versions where name = $1";
  /** The row lock also orders concurrent changes: the second waits for the first to commit. */
  private static final String BUMP = "update versions set version = version + 1 where name = $1 returning version";

  private final Pool pool;

  public Versions(Pool pool) {
    this.pool = pool;
  }

  public Future<Long> get(String name) {
    return pool.preparedQuery(GET).execute(Tuple.of(name)).map(rows -> rows.iterator().next().getLong(0))
        .recover(StoreErrors::recover);
  }

  /** Inside the transaction of a change: the version the change is stored under. */
  public static Future<Long> bump(SqlClient tx, String name) {
    return tx.preparedQuery(BUMP).execute(Tuple.of(name)).map(rows -> rows.iterator().next().getLong(0));
  }

  /** Inside a transaction: the version now stored, locked until the transaction ends. */
  public static Future<Long> lock(SqlClient tx, String name) {
    return tx.preparedQuery(GET + " for update").execute(Tuple.of(name)).map(rows -> rows.iterator().next().getLong(0));
  }
}
