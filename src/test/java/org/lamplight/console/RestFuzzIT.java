package org.lamplight.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.TestNode;
import org.lamplight.gateway.Fuzz;

/**
 * Every operation of openapi.yaml called as an admin with bodies made from its schema and then
 * broken (wrong types, missing and unknown fields, huge numbers, NUL and control characters,
 * long strings, deep nesting, text that is not JSON), with path parameters of real and made-up
 * ids, query parameters and Idempotency-Keys of any shape. Nothing may be a 5xx: a bad request is
 * the client's error, never an outage or a crash; and the node stays healthy. Seeded:
 * {@code -Dlamplight.fuzz.seed=<seed>} replays a failing run.
 */
class RestFuzzIT {

  /** A path parameter the walk has no particular value for. */
  private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

  static final int TRIES_PER_OPERATION = 15;
  static final int BODY_LIMIT = 64 * 1024;
  static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
      "text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1");

  static TestNode node;
  static HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
      .build();
  static final List<String> created = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start();
  }

  @AfterAll
  static void stop() {
    created.forEach(id -> node.post("/api/incidents/" + id + "/cancel", new JsonObject()));
    node.close();
  }

  @Test
  void noBodyParameterOrHeaderGetsA5xxAndTheNodeStaysHealthy() throws Exception {
    JsonObject document = ApiContract.parse(io.vertx.core.buffer.Buffer.buffer(
        node.get("/api/openapi.yaml", null).bodyAsString()));
    SchemaBodies bodies = new SchemaBodies(document);
    String incident = node.post("/api/incidents", new JsonObject().put("type", "fire").put("severity", 1)
        .put("lat", 33.75).put("lon", 114.6)).bodyAsJsonObject().getString("id");
    created.add(incident);
    long seed = Fuzz.seed();
    Random r = new Random(seed);
    List<String> failures = new ArrayList<>();
    int sent = 0;
    for (ContractOperations.Operation op : ContractOperations.of(document)) {
      if (op.path().equals("/ws")) {
        continue; // a WebSocket; its upgrade is refused before any input is read
      }
      JsonObject schema = bodies.requestSchema(op.spec());
      for (int i = 0; i < TRIES_PER_OPERATION; i++) {
        String path = op.path().replace("{id}", enc(SchemaBodies.pathValue(incident, r)))
            .replace("{unitId}", enc(SchemaBodies.pathValue("aux-0001", r)))
            .replace("{deviceId}", enc(SchemaBodies.pathValue("fuzz-no-such-device", r)).replace("dev-", "fuzz-"))
            .transform(p -> PARAMETER.matcher(p).replaceAll(m -> Matcher.quoteReplacement(
                enc(SchemaBodies.pathValue("fuzz-" + m.group(1), r)))))
            + query(r);
        String body = null;
        if (schema != null) {
          Object valid = bodies.valid(schema, r);
          body = r.nextInt(4) == 0 ? ((JsonObject) valid).encode() : bodies.mutated(valid, r);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + node.httpPort() + path))
            .timeout(Duration.ofSeconds(30))
            .method(op.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (!op.isPublic() || r.nextBoolean()) {
          request.header("Authorization", "Bearer " + node.token());
        }
        if (body != null) {
          request.header("Content-Type", CONTENT_TYPES.get(r.nextInt(3) == 0 ? r.nextInt(CONTENT_TYPES.size()) : 0));
        }
        if (r.nextInt(4) == 0) {
          request.header("Idempotency-Key", r.nextBoolean() ? "fuzz-" + r.nextInt(20) : printable(Fuzz.text(r)));
        }
        HttpResponse<String> answer;
        try {
          answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
          if (body != null && body.getBytes(StandardCharsets.UTF_8).length > BODY_LIMIT) {
            continue; // answered 413 and closed while the client was still sending
          }
          throw new AssertionError(op.method() + " " + path + " got no answer with -Dlamplight.fuzz.seed=" + seed, e);
        }
        sent++;
        if (answer.statusCode() >= 500) {
          failures.add(op.method() + " " + path.substring(0, Math.min(path.length(), 120)) + " answered "
              + answer.statusCode() + " " + answer.body() + " to " + (body == null ? "no body"
              : body.substring(0, Math.min(body.length(), 300))));
        }
        if (answer.statusCode() == 201 && op.id().equals("createIncident")) {
          created.add(new JsonObject(answer.body()).getString("id"));
        }
      }
    }
    assertThat(failures).as("5xx answers with -Dlamplight.fuzz.seed=" + seed + " (" + sent + " requests)").isEmpty();
    assertThat(node.get("/health", null).statusCode()).isEqualTo(200);
    var fine = node.post("/api/incidents", new JsonObject().put("type", "other").put("severity", 1).put("lat", 33.76)
        .put("lon", 114.61));
    assertThat(fine.statusCode()).isEqualTo(201);
    created.add(fine.bodyAsJsonObject().getString("id"));
  }

  /** Query parameters of any shape, now and again. */
  private static String query(Random r) {
    if (r.nextInt(3) != 0) {
      return "";
    }
    String[] names = {"status", "station", "from", "to", "token"};
    String[] values = {"open", "all", "S01", "-9223372036854775808", "9223372036854775807", "1e308", "%00",
        "99999999999999999999", "", "nan"};
    return "?" + names[r.nextInt(names.length)] + "=" + (r.nextBoolean() ? values[r.nextInt(values.length)]
        : enc(Fuzz.text(r)));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Header values must be what HTTP can carry at all, or the client refuses to send them. */
  private static String printable(String s) {
    String kept = s.replaceAll("[^\\x20-\\x7e]", "");
    return kept.isBlank() ? "k" : kept.substring(0, Math.min(kept.length(), 400));
  }
}
