package org.lamplight.admin;

import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import org.lamplight.auth.Tokens.Principal;
import org.lamplight.console.ApiError;
import org.lamplight.console.Requests;

/** What every administration route asks of its caller and request. */
final class Admins {

  /** Pages are at most this long. */
  static final int MAX_LIMIT = 500;
  static final int DEFAULT_LIMIT = 50;

  private Admins() {
  }

  /** The caller, who must be an admin. */
  static Principal admin(RoutingContext ctx) {
    Principal p = Requests.principal(ctx);
    if (!p.isAdmin()) {
      throw ApiError.forbidden("only an admin may do this");
    }
    return p;
  }

  static int limit(RoutingContext ctx) {
    return (int) Math.min(MAX_LIMIT, Math.max(1, Requests.queryLong(ctx, "limit", DEFAULT_LIMIT)));
  }

  /** Clamped before the cast: an offset past every page is an empty page, not a negative one. */
  static int offset(RoutingContext ctx) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(0, Requests.queryLong(ctx, "offset", 0)));
  }

  /**
   * The server as the caller reached it, {@code http://host:port}: the scheme and the Host header,
   * never the rest of the request line, which may hold what a URI cannot ({@code ?x=a|b}).
   */
  static String origin(RoutingContext ctx) {
    HostAndPort authority = ctx.request().authority();
    if (authority == null) {
      throw ApiError.badRequest("the request names no host (send a Host header); it is needed to name the server");
    }
    return ctx.request().scheme() + "://" + authority;
  }
}
