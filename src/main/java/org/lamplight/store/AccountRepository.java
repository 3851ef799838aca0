package org.lamplight.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Console and API accounts. */
public final class AccountRepository {

  private static final String SELECT = "select username, password_hash, role, station_ids from accounts where username = $1";
  private static final String INSERT_IF_ABSENT = "insert into accounts (username, password_hash, role, station_ids)"
      + " values ($1, $2, $3, $4) on conflict (username) do nothing";
  private static final String COUNT_ADMINS = "select count(*) from accounts where role = 'admin'";

  public record Account(String username, String passwordHash, String role, List<String> stationIds) {
  }

  private final Pool pool;

  public AccountRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<Optional<Account>> find(String username) {
    return pool.preparedQuery(SELECT).execute(Tuple.of(username))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.<Account>empty();
          }
          Row r = rows.iterator().next();
          return Optional.of(new Account(r.getString("username"), r.getString("password_hash"), r.getString("role"),
              Arrays.asList(r.getArrayOfStrings("station_ids"))));
        })
        .recover(StoreErrors::recover);
  }

  /** True when the account was created, false when the user name was taken. */
  public Future<Boolean> createIfAbsent(Account account) {
    return pool.preparedQuery(INSERT_IF_ABSENT)
        .execute(Tuple.of(account.username(), account.passwordHash(), account.role(),
            account.stationIds().toArray(new String[0])))
        .map(rows -> rows.rowCount() == 1)
        .recover(StoreErrors::recover);
  }

  public Future<Boolean> hasAdmin() {
    return pool.query(COUNT_ADMINS).execute()
        .map(rows -> rows.iterator().next().getLong(0) > 0)
        .recover(StoreErrors::recover);
  }
}
