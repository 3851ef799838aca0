package org.lamplight.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.lamplight.auth.DeviceTokens.DeviceIdentity;
import org.lamplight.auth.Tokens.Principal;

/**
 * Small helpers for reading requests and writing JSON responses, shared by the API routes. What a
 * request must look like (fields, types, ranges) is checked against openapi.yaml before a handler
 * runs; handlers check only what the contract cannot say (who may act, rules across fields).
 */
public final class Requests {

  private Requests() {
  }

  /** Where the device a device token speaks for is kept on the request, once checked. */
  static final String DEVICE = "lamplight.device";

  public static Principal principal(RoutingContext ctx) {
    return Principal.of(ctx.user());
  }

  /** The device calling a {@code /device/} route, as its token said. */
  public static DeviceIdentity device(RoutingContext ctx) {
    return ctx.get(DEVICE);
  }

  /** The caller, who must be allowed to act (not a viewer). */
  public static Principal actor(RoutingContext ctx) {
    Principal p = principal(ctx);
    if (!p.canAct()) {
      throw ApiError.forbidden("account '" + p.username() + "' may only view");
    }
    return p;
  }

  /** The request's JSON object, already checked against the contract; empty when none was sent. */
  public static JsonObject body(RoutingContext ctx) {
    return ctx.body().isEmpty() ? new JsonObject() : ctx.body().asJsonObject();
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
    encoded(ctx, status, body instanceof JsonObject o ? o.toBuffer() : io.vertx.core.json.Json.encodeToBuffer(body));
  }

  /** Sends JSON encoded already, e.g. a large answer encoded off the event loop. */
  public static void encoded(RoutingContext ctx, int status, Buffer json) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8").end(json);
  }
}
