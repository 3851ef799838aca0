package org.lamplight.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A refused request: HTTP status, stable machine-readable code, a message for people, and maybe details. */
public final class ApiError extends RuntimeException {

  private final int status;
  private final String code;
  private final JsonObject details;

  public ApiError(int status, String code, String message) {
    this(status, code, message, null);
  }

  /** @param details more fields of the error body (e.g. {@code field}, {@code problems}); null for none */
  public ApiError(int status, String code, String message, JsonObject details) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.details = details;
  }

  public JsonObject details() {
    return details;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public static ApiError badRequest(String message) {
    return new ApiError(400, "bad_request", message);
  }

  /**
   * A value breaks a rule the contract cannot state (a county rule, an unknown station): 400
   * {@code invalid} naming the field, with every problem of the request.
   */
  public static ApiError invalid(String field, String message, JsonArray problems) {
    return new ApiError(400, "invalid", message, new JsonObject().put("field", field).put("problems", problems));
  }

  public static ApiError conflict(String message) {
    return new ApiError(409, "conflict", message);
  }

  public static ApiError notFound(String what) {
    return new ApiError(404, "not_found", what + " not found");
  }

  public static ApiError noSuchRoute(Object method, String path) {
    return new ApiError(404, "not_found", "no such API route: " + method + " " + path);
  }

  public static ApiError forbidden(String message) {
    return new ApiError(403, "forbidden", message);
  }

  public static ApiError unauthorized(String message) {
    return new ApiError(401, "unauthorized", message);
  }
}
