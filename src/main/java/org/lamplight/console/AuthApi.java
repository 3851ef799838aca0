package org.lamplight.console;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.lamplight.auth.Tokens;
import org.lamplight.auth.SecretHash;
import org.lamplight.store.AccountRepository;
import org.lamplight.store.AccountRepository.Account;

/** {@code POST /api/login}; accounts and device secrets are administration's ({@code org.lamplight.admin}). */
public final class AuthApi implements ApiRoutes {

  /**
   * Verifies against this when the user does not exist, so timing does not reveal user names.
   * A holder class, so the costly hash is made on the first login's worker thread, not at class
   * load on an event loop.
   */
  private static final class DummyHash {
    static final String VALUE = SecretHash.hash("not a password", SecretHash.PASSWORD_ITERATIONS);
  }

  private final Vertx vertx;
  private final Tokens tokens;
  private final AccountRepository accounts;

  public AuthApi(Vertx vertx, Tokens tokens, AccountRepository accounts) {
    this.vertx = vertx;
    this.tokens = tokens;
    this.accounts = accounts;
  }

  /** Login is the one API route that needs no token. */
  @Override
  public void mountPublic(Router api) {
    api.post("/login").handler(this::login);
  }

  @Override
  public void mount(Router api) {
  }

  private void login(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    String username = body.getString("username");
    String password = body.getString("password");
    accounts.find(username)
        .compose(found -> vertx.executeBlocking(() -> {
          boolean ok = SecretHash.verify(password, found.map(Account::passwordHash).orElseGet(() -> DummyHash.VALUE));
          return ok ? found.orElse(null) : null;
        }))
        .onSuccess(account -> {
          if (account == null) {
            ctx.fail(ApiError.unauthorized("wrong user name or password"));
            return;
          }
          String token = tokens.issue(account.username(), account.role(), account.stationIds(), account.generation());
          Requests.json(ctx, 200, Views.login(token, tokens.ttlSeconds(), account.username(), account.role(),
              account.stationIds()));
        })
        .onFailure(ctx::fail);
  }
}
