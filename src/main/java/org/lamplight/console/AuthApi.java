package org.lamplight.console;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.lamplight.auth.AuthThrottle;
import org.lamplight.auth.Tokens;
import org.lamplight.auth.SecretHash;
import org.lamplight.edge.ClientAddress;
import org.lamplight.store.AccountRepository;
import org.lamplight.store.AccountRepository.Account;

/** {@code POST /api/login}; accounts and device secrets are administration's ({@code org.lamplight.admin}). */
public final class AuthApi implements ApiRoutes {

  private static final String LISTENER = "http";

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
  private final AuthThrottle throttle;
  private final ClientAddress clients;

  public AuthApi(Vertx vertx, Tokens tokens, AccountRepository accounts, AuthThrottle throttle, ClientAddress clients) {
    this.vertx = vertx;
    this.throttle = throttle;
    this.clients = clients;
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

  /**
   * After {@code auth.throttle.failures} wrong passwords for an account (or many more from one
   * address) the next attempt waits, 429 with Retry-After, and is not checked: no guessing, and no
   * slow hash to make the server compute.
   */
  private void login(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    String username = body.getString("username");
    String password = body.getString("password");
    String address = clients.of(ctx.request());
    long wait = throttle.waitMs(username, address, LISTENER);
    if (wait > 0) {
      throw ApiError.tooManyLogins("account", wait);
    }
    accounts.find(username)
        .compose(found -> vertx.executeBlocking(() -> {
          boolean ok = SecretHash.verify(password, found.map(Account::passwordHash).orElseGet(() -> DummyHash.VALUE));
          return ok ? found.orElse(null) : null;
        }))
        .onSuccess(account -> {
          if (account == null) {
            throttle.failed(username, address, LISTENER);
            ctx.fail(ApiError.unauthorized("wrong user name or password"));
            return;
          }
          throttle.succeeded(username);
          String token = tokens.issue(account.username(), account.role(), account.stationIds(), account.generation());
          Requests.json(ctx, 200, Views.login(token, tokens.ttlSeconds(), account.username(), account.role(),
              account.stationIds()));
        })
        .onFailure(ctx::fail);
  }
}
