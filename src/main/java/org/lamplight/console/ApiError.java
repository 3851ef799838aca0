package org.lamplight.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.lamplight.auth.AuthThrottle;

/**
 * A refused request: HTTP status, stable machine-readable code with its parameters, a message for
 * people, and maybe details.
 */
public final class ApiError extends RuntimeException {

  private final int status;
  private final String code;
  private final JsonObject details;
  private final Map<String, Object> params;
  private final long retryAfterSeconds;

  public ApiError(int status, String code, String message) {
    this(status, code, message, null, Map.of(), 0);
  }

  /** @param details more fields of the error body (e.g. {@code field}, {@code problems}); null for none */
  public ApiError(int status, String code, String message, JsonObject details) {
    this(status, code, message, details, Map.of(), 0);
  }

  /** @param params what a client needs to say it in its own words, with the code */
  public ApiError(int status, String code, String message, Map<String, Object> params) {
    this(status, code, message, null, params, 0);
  }

  private ApiError(int status, String code, String message, JsonObject details, Map<String, Object> params,
                   long retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.details = details;
    this.params = Map.copyOf(params);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public JsonObject details() {
    return details;
  }

  public Map<String, Object> params() {
    return params;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** Seconds for a {@code Retry-After} header; 0 for none. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /**
   * 429: too many failed logins of one {@code what} (account, device) or from one address; the
   * next is looked at after {@code waitMs}, said in whole seconds.
   */
  public static ApiError tooManyLogins(String what, long waitMs) {
    long seconds = AuthThrottle.retryAfterSeconds(waitMs);
    return new ApiError(429, "too_many_attempts", "too many failed logins for this " + what
        + " or from this address; try again in " + seconds + " s", null, Map.of(), seconds);
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
