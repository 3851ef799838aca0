package org.lamplight.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.util.List;

/** Issues and checks bearer tokens (HS256 JWT) carrying the account's role and station scope. */
public final class Tokens {

  private final JWTAuth jwt;
  private final long ttlSeconds;
  private final AccountGate gate;

  public Tokens(Vertx vertx, String signingKey, long ttlMillis, AccountGate gate) {
    this.gate = gate;
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(signingKey)));
    this.ttlSeconds = Math.max(60, ttlMillis / 1000);
  }

  public JWTAuth provider() {
    return jwt;
  }

  /** A token of the account as it is now: {@code generation} is its current token generation. */
  public String issue(String username, String role, List<String> stationIds, int generation) {
    JsonObject claims = new JsonObject().put("sub", username).put("role", role).put("stations", new JsonArray(stationIds))
        .put("gen", generation);
    return jwt.generateToken(claims, new JWTOptions().setExpiresInSeconds((int) ttlSeconds));
  }

  public long ttlSeconds() {
    return ttlSeconds;
  }

  /** The token's principal if its signature and expiry are good and the account still admits it. */
  public Future<Principal> verify(String token) {
    return jwt.authenticate(new TokenCredentials(token)).map(Principal::of)
        .compose(p -> admits(p) ? Future.succeededFuture(p) : Future.failedFuture("the token was revoked"));
  }

  /** Whether a token, good by signature and expiry, still stands ({@link AccountGate}). */
  public boolean admits(Principal p) {
    return gate.admits(p.username(), p.generation());
  }

  /**
   * Who is calling, as the API sees it.
   *
   * @param generation the account's token generation when the token was issued
   */
  public record Principal(String username, String role, List<String> stationIds, int generation) {

    public static Principal of(User user) {
      JsonObject p = user.principal();
      JsonArray stations = p.getJsonArray("stations", new JsonArray());
      return new Principal(p.getString("sub"), p.getString("role"), stations.stream().map(Object::toString).toList(),
          p.getInteger("gen", 0));
    }

    public boolean canAct() {
      return !"viewer".equals(role);
    }

    public boolean isAdmin() {
      return "admin".equals(role);
    }

    /** Every role but a station dispatcher's sees the whole county. */
    public boolean countyWide() {
      return !"station".equals(role);
    }

    /** County-wide roles see everything; a station dispatcher sees their stations only. */
    public boolean sees(String stationId) {
      return countyWide() || stationIds.contains(stationId);
    }
  }
}
