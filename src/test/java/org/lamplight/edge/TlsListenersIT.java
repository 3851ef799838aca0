package org.lamplight.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lamplight.Await.await;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.TestCertificates;
import org.lamplight.TestNode;
import org.lamplight.TestSecrets;
import org.lamplight.config.ConfigException;
import org.lamplight.config.Keys;

/**
 * HTTPS for the console, the REST API and the WebSocket feed, and for the OsmAnd port, with the
 * certificate of tls.cert and tls.key (made here by openssl), reached by the JDK's HTTP client
 * trusting only that certificate. The plain ports stay open beside them.
 */
class TlsListenersIT {

  static TestNode node;
  static TestCertificates tls;
  static HttpClient https;

  @BeforeAll
  static void start() throws Exception {
    tls = TestCertificates.selfSigned();
    node = TestNode.start(Map.of(Keys.TLS_CERT, tls.cert().toString(), Keys.TLS_KEY, tls.key().toString(),
        Keys.HTTP_TLS_PORT, 0, Keys.MQTT_TLS_PORT, 0, Keys.OSMAND_TLS_PORT, 0));
    https = HttpClient.newBuilder().sslContext(tls.trustingIt()).version(HttpClient.Version.HTTP_1_1).build();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static String api() {
    return "https://localhost:" + node.node().console().httpsPort();
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return https.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String login() throws Exception {
    var r = send(HttpRequest.newBuilder(URI.create(api() + "/api/login")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", "admin")
            .put("password", TestNode.ADMIN_PASSWORD).encode())));
    assertThat(r.statusCode()).isEqualTo(200);
    return TestSecrets.register("a token over HTTPS", new JsonObject(r.body()).getString("token"));
  }

  @Test
  void theConsoleAndTheRestApiAnswerOverHttps() throws Exception {
    assertThat(send(HttpRequest.newBuilder(URI.create(api() + "/health"))).statusCode()).isEqualTo(200);
    assertThat(send(HttpRequest.newBuilder(URI.create(api() + "/"))).body()).contains("<html");
    String token = login();
    var units = send(HttpRequest.newBuilder(URI.create(api() + "/api/units")).header("Authorization", "Bearer " + token));
    assertThat(units.statusCode()).isEqualTo(200);
    assertThat(units.body()).contains("aux-0001");
    assertThat(node.get("/health", null).statusCode()).as("the plain port stays open").isEqualTo(200);
  }

  @Test
  void theFeedOpensOverWss() throws Exception {
    CompletableFuture<String> first = new CompletableFuture<>();
    StringBuilder text = new StringBuilder();
    WebSocket ws = https.newWebSocketBuilder().buildAsync(URI.create("wss://localhost:" + node.node().console().httpsPort()
        + "/ws?token=" + login()), new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
              first.complete(text.toString());
            }
            socket.request(1);
            return null;
          }
        }).get(20, TimeUnit.SECONDS);
    assertThat(new JsonObject(first.get(20, TimeUnit.SECONDS)).getString("type")).isEqualTo("snapshot");
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(20, TimeUnit.SECONDS);
  }

  @Test
  void traccarClientReportsOverHttps() throws Exception {
    String secret = node.issueSecret("dev-aux-0042");
    long ts = System.currentTimeMillis() / 1000;
    var r = send(HttpRequest.newBuilder(URI.create("https://localhost:" + node.node().gateway().osmandTlsPort()
        + "/?id=dev-aux-0042&key=" + secret + "&lat=33.81&lon=114.52&timestamp=" + ts)).POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(r.statusCode()).isEqualTo(200);
    await().until(() -> {
      JsonObject p = node.get("/api/units/aux-0042").bodyAsJsonObject().getJsonObject("position");
      return p != null && p.getLong("ts") == ts * 1000;
    });
  }

  @Test
  void aClientThatDoesNotTrustTheCertificateGetsNothing() {
    HttpClient stranger = HttpClient.newHttpClient();
    assertThatThrownBy(() -> stranger.send(HttpRequest.newBuilder(URI.create(api() + "/health")).build(),
        HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void plainHttpOnTheTlsPortGetsNoAnswerInClear() throws Exception {
    try (Socket socket = new Socket("localhost", node.node().console().httpsPort())) {
      socket.setSoTimeout(20_000);
      socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] answer;
      try {
        answer = socket.getInputStream().readAllBytes();
      } catch (IOException closed) {
        answer = new byte[0];
      }
      assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotContain("HTTP/1.1 200");
    }
  }

  @Test
  void aCertificateWithoutItsKeyStopsStartUpNamingBoth() {
    assertThatThrownBy(() -> TestNode.start(Map.of(Keys.TLS_CERT, tls.cert().toString(), Keys.HTTP_TLS_PORT, 0,
        Keys.MQTT_TLS_PORT, 0, Keys.OSMAND_TLS_PORT, 0)))
        .hasRootCauseInstanceOf(ConfigException.class)
        .rootCause().hasMessageContaining("tls.cert and tls.key go together");
  }
}
