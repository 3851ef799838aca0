package org.lamplight.admin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import org.lamplight.auth.AuthModule;
import org.lamplight.auth.SecretHash;
import org.lamplight.auth.Tokens.Principal;
import org.lamplight.console.ApiError;
import org.lamplight.console.ApiRoutes;
import org.lamplight.console.Requests;
import org.lamplight.console.Views;
import org.lamplight.domain.org.CurrentCounty;
import org.lamplight.edge.ClientAddress;
import org.lamplight.store.AccountRepository;
import org.lamplight.store.AccountRepository.Account;
import org.lamplight.store.AccountRepository.AccountInfo;
import org.lamplight.store.AuditLog;

/**
 * Accounts: an admin lists, creates, changes the role of, disables and enables them and resets
 * their passwords; anyone changes their own password. A station account's stations must be the
 * county's. A change that takes tokens away (disabled, new password, other role) is in force on
 * every node before the answer ({@link AuthModule#accountsChanged}).
 */
final class AccountApi implements ApiRoutes {

  /** Counted with the console's logins: one throttle for guessing an account's password. */
  private static final String LISTENER = "http";

  private final Vertx vertx;
  private final AuthModule auth;
  private final AccountRepository accounts;
  private final CurrentCounty county;
  private final ClientAddress clients;

  AccountApi(Vertx vertx, AuthModule auth, CurrentCounty county, ClientAddress clients) {
    this.vertx = vertx;
    this.auth = auth;
    this.clients = clients;
    this.accounts = auth.accounts();
    this.county = county;
  }

  @Override
  public void mount(Router api) {
    api.get("/accounts").handler(this::list);
    api.post("/accounts").handler(this::create);
    api.get("/accounts/:username").handler(this::read);
    api.put("/accounts/:username").handler(this::setRole);
    api.post("/accounts/:username/disable").handler(ctx -> setDisabled(ctx, true));
    api.post("/accounts/:username/enable").handler(ctx -> setDisabled(ctx, false));
    api.post("/accounts/:username/password").handler(this::resetPassword);
    api.post("/account/password").handler(this::changeOwnPassword);
  }

  private void list(RoutingContext ctx) {
    Admins.admin(ctx);
    int limit = Admins.limit(ctx);
    int offset = Admins.offset(ctx);
    String q = ctx.request().getParam("q");
    accounts.list(q == null || q.isBlank() ? null : q.trim(), limit, offset)
        .onSuccess(page -> Requests.json(ctx, 200, Views.page(page.accounts().stream().map(Views::account).toList(),
            page.total(), limit, offset)))
        .onFailure(ctx::fail);
  }

  private void read(RoutingContext ctx) {
    Admins.admin(ctx);
    String username = ctx.pathParam("username");
    // an Optional is opened in map, not in onSuccess: a throw there would leave the request unanswered
    accounts.info(username)
        .map(found -> found.orElseThrow(() -> notFound(username)))
        .onSuccess(found -> Requests.json(ctx, 200, Views.account(found)))
        .onFailure(ctx::fail);
  }

  /** {username, password, role, stations}: a dispatcher, viewer or admin account. */
  private void create(RoutingContext ctx) {
    Principal who = Admins.admin(ctx);
    JsonObject body = Requests.body(ctx);
    String username = body.getString("username").trim();
    String role = body.getString("role");
    List<String> stations = stations(body, role);
    String password = body.getString("password");
    vertx.executeBlocking(() -> SecretHash.hash(password, SecretHash.PASSWORD_ITERATIONS))
        .compose(hash -> accounts.create(new Account(username, hash, role, stations), new AuditLog.Entry(who.username(),
            "account", "account.create", username, new JsonObject().put("role", role).put("stations", stations))))
        .onSuccess(created -> {
          if (!created) {
            ctx.fail(ApiError.conflict("account '" + username + "' exists"));
            return;
          }
          Requests.json(ctx, 201, new JsonObject().put("username", username).put("role", role).put("stations", stations));
        })
        .onFailure(ctx::fail);
  }

  /** {role, stations}: the account's older tokens (which carry the old ones) stop working. */
  private void setRole(RoutingContext ctx) {
    Principal who = Admins.admin(ctx);
    JsonObject body = Requests.body(ctx);
    String role = body.getString("role");
    List<String> stations = stations(body, role);
    String username = ctx.pathParam("username");
    if (username.equals(who.username()) && !"admin".equals(role)) {
      throw ApiError.conflict("an admin cannot take the admin role from their own account");
    }
    changed(ctx, username, accounts.setRole(username, role, stations, before -> new AuditLog.Entry(who.username(),
        "account", "account.update", username, new JsonObject().put("before", before.audited())
            .put("after", new JsonObject().put("role", role).put("stations", stations)))));
  }

