package org.lamplight.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/** Installation-wide values that every node must agree on (e.g. the token signing key). */
public final class SettingsRepository {

  private static final String GET = "select value from settings where key = $1";
  /** First writer wins, so nodes starting together converge on one value. */
  private static final String PUT_IF_ABSENT =
      "insert into settings (key, value) values ($1, $2) on conflict (key) do nothing";

  private final Pool pool;

  public SettingsRepository(Pool pool) {
    this.pool = pool;
  }

  /** The stored value of {@code key}, storing {@code candidate} first if there is none. */
  public Future<String> getOrCreate(String key, String candidate) {
    return pool.preparedQuery(PUT_IF_ABSENT).execute(Tuple.of(key, candidate))
        .compose(ignored -> pool.preparedQuery(GET).execute(Tuple.of(key)))
        .map(rows -> rows.iterator().next().getString(0))
        .recover(StoreErrors::recover);
  }
}
