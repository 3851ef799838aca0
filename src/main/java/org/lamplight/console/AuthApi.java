package org.lamplight.console;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.lamplight.auth.AuthThrottle;
import org.lamplight.auth.Tokens;
import org.lamplight.auth.SecretHash;
import org.lamplight.auth.Tokens.Principal;
import org.lamplight.domain.org.County;
import org.lamplight.domain.org.Station;
import org.lamplight.edge.ClientAddress;
import org.lamplight.store.AccountRepository;
import org.lamplight.store.AccountRepository.Account;
import org.lamplight.store.DeviceRepository;

/** {@code POST /api/login} and device secret issue. */
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
  private final DeviceRepository devices;
  private final int deviceHashIterations;
  private final County county;
  private final AuthThrottle throttle;
  private final ClientAddress clients;

  public AuthApi(Vertx vertx, Tokens tokens, AccountRepository accounts, DeviceRepository devices, int deviceHashIterations,
                 County county, AuthThrottle throttle, ClientAddress clients) {
    this.vertx = vertx;
    this.county = county;
    this.throttle = throttle;
    this.clients = clients;
    this.tokens = tokens;
    this.accounts = accounts;
    this.devices = devices;
    this.deviceHashIterations = deviceHashIterations;
  }

  /** Login is the one API route that needs no token. */
  @Override
  public void mountPublic(Router api) {
    api.post("/login").handler(this::login);
  }

  @Override
  public void mount(Router api) {
    api.post("/devices/:deviceId/secret").handler(this::issueSecret);
    api.post("/accounts").handler(this::createAccount);
  }

  /** Admin creates a dispatcher or viewer account: {username, password, role, stations}. */
  private void createAccount(RoutingContext ctx) {
    if (!Requests.principal(ctx).isAdmin()) {
      throw ApiError.forbidden("only an admin may create accounts");
    }
    JsonObject body = Requests.body(ctx);
    String username = body.getString("username");
    String password = body.getString("password");
    String role = body.getString("role");
    List<String> stations = body.getJsonArray("stations", new JsonArray()).stream().map(String::valueOf).toList();
    if ("station".equals(role) && stations.isEmpty()) {
      throw ApiError.badRequest("a station dispatcher needs 'stations'");
    }
    Set<String> known = county.stations().stream().map(Station::id).collect(Collectors.toSet());
    List<String> unknown = stations.stream().filter(s -> !known.contains(s)).toList();
    if (!unknown.isEmpty()) {
      throw ApiError.badRequest("'stations' names no station of the county: " + String.join(", ", unknown));
    }
    vertx.executeBlocking(() -> SecretHash.hash(password, SecretHash.PASSWORD_ITERATIONS))
        .compose(hash -> accounts.createIfAbsent(new Account(username, hash, role, stations)))
        .onSuccess(created -> {
          if (!created) {
            ctx.fail(new ApiError(409, "conflict", "account '" + username + "' exists"));
            return;
          }
          Requests.json(ctx, 201, new JsonObject().put("username", username).put("role", role).put("stations", stations));
        })
        .onFailure(ctx::fail);
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
      long seconds = AuthThrottle.retryAfterSeconds(wait);
      throw ApiError.tooManyAttempts("too many failed logins for this account or from this address; try again in "
          + seconds + " s", seconds);
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
          String token = tokens.issue(account.username(), account.role(), account.stationIds());
          Requests.json(ctx, 200, new JsonObject().put("token", token).put("tokenType", "Bearer")
              .put("expiresIn", tokens.ttlSeconds()).put("role", account.role())
              .put("stations", account.stationIds()).put("username", account.username()));
        })
        .onFailure(ctx::fail);
  }

  private void issueSecret(RoutingContext ctx) {
    Principal p = Requests.principal(ctx);
    if (!p.isAdmin()) {
      ctx.fail(ApiError.forbidden("only an admin may issue device secrets"));
      return;
    }
    String deviceId = ctx.pathParam("deviceId");
    String secret = SecretHash.randomSecret(18);
    vertx.executeBlocking(() -> SecretHash.hash(secret, deviceHashIterations))
        .compose(hash -> devices.replaceSecret(deviceId, hash))
        .compose(found -> found ? Future.succeededFuture() : Future.failedFuture(ApiError.notFound("device " + deviceId)))
        // The clear secret leaves the server once, in this response; only its hash is kept.
        .onSuccess(v -> Requests.json(ctx, 200, new JsonObject().put("deviceId", deviceId).put("secret", secret)))
        .onFailure(ctx::fail);
  }
}
