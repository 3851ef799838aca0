package org.lamplight.sim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The few REST calls the simulator and the benchmarks make, as the admin account. */
public final class LamplightApi {

  /** A call the server refused or could not answer. */
  public static final class ApiException extends RuntimeException {
    public ApiException(String message) {
      super(message);
    }
  }

  private final URI base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private volatile String token;

  public LamplightApi(URI base) {
    this.base = base;
  }

  /** Logs in and keeps the bearer token for the calls that follow. */
  public LamplightApi login(String username, String password) {
    JsonObject r = new JsonObject(body("POST", "/api/login",
        new JsonObject().put("username", username).put("password", password)));
    token = r.getString("token");
    return this;
  }

  public String token() {
    return token;
  }

  public JsonArray units() {
    return new JsonArray(body("GET", "/api/units", null));
  }

  public JsonObject org() {
    return new JsonObject(body("GET", "/api/org", null));
  }

  public JsonObject basemap() {
    return new JsonObject(body("GET", "/api/basemap", null));
  }

  public int openIncidents() {
    return new JsonArray(body("GET", "/api/incidents?status=open", null)).size();
  }

  /** {@code POST /api/incidents}; completes with the incident once the server made it durable. */
  public CompletableFuture<JsonObject> createIncident(String type, int severity, double lat, double lon, String description) {
    JsonObject body = new JsonObject().put("type", type).put("severity", severity).put("lat", lat).put("lon", lon)
        .put("description", description);
    return call("POST", "/api/incidents", body).thenApply(r -> new JsonObject(r.body()));
  }

  /** {@code POST /api/incidents/{id}/{action}}, e.g. cancel. */
  public CompletableFuture<JsonObject> incidentAction(String incidentId, String action) {
    return call("POST", "/api/incidents/" + incidentId + "/" + action, new JsonObject())
        .thenApply(r -> new JsonObject(r.body()));
  }

  /** {@code GET} of a path answering a JSON object. */
  public JsonObject getObject(String path) {
    return new JsonObject(body("GET", path, null));
  }

  /** {@code GET} of a path answering a JSON array. */
  public JsonArray getArray(String path) {
    return new JsonArray(body("GET", path, null));
  }

  /** {@code POST} of a JSON object; completes with the answer, or fails with an {@link ApiException}. */
  public CompletableFuture<JsonObject> post(String path, JsonObject body) {
    return call("POST", path, body).thenApply(r -> new JsonObject(r.body()));
  }

  /** Plain text of an unauthenticated path such as {@code /metrics}. */
  public String text(String path) {
    return body("GET", path, null);
  }

  private String body(String method, String path, JsonObject body) {
    try {
      return call(method, path, body).join().body();
    } catch (CompletionException e) {
      throw e.getCause() instanceof ApiException api ? api : new ApiException(method + " " + path + ": " + e.getCause());
    }
  }

  private CompletableFuture<HttpResponse<String>> call(String method, String path, JsonObject body) {
    HttpRequest.Builder req = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()));
    if (body != null) {
      req.header("content-type", "application/json");
    }
    if (token != null) {
      req.header("authorization", "Bearer " + token);
    }
    return http.sendAsync(req.build(), HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
      if (r.statusCode() / 100 != 2) {
        throw new ApiException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
      }
      return r;
    });
  }
}
