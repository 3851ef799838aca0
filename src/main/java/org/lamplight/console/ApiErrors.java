package org.lamplight.console;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;
import org.lamplight.auth.DeviceTokens;
import org.lamplight.domain.dispatch.DispatchException;
import org.lamplight.gateway.web.FieldPhotos;
import org.lamplight.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures of HTTP requests become responses: a status and a JSON body
 * {@code {"error": code, "message": ..., "params": {...}}} (params only when the code has any).
 * Stack traces go to the log, never to the client.
 */
public final class ApiErrors {

  private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);
  static final ApiError UNSUPPORTED_MEDIA_TYPE = new ApiError(415, "unsupported_media_type",
      "send the body as JSON with Content-Type: application/json");

  private ApiErrors() {
  }

  public static void handle(RoutingContext ctx) {
    ApiError error = toApiError(ctx);
    if (ctx.failure() instanceof StoreException store && store.kind() == StoreException.Kind.UNAVAILABLE) {
      // one line each: an outage fails every request alike, and its stack trace says nothing
      LOG.warn("{} {} failed: {}", ctx.request().method(), ctx.request().path(), store.getMessage());
    } else if (error.status() >= 500) {
      LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
    }
    if (ctx.response().headWritten()) {
      ctx.request().connection().close();
      return;
    }
    if (error.retryAfterSeconds() > 0) {
      ctx.response().putHeader("Retry-After", Long.toString(error.retryAfterSeconds()));
    }
    ctx.response()
        .setStatusCode(error.status())
        .putHeader("content-type", "application/json; charset=utf-8")
        .end(body(error).encode());
  }

  public static JsonObject body(ApiError error) {
    JsonObject body = new JsonObject().put("error", error.code()).put("message", error.getMessage());
    JsonObject full = error.details() == null ? body : body.mergeIn(error.details());
    return error.params().isEmpty() ? full : full.put("params", new JsonObject(error.params()));
  }

  private static ApiError toApiError(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ApiError api) {
      return api;
    }
    if (failure instanceof StoreException store) {
      return switch (store.kind()) {
        case DUPLICATE -> new ApiError(409, "conflict", "already exists");
        case MISSING_REFERENCE -> new ApiError(409, "missing_reference", "refers to something that does not exist");
        case INVALID_DATA -> ApiError.badRequest("a value was refused: " + store.getMessage());
        case UNAVAILABLE -> new ApiError(503, "database_unavailable", "the database is unavailable; nothing was changed, try again");
      };
    }
    if (failure instanceof DispatchException refused) {
      int status = switch (refused.code()) {
        case INVALID_REQUEST -> 400;
        case UNKNOWN_INCIDENT, UNKNOWN_ORDER, UNKNOWN_UNIT -> 404;
        default -> 409;
      };
      return new ApiError(status, refused.code().wire(), refused.getMessage(), refused.params());
    }
    if (failure instanceof DeviceTokens.Refused refused) {
      return ApiError.unauthorized(refused.getMessage());
    }
    if (failure instanceof FieldPhotos.Refused photo) {
      return switch (photo.kind()) {
        case TOO_LARGE -> new ApiError(413, "payload_too_large", photo.getMessage());
        case NOT_AN_IMAGE -> new ApiError(415, "unsupported_media_type", photo.getMessage());
        case OVER_QUOTA -> new ApiError(429, "too_many_photos", photo.getMessage());
      };
    }
    if (failure instanceof ValidatorException invalid) {
      return invalid.type() == ValidatorErrorType.UNSUPPORTED_VALUE_FORMAT ? UNSUPPORTED_MEDIA_TYPE
          : ApiError.badRequest(ContractViolations.describe(invalid, ctx));
    }
    if (failure instanceof DecodeException) {
      return ApiError.badRequest("the body is not valid JSON");
    }
    if (failure instanceof HttpException http) {
      return fromStatus(http.getStatusCode());
    }
    if (failure == null) {
      return fromStatus(ctx.statusCode());
    }
    return new ApiError(500, "internal_error", "internal error; see the server log");
  }

  private static ApiError fromStatus(int status) {
    return switch (status) {
      case 401 -> ApiError.unauthorized("a valid bearer token is required (POST /api/login)");
      case 403 -> ApiError.forbidden("not allowed for this account");
      case 404 -> new ApiError(404, "not_found", "no such resource");
      case 405 -> new ApiError(405, "method_not_allowed", "method not allowed here");
      case 413 -> new ApiError(413, "payload_too_large", "the request body is too large");
      case 415 -> new ApiError(415, "unsupported_media_type", "send application/json");
      default -> status >= 400 && status < 500
          ? new ApiError(status, "bad_request", "the request was refused")
          : new ApiError(500, "internal_error", "internal error; see the server log");
    };
  }
}
