package org.lamplight.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.lamplight.domain.Refusal;

/**
 * Console and API accounts. A change that must reach every node (disabled, enabled, password
 * reset, role changed) bumps the accounts' version and writes its audit entry in its transaction.
 */
public final class AccountRepository {

  /** A disabled account cannot log in. */
  private static final String SELECT = "select username, password_hash, role, station_ids, token_generation from accounts"
      + " where username = $1 and disabled_at is null";
  private static final String INSERT_IF_ABSENT = "insert into accounts (username, password_hash, role, station_ids)"
      + " values ($1, $2, $3, $4) on conflict (username) do nothing";
  private static final String COUNT_ADMINS = "select count(*) from accounts where role = 'admin'";
  private static final String INFO = "select username, role, station_ids, created_at, disabled_at from accounts";
  private static final String SEARCH = " where ($1::text is null or username ilike '%' || $1 || '%' or role = $1)";
  private static final String LIST = INFO + SEARCH + " order by username limit $2 offset $3";
  private static final String COUNT = "select count(*) from accounts" + SEARCH;
  private static final String ONE = INFO + " where username = $1";
  private static final String ONE_FOR_UPDATE = ONE + " for update";
  private static final String SET_DISABLED = "update accounts set disabled_at = case when $2 then now() end,"
      + " token_generation = token_generation + case when $2 then 1 else 0 end where username = $1";
  private static final String SET_PASSWORD = "update accounts set password_hash = $2, token_generation = token_generation + 1"
      + " where username = $1";
  private static final String SET_ROLE = "update accounts set role = $2, station_ids = $3,"
      + " token_generation = token_generation + 1"
      + " where username = $1";
  /** Taken before any change of an account: two admins demoting each other at once cannot both pass the count. */
  private static final String LOCK_ADMINS = "select username from accounts where role = 'admin' and disabled_at is null"
      + " for update";
  private static final String COUNT_ENABLED_ADMINS = "select count(*) from accounts where role = 'admin'"
      + " and disabled_at is null";
  private static final String BARRIERS = "select username, disabled_at is not null as disabled, token_generation"
      + " from accounts where disabled_at is not null or token_generation > 0";

  /** An account that may log in; its tokens carry {@code generation} ({@link Barrier}). */
  public record Account(String username, String passwordHash, String role, List<String> stationIds, int generation) {

    /** A new account: no token of it was ever issued. */
    public Account(String username, String passwordHash, String role, List<String> stationIds) {
      this(username, passwordHash, role, stationIds, 0);
    }
  }

  /** An account as an admin sees it (never its password hash). */
  public record AccountInfo(String username, String role, List<String> stationIds, long createdAtMs, Long disabledAtMs) {
    public JsonObject audited() {
      return new JsonObject().put("role", role).put("stations", stationIds).put("disabled", disabledAtMs != null);
    }
  }

  public record Page(List<AccountInfo> accounts, long total) {
  }

  /** Per account that has one: disabled, and the generation a token must carry (older ones stop working). */
  public record Barrier(boolean disabled, int generation) {
  }

  private final Pool pool;

  public AccountRepository(Pool pool) {
    this.pool = pool;
  }

