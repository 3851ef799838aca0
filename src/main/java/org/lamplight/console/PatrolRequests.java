package org.lamplight.console;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.lamplight.auth.Tokens.Principal;
import org.lamplight.domain.evaluation.EvaluationMonth;
import org.lamplight.domain.ledger.HazardException;
import org.lamplight.patrol.PatrolException;

/**
 * What the patrol and evaluation routes share: their refusals as API errors, dates from the query,
 * and who may enter the brigade's figures.
 */
final class PatrolRequests {

  private PatrolRequests() {
  }

  /** Runs a handler so that a refusal it throws is answered like one its futures fail with. */
  static Handler<RoutingContext> guarded(Handler<RoutingContext> handler) {
    return ctx -> {
      try {
        handler.handle(ctx);
      } catch (IllegalArgumentException e) {
        ctx.fail(ApiError.badRequest(e.getMessage())); // an unknown wire name in the request
      } catch (RuntimeException e) {
        fail(ctx, e);
      }
    };
  }

  static void fail(RoutingContext ctx, Throwable e) {
    ctx.fail(toApi(e));
  }

  static Throwable toApi(Throwable e) {
    if (e instanceof PatrolException p) {
      int status = switch (p.code()) {
        case INVALID_REQUEST -> 400;
        case NOT_FOUND -> 404;
        case FORBIDDEN -> 403;
        case CONFLICT -> 409;
      };
      return new ApiError(status, p.code().wire(), p.getMessage());
    }
    if (e instanceof HazardException h) {
      int status = switch (h.code()) {
        case INVALID_REQUEST -> 400;
        case UNKNOWN_HAZARD -> 404;
        case DUPLICATE_HAZARD, INVALID_TRANSITION -> 409;
      };
      return new ApiError(status, h.code().wire(), h.getMessage());
    }
    return e;
  }

  /** A date query parameter ({@code 2024-05-01}), or the fallback when absent. */
  static LocalDate date(RoutingContext ctx, String name, LocalDate fallback) {
    String v = ctx.request().getParam(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return LocalDate.parse(v.trim());
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest("query parameter '" + name + "' must be a date like 2024-05-01");
    }
  }

  /** The evaluation month of the {@code month} query parameter ({@code 2024-05}), or the one {@code today} falls in. */
  static EvaluationMonth month(RoutingContext ctx, int closingDay, LocalDate today) {
    String v = ctx.request().getParam("month");
    return v == null || v.isBlank() ? EvaluationMonth.containing(today, closingDay) : month(v, closingDay);
  }

  /** A month path or query value ({@code 2024-05}). */
  static EvaluationMonth month(String value, int closingDay) {
    try {
      return EvaluationMonth.parse(value.trim(), closingDay);
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest("the month must look like 2024-05, got '" + value + "'");
    }
  }

  /** The caller, who must act for the whole county (admin or county role): the brigade's work. */
  static Principal countyActor(RoutingContext ctx) {
    Principal p = Requests.actor(ctx);
    if (!p.isAdmin() && !"county".equals(p.role())) {
      throw ApiError.forbidden("only county-wide accounts (admin, county) may do this");
    }
    return p;
  }

  static Principal admin(RoutingContext ctx) {
    Principal p = Requests.actor(ctx);
    if (!p.isAdmin()) {
      throw ApiError.forbidden("only an admin may do this");
    }
    return p;
  }

  /** {@code json} (the default), {@code csv} or {@code xlsx}. */
  static String format(RoutingContext ctx) {
    return ctx.request().getParam("format", "json");
  }
}