  private void setDisabled(RoutingContext ctx, boolean disabled) {
    Principal who = Admins.admin(ctx);
    String username = ctx.pathParam("username");
    if (disabled && username.equals(who.username())) {
      throw ApiError.conflict("an admin cannot disable their own account");
    }
    changed(ctx, username, accounts.setDisabled(username, disabled, before -> new AuditLog.Entry(who.username(),
        "account", disabled ? "account.disable" : "account.enable", username, new JsonObject())));
  }

  /** {password}: an admin sets another password; the account's tokens stop working. */
  private void resetPassword(RoutingContext ctx) {
    Principal who = Admins.admin(ctx);
    String username = ctx.pathParam("username");
    String password = Requests.body(ctx).getString("password");
    hash(password).onSuccess(hash -> changed(ctx, username, accounts.setPassword(username, hash,
            before -> new AuditLog.Entry(who.username(), "account", "account.password.reset", username, new JsonObject()))))
        .onFailure(ctx::fail);
  }

  /**
   * {current, password}: anyone changes their own password. Their older tokens stop working; the
   * answer carries a new one, as a login does.
   */
  private void changeOwnPassword(RoutingContext ctx) {
    Principal who = Requests.principal(ctx);
    JsonObject body = Requests.body(ctx);
    String current = body.getString("current");
    String password = body.getString("password");
    // guessing the current password with a token in hand is throttled as guessing it at the login is
    String address = clients.of(ctx.request());
    long wait = auth.loginThrottle().waitMs(who.username(), address, LISTENER);
    if (wait > 0) {
      throw ApiError.tooManyLogins("account", wait);
    }
    accounts.find(who.username())
        .compose(found -> vertx.executeBlocking(() -> found.filter(a -> SecretHash.verify(current, a.passwordHash()))
            .map(a -> SecretHash.hash(password, SecretHash.PASSWORD_ITERATIONS))))
        .compose(hash -> {
          if (hash.isEmpty()) {
            auth.loginThrottle().failed(who.username(), address, LISTENER);
            return Future.failedFuture(ApiError.invalid("current", "the current password is wrong", new JsonArray()));
          }
          auth.loginThrottle().succeeded(who.username());
          return accounts.setPassword(who.username(), hash.get(), before -> new AuditLog.Entry(who.username(), "account",
                "account.password.change", who.username(), new JsonObject()));
        })
        .compose(changed -> auth.accountsChanged())
        .compose(v -> accounts.find(who.username()))
        .map(found -> found.orElseThrow(() -> notFound(who.username())))
        .onSuccess(a -> {
          String token = auth.tokens().issue(a.username(), a.role(), a.stationIds(), a.generation());
          Requests.json(ctx, 200, Views.login(token, auth.tokens().ttlSeconds(), a.username(), a.role(),
              a.stationIds()));
        })
        .onFailure(ctx::fail);
  }

  private Future<String> hash(String password) {
    return vertx.executeBlocking(() -> SecretHash.hash(password, SecretHash.PASSWORD_ITERATIONS));
  }

  /** Answers with the account as it is now, once every node holds the change. */
  private void changed(RoutingContext ctx, String username, Future<Optional<AccountInfo>> change) {
    change.recover(e -> Future.failedFuture(e instanceof AccountRepository.LastAdmin
            ? ApiError.conflict(e.getMessage()) : e))
        .compose(before -> before.isEmpty() ? Future.failedFuture(notFound(username))
            : auth.accountsChanged().compose(v -> accounts.info(username)))
        .map(now -> now.orElseThrow(() -> notFound(username)))
        .onSuccess(now -> Requests.json(ctx, 200, Views.account(now)))
        .onFailure(ctx::fail);
  }

  /** A station account needs stations, and every station given must be the county's. */
  private List<String> stations(JsonObject body, String role) {
    List<String> stations = body.getJsonArray("stations", new JsonArray()).stream().map(String::valueOf).toList();
    if ("station".equals(role) && stations.isEmpty()) {
      throw ApiError.invalid("stations", "a station dispatcher needs 'stations'", new JsonArray());
    }
    List<String> unknown = stations.stream().filter(s -> county.get().station(s).isEmpty()).toList();
    if (!unknown.isEmpty()) {
      throw ApiError.invalid("stations", "unknown station(s): " + String.join(", ", unknown), new JsonArray());
    }
    return stations;
  }

  private static ApiError notFound(String username) {
    return ApiError.notFound("account '" + username + "'");
  }
}
