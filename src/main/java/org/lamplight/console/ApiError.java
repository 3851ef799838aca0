package org.lamplight.console;

import java.util.Map;

/** A refused request: HTTP status, stable machine-readable code with its parameters, and a message for people. */
public final class ApiError extends RuntimeException {

  private final int status;
  private final String code;
  private final Map<String, Object> params;

  public ApiError(int status, String code, String message) {
    this(status, code, message, Map.of());
  }

  /** @param params what a client needs to say it in its own words, with the code */
  public ApiError(int status, String code, String message, Map<String, Object> params) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.params = Map.copyOf(params);
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

  public static ApiError badRequest(String message) {
    return new ApiError(400, "bad_request", message);
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
