package org.lamplight.console;

/** A refused request: HTTP status, stable machine-readable code, and a message for people. */
public final class ApiError extends RuntimeException {

  private final int status;
  private final String code;
  private final long retryAfterSeconds;

  public ApiError(int status, String code, String message) {
    this(status, code, message, 0);
  }

  private ApiError(int status, String code, String message, long retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
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

  /** 429: too many failed attempts; the next is looked at after {@code seconds}. */
  public static ApiError tooManyAttempts(String message, long seconds) {
    return new ApiError(429, "too_many_attempts", message, seconds);
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
