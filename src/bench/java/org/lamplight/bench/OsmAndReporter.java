package org.lamplight.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Gives many devices a position the way Traccar Client does: one {@code POST /?id=…&lat=…} to the
 * OsmAnd endpoint per device, with its secret as {@code key}. A device that reported this way is
 * online and tracked until it has been silent for ten presence grace periods.
 */
final class OsmAndReporter {

  private static final int IN_FLIGHT = 32;

  private final URI endpoint;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  OsmAndReporter(int port) {
    this.endpoint = URI.create("http://127.0.0.1:" + port + "/");
  }

  /** Sends one report per device, at most {@value #IN_FLIGHT} at a time; fails on the first one refused. */
  void reportOnce(List<LoadGenerator.Device> devices) throws InterruptedException {
    Semaphore permits = new Semaphore(IN_FLIGHT);
    AtomicReference<String> refused = new AtomicReference<>();
    AtomicInteger done = new AtomicInteger();
    long nowS = System.currentTimeMillis() / 1000;
    for (LoadGenerator.Device d : devices) {
      if (refused.get() != null) {
        break;
      }
      permits.acquire();
      String query = String.format(Locale.ROOT, "?id=%s&lat=%.6f&lon=%.6f&timestamp=%d&key=%s",
          encode(d.clientId()), d.lat(), d.lon(), nowS, encode(d.password()));
      HttpRequest request = HttpRequest.newBuilder(endpoint.resolve(query)).timeout(Duration.ofSeconds(30))
          .POST(HttpRequest.BodyPublishers.noBody()).build();
      http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
        if (error != null) {
          refused.compareAndSet(null, d.clientId() + ": " + error);
        } else if (response.statusCode() != 200) {
          refused.compareAndSet(null, d.clientId() + ": HTTP " + response.statusCode() + " " + response.body());
        }
        done.incrementAndGet();
        permits.release();
      });
    }
    if (!permits.tryAcquire(IN_FLIGHT, 60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("OsmAnd reports still unanswered after 60 s (" + done.get() + " answered)");
    }
    if (refused.get() != null) {
      throw new IllegalStateException("an OsmAnd report was refused: " + refused.get());
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
