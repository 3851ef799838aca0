package org.lamplight.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.lamplight.domain.geo.GeoPoint;
import org.lamplight.domain.org.CountyGenerator;

/**
 * Reports incidents over the REST API as a careful client does: each incident gets its own
 * {@code Idempotency-Key}, and the same request is sent again after any failure (a 5xx, a
 * timeout, a refused or dropped connection) until it is answered 201. Records what the server
 * acknowledged, by the incident's description, so that it can be looked for in the database. The
 * description names the phase of the run the report was started in ({@link #phaseOf}).
 */
final class KeyedReporter {

  /** Text that makes this run's incidents findable in the database. */
  static final String PREFIX = "chaos ";

  private final Supplier<URI> api;
  private final Supplier<String> phase;
  private final String adminPassword;
  private final long pauseMs;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
  /** Valid reports the server refused (a 4xx): none may be. */
  private final Map<String, String> refused = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
  private final AtomicInteger started = new AtomicInteger();
  private final Map<String, AtomicInteger> startedByPhase = new ConcurrentHashMap<>();
  private final List<Thread> threads = new ArrayList<>();
  private final String run;
  private volatile boolean reporting = true;
  private volatile String token;

  /**
   * {@code threads} clients, each reporting one incident after another, {@code pauseMs} apart;
   * {@code phase} names (in one word) what the run is doing when a report starts.
   */
  KeyedReporter(Supplier<URI> api, Supplier<String> phase, String adminPassword, int threads, long pauseMs, String run) {
    this.api = api;
    this.phase = phase;
    this.adminPassword = adminPassword;
    this.pauseMs = pauseMs;
    this.run = run;
    for (int i = 0; i < threads; i++) {
      SplittableRandom random = new SplittableRandom(i);
      Thread t = new Thread(() -> loop(random), "reporter-" + i);
      t.setDaemon(true);
      this.threads.add(t);
    }
  }

  void start() {
    threads.forEach(Thread::start);
  }

  /** No new incident is started; those under way are retried until they are acknowledged. */
  void stopReporting() {
    reporting = false;
  }

  /** Waits until every incident started has been acknowledged; false if some still were not at the deadline. */
  boolean awaitSettled(Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    for (Thread t : threads) {
      t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
    }
    return threads.stream().noneMatch(Thread::isAlive);
  }

  /** Description of each acknowledged incident, to its id. */
  Map<String, String> acknowledged() {
    return Map.copyOf(acknowledged);
  }

  /** Valid reports the server refused, with its answer; there should be none. */
  Map<String, String> refused() {
    return Map.copyOf(refused);
  }

  int started() {
    return started.get();
  }

  /** Reports started in each phase. */
  Map<String, Integer> startedByPhase() {
    return snapshot(startedByPhase);
  }

  /** The phase a report was started in, from its description. */
  static String phaseOf(String description) {
    return description.split(" ")[2];
  }

  /** How the server answered, over every attempt: status, or what went wrong. */
  Map<String, Integer> answers() {
    return snapshot(answers);
  }

  private static Map<String, Integer> snapshot(Map<String, AtomicInteger> counters) {
    Map<String, Integer> out = new TreeMap<>();
    counters.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  private void loop(SplittableRandom random) {
    while (reporting) {
      int n = started.incrementAndGet();
      String now = phase.get();
      startedByPhase.computeIfAbsent(now, k -> new AtomicInteger()).incrementAndGet();
      GeoPoint at = CountyGenerator.point(random.nextDouble() * CountyGenerator.WIDTH_KM,
          random.nextDouble() * CountyGenerator.HEIGHT_KM);
      String description = PREFIX + run + " " + now + " #" + n;
      JsonObject body = new JsonObject().put("type", "other").put("severity", 1).put("lat", at.lat()).put("lon", at.lon())
          .put("description", description);
      report(UUID.randomUUID().toString(), description, body);
      pause(pauseMs);
    }
  }

  private void report(String key, String description, JsonObject body) {
    while (true) {
      String outcome;
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(api.get().resolve("/api/incidents"))
            .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + token()).header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
        outcome = String.valueOf(r.statusCode());
        if (r.statusCode() == 201) {
          count(outcome);
          acknowledged.put(description, new JsonObject(r.body()).getString("id"));
          return;
        }
        if (r.statusCode() == 401) {
          token = null;
        } else if (r.statusCode() < 500 && r.statusCode() != 429) {
          count(outcome);
          refused.put(description, r.statusCode() + " " + r.body());
          return;
        }
      } catch (IOException e) {
        outcome = "no answer (" + e.getClass().getSimpleName() + ")";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      count(outcome);
      pause(500);
    }
  }

  private String token() throws IOException, InterruptedException {
    String t = token;
    if (t == null) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(api.get().resolve("/api/login"))
          .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", "admin")
              .put("password", adminPassword).encode())).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IOException("login answered " + r.statusCode());
      }
      t = new JsonObject(r.body()).getString("token");
      token = t;
    }
    return t;
  }

  private void count(String outcome) {
    answers.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