  /** An account that may log in; empty for an unknown or disabled one. */
  public Future<Optional<Account>> find(String username) {
    return pool.preparedQuery(SELECT).execute(Tuple.of(username))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.<Account>empty();
          }
          Row r = rows.iterator().next();
          return Optional.of(new Account(r.getString("username"), r.getString("password_hash"), r.getString("role"),
              Arrays.asList(r.getArrayOfStrings("station_ids")), r.getInteger("token_generation")));
        })
        .recover(StoreErrors::recover);
  }

  /** True when the account was created, false when the user name was taken. */
  public Future<Boolean> createIfAbsent(Account account) {
    return pool.preparedQuery(INSERT_IF_ABSENT).execute(tuple(account))
        .map(rows -> rows.rowCount() == 1)
        .recover(StoreErrors::recover);
  }

  /** Creates the account with its audit entry; false (nothing written) when the user name was taken. */
  public Future<Boolean> create(Account account, AuditLog.Entry audit) {
    return pool.withTransaction(tx -> tx.preparedQuery(INSERT_IF_ABSENT).execute(tuple(account))
            .compose(rows -> rows.rowCount() == 1 ? AuditLog.write(tx, audit).map(true) : Future.succeededFuture(false)))
        .recover(StoreErrors::recover);
  }

  public Future<Boolean> hasAdmin() {
    return pool.query(COUNT_ADMINS).execute()
        .map(rows -> rows.iterator().next().getLong(0) > 0)
        .recover(StoreErrors::recover);
  }

  /** Accounts whose name contains {@code search} (or whose role it is), by name. */
  public Future<Page> list(String search, int limit, int offset) {
    return pool.preparedQuery(COUNT).execute(Tuple.of(search))
        .compose(count -> pool.preparedQuery(LIST).execute(Tuple.of(search, limit, offset)).map(rows -> {
          List<AccountInfo> out = new ArrayList<>();
          rows.forEach(r -> out.add(info(r)));
          return new Page(out, count.iterator().next().getLong(0));
        }))
        .recover(StoreErrors::recover);
  }

  public Future<Optional<AccountInfo>> info(String username) {
    return pool.preparedQuery(ONE).execute(Tuple.of(username))
        .map(rows -> rows.size() == 0 ? Optional.<AccountInfo>empty() : Optional.of(info(rows.iterator().next())))
        .recover(StoreErrors::recover);
  }

  /**
   * Disables or enables the account; the account as it was, empty when there is none. Disabling
   * ends its tokens for good: enabling it again does not bring them back.
   */
  public Future<Optional<AccountInfo>> setDisabled(String username, boolean disabled,
                                                   Function<AccountInfo, AuditLog.Entry> audit) {
    return change(username, SET_DISABLED, Tuple.of(username, disabled), audit);
  }

  /** A new password: the account's older tokens stop working. */
  public Future<Optional<AccountInfo>> setPassword(String username, String passwordHash,
                                                   Function<AccountInfo, AuditLog.Entry> audit) {
    return change(username, SET_PASSWORD, Tuple.of(username, passwordHash), audit);
  }

  /** Another role or other stations: the account's older tokens (which carry the old ones) stop working. */
  public Future<Optional<AccountInfo>> setRole(String username, String role, List<String> stationIds,
                                               Function<AccountInfo, AuditLog.Entry> audit) {
    return change(username, SET_ROLE, Tuple.of(username, role, stationIds.toArray(new String[0])), audit);
  }

  /** Every account's barrier, for the node's {@code AccountGate}. */
  public Future<Map<String, Barrier>> barriers() {
    return pool.query(BARRIERS).execute().map(rows -> {
      Map<String, Barrier> out = new HashMap<>();
      rows.forEach(r -> {
        out.put(r.getString("username"), new Barrier(r.getBoolean("disabled"), r.getInteger("token_generation")));
      });
      return out;
    }).recover(StoreErrors::recover);
  }

  /**
   * One change of one account, with its audit entry, bumping the accounts' version so every node
   * follows. Refused ({@link LastAdmin}) when it would leave no enabled admin: nobody could then
   * administer the county, and a restart would not make a new admin while the account exists.
   */
  private Future<Optional<AccountInfo>> change(String username, String sql, Tuple args,
                                               Function<AccountInfo, AuditLog.Entry> audit) {
    return pool.withTransaction(tx -> tx.query(LOCK_ADMINS).execute()
        .compose(admins -> tx.preparedQuery(ONE_FOR_UPDATE).execute(Tuple.of(username)))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(Optional.<AccountInfo>empty());
          }
          AccountInfo before = info(rows.iterator().next());
          return tx.preparedQuery(sql).execute(args)
              .compose(v -> tx.query(COUNT_ENABLED_ADMINS).execute())
              .compose(count -> count.iterator().next().getLong(0) == 0 ? Future.failedFuture(new LastAdmin(username))
                  : AuditLog.write(tx, audit.apply(before)))
              .compose(v -> Versions.bump(tx, Versions.ACCOUNTS))
              .map(v -> Optional.of(before));
        })).recover(StoreErrors::recover);
  }

  /** A change refused because it would leave the county without an enabled admin account; nothing changed. */
  public static final class LastAdmin extends RuntimeException implements Refusal {
    LastAdmin(String username) {
      super("'" + username + "' is the last enabled admin account: make another admin first", null, false, false);
    }
  }

  private static Tuple tuple(Account account) {
    return Tuple.of(account.username(), account.passwordHash(), account.role(),
        account.stationIds().toArray(new String[0]));
  }

  private static AccountInfo info(Row r) {
    OffsetDateTime disabled = r.getOffsetDateTime("disabled_at");
    return new AccountInfo(r.getString("username"), r.getString("role"), Arrays.asList(r.getArrayOfStrings("station_ids")),
        r.getOffsetDateTime("created_at").toInstant().toEpochMilli(),
        disabled == null ? null : disabled.toInstant().toEpochMilli());
  }
}
