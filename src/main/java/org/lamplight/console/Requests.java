package org.lamplight.console;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.lamplight.auth.Tokens;
import org.lamplight.auth.Tokens.Principal;

/** Small helpers for reading requests and writing JSON responses, shared by the API routes. */
public final class Requests {

  private Requests() {
  }

  public static Principal principal(RoutingContext ctx) {
    return Principal.of(ctx.user());
  }

  /** The caller, who must be allowed to act (not a viewer). */
  public static Principal actor(RoutingContext ctx) {
    Principal p = principal(ctx);
    if (!p.canAct()) {
      throw ApiError.forbidden("account '" + p.username() + "' may only view");
    }
    return p;
  }

  public static JsonObject body(RoutingContext ctx) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      throw ApiError.badRequest("the body is not a JSON object");
    }
    if (body == null) {
      throw ApiError.badRequest("a JSON body is required");
    }
    return body;
  }

  public static String requiredString(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (!(v instanceof String s) || s.isBlank()) {
      throw ApiError.badRequest("'" + field + "' is required and must be a non-empty string");
    }
    return s;
  }

  public static double requiredNumber(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
      throw ApiError.badRequest("'" + field + "' is required and must be a number");
    }
    return n.doubleValue();
  }

  public static long queryLong(RoutingContext ctx, String name, long fallback) {
    String v = ctx.request().getParam(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("query parameter '" + name + "' must be epoch milliseconds");
    }
  }

  public static void json(RoutingContext ctx, int status, Object body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8")
        .end(body instanceof JsonObject o ? o.encode() : io.vertx.core.json.Json.encode(body));
  }
}
