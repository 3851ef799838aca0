package org.lamplight.admin;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.lamplight.console.ApiError;
import org.lamplight.console.ApiRoutes;
import org.lamplight.console.Requests;
import org.lamplight.console.Views;
import org.lamplight.store.AuditLog;

/**
 * {@code GET /api/audit?from=&to=&actor=&kind=&limit=&offset=} (admin): who changed what and
 * when, newest first; {@code from} and {@code to} are epoch milliseconds (default: everything up
 * to now), {@code kind} what the entry is about (area, station, office, workstation, person,
 * device, account, county, incident).
 */
final class AuditApi implements ApiRoutes {

  private final AuditLog audit;

  AuditApi(AuditLog audit) {
    this.audit = audit;
  }

  @Override
  public void mount(Router api) {
    api.get("/audit").handler(this::find);
  }

  private void find(RoutingContext ctx) {
    Admins.admin(ctx);
    long to = Requests.queryLong(ctx, "to", System.currentTimeMillis() + 1);
    long from = Requests.queryLong(ctx, "from", 0);
    if (from > to) {
      throw ApiError.badRequest("'from' must not be after 'to'");
    }
    int limit = Admins.limit(ctx);
    int offset = Admins.offset(ctx);
    audit.find(from, to, blankToNull(ctx.request().getParam("actor")), blankToNull(ctx.request().getParam("kind")),
            limit, offset)
        .onSuccess(page -> Requests.json(ctx, 200, Views.page(page.entries().stream().map(Views::auditEntry).toList(),
            page.total(), limit, offset)))
        .onFailure(ctx::fail);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
