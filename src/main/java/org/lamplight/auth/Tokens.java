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

  public Tokens(Vertx vertx, String signingKey, long ttlMillis) {
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(signingKey)));
    this.ttlSeconds = Math.max(60, ttlMillis / 1000);
  }

  public JWTAuth provider() {
    return jwt;
  }

  public String issue(String username, String role, List<String> stationIds) {
    JsonObject claims = new JsonObject().put("sub", username).put("role", role).put("stations", new JsonArray(stationIds));
    return jwt.generateToken(claims, new JWTOptions().setExpiresInSeconds((int) ttlSeconds));
  }

  public long ttlSeconds() {
    return ttlSeconds;
  }

  public Future<Principal> verify(String token) {
    return jwt.authenticate(new TokenCredentials(token)).map(Principal::of);
  }

  /** Who is calling, as the API sees it. */
  public record Principal(String username, String role, List<String> stationIds) {

    public static Principal of(User user) {
      JsonObject p = user.principal();
      JsonArray stations = p.getJsonArray("stations", new JsonArray());
      return new Principal(p.getString("sub"), p.getString("role"), stations.stream().map(Object::toString).toList());
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
