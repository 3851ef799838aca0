package org.lamplight;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A phone running Traccar Client: it reports positions over HTTP in the query-string format the
 * app sends, and can never be told anything.
 */
public final class TestTraccarClient {

  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final int port;
  private final String deviceId;
  private final String secret;

  public TestTraccarClient(int port, String deviceId, String secret) {
    this.port = port;
    this.deviceId = deviceId;
    this.secret = secret;
  }

  /** With a freshly issued secret. */
  public static TestTraccarClient of(TestNode node, String deviceId) {
    return new TestTraccarClient(node.node().gateway().osmandPort(), deviceId, node.issueSecret(deviceId));
  }

  /** Reports a position taken now; fails unless the server takes it. */
  public void at(double lat, double lon) throws Exception {
    String query = "?id=" + deviceId + "&key=" + URLEncoder.encode(secret, StandardCharsets.UTF_8)
        + "&timestamp=" + System.currentTimeMillis() / 1000 + "&lat=" + lat + "&lon=" + lon + "&accuracy=8.0&batt=70";
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/" + query))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("Traccar Client report refused: " + r.statusCode() + " " + r.body());
    }
  }
}
