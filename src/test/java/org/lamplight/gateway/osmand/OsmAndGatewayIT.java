package org.lamplight.gateway.osmand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lamplight.Await.await;
import static org.lamplight.gateway.GatewayFixtures.LAT;
import static org.lamplight.gateway.GatewayFixtures.LON;
import static org.lamplight.gateway.GatewayFixtures.counter;
import static org.lamplight.gateway.GatewayFixtures.hasPositionAt;
import static org.lamplight.gateway.GatewayFixtures.trackSize;
import static org.lamplight.gateway.GatewayFixtures.unit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.sql.Connection;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.TestDatabase;
import org.lamplight.TestNode;
import org.lamplight.TestSecrets;
import org.lamplight.auth.SecretHash;
import org.lamplight.config.Keys;

/** Traccar Client / OsmAnd requests in both of Traccar Client's formats, as the apps send them. */
class OsmAndGatewayIT {

  static TestNode node;
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(Map.of(Keys.INGEST_DEVICE_RATE, 1.0, Keys.INGEST_DEVICE_BURST, 3));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static HttpResponse<String> post(String query, String contentType, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + node.node().gateway().osmandPort() + "/" + query));
    if (body == null) {
      b.POST(HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void theQueryFormatOfTraccarClientMovesTheUnit() throws Exception {
    String secret = node.issueSecret("dev-aux-0031");
    long ts = System.currentTimeMillis() / 1000;
    // Traccar Client for Android: id, timestamp, lat, lon, speed (knots), bearing, altitude, accuracy, batt
    var r = post("?key=" + enc(secret) + "&id=dev-aux-0031&timestamp=" + ts + "&lat=" + LAT + "&lon=" + LON
        + "&speed=10.0&bearing=90.0&altitude=50.0&accuracy=12.0&batt=80.0", null, null);
    assertThat(r.statusCode()).isEqualTo(200);
    await().until(() -> hasPositionAt(node, "aux-0031", ts * 1000));
    assertThat(unit(node, "aux-0031").getJsonObject("position").getDouble("spd")).isCloseTo(5.144, org.assertj.core.data.Offset.offset(0.01));
    await().until(() -> trackSize(node, "aux-0031") == 1);
  }

  @Test
  void theJsonFormatOfTraccarClient9MovesTheUnit() throws Exception {
    String secret = node.issueSecret("dev-aux-0032");
    Instant at = Instant.ofEpochMilli(System.currentTimeMillis() / 1000 * 1000);
    String body = "{\"location\":{\"timestamp\":\"" + at + "\",\"coords\":{\"latitude\":" + LAT + ",\"longitude\":" + LON
        + ",\"accuracy\":9.5,\"speed\":3.2,\"heading\":180,\"altitude\":44},\"is_moving\":true,\"odometer\":1200,"
        + "\"event\":\"motionchange\",\"battery\":{\"level\":0.55,\"is_charging\":false},\"activity\":{\"type\":\"walking\"}},"
        + "\"device_id\":\"dev-aux-0032\"}";
    var r = post("?key=" + enc(secret), "application/json", body);
    assertThat(r.statusCode()).isEqualTo(200);
    await().until(() -> hasPositionAt(node, "aux-0032", at.toEpochMilli()));
    assertThat(unit(node, "aux-0032").getJsonObject("position").getDouble("batt")).isCloseTo(55.0, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void withoutAKeyOrWithAWrongOneNothingIsStored() throws Exception {
    node.issueSecret("dev-aux-0033");
    long ts = System.currentTimeMillis() / 1000;
    String fix = "id=dev-aux-0033&timestamp=" + ts + "&lat=" + LAT + "&lon=" + LON;
    var none = post("?" + fix, null, null);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.body()).contains("\"error\":\"bad_credentials\"");
    assertThat(post("?key=wrong&" + fix, null, null).statusCode()).isEqualTo(401);
    assertThat(unit(node, "aux-0033").getValue("position")).isNull();
    assertThat(trackSize(node, "aux-0033")).isZero();
  }

  @Test
  void anUnknownDeviceIs404() throws Exception {
    var r = post("?key=x&id=dev-nobody&lat=" + LAT + "&lon=" + LON, null, null);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("unknown_device");
  }

  /**
   * A device stored but not yet held by this node (created through another node) makes it load the
   * stored county first. While that load cannot reach the database the device is not unknown: the
   * answer is 503, as when its key cannot be checked, and nothing is counted against the device.
   */
  @Test
  void aDeviceThatCannotBeLookedUpForAnOutageIs503NotUnknown() throws Exception {
    String secret = TestSecrets.register("the device secret of dev-aux-0040-b", "outage-secret-0040");
    TestDatabase.execute("postgres", null, "insert into devices (id, unit_id, secret_hash) values ('dev-aux-0040-b',"
        + " 'aux-0040', '" + SecretHash.hash(secret, 1000) + "')");
    String fix = "?key=" + enc(secret) + "&id=dev-aux-0040-b&lat=" + LAT + "&lon=" + LON;
    try (Connection c = TestDatabase.connect("postgres")) {
      double unknown = counter(node, "lamplight_device_messages_rejected_total", "reason", "unknown_device");
      c.setAutoCommit(false);
      // the stored county's version cannot be read until pg.deadline has passed
      c.createStatement().execute("lock table versions in access exclusive mode");
      var r = post(fix, null, null);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
      assertThat(new JsonObject(r.body()).getString("error")).isEqualTo("database_unavailable");
      c.rollback();
      assertThat(counter(node, "lamplight_device_messages_rejected_total", "reason", "unknown_device")).isEqualTo(unknown);
      // the county, read again, does not have it
      assertThat(post(fix, null, null).statusCode()).isEqualTo(404);
    } finally {
      TestDatabase.execute("postgres", null, "delete from devices where id = 'dev-aux-0040-b'");
    }
  }

  @Test
  void aMalformedRequestIs400WithAReason() throws Exception {
    var r = post("?key=x&id=dev-aux-0034&lat=north&lon=" + LON, null, null);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("\"error\"").contains("\"message\"");
    var json = post("?key=x", "application/json", "{\"location\":");
    assertThat(json.statusCode()).isEqualTo(400);
  }

  /** Dates that parse but lie beyond what epoch milliseconds can hold are refused like any other bad time. */
  @Test
  void aTimestampBeyondEpochMillisecondsIs400WrongTypeAndCounted() throws Exception {
    double before = counter(node, "lamplight_device_messages_rejected_total", "reason", "wrong_type");
    for (String at : new String[] {"+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z"}) {
      var query = post("?key=x&id=dev-aux-0039&timestamp=" + enc(at) + "&lat=" + LAT + "&lon=" + LON, null, null);
      assertThat(query.statusCode()).as(query.body()).isEqualTo(400);
      assertThat(new JsonObject(query.body()).getString("error")).isEqualTo("wrong_type");
      var json = post("?key=x", "application/json", "{\"device_id\":\"dev-aux-0039\",\"location\":{\"timestamp\":\""
          + at + "\",\"coords\":{\"latitude\":" + LAT + ",\"longitude\":" + LON + "}}}");
      assertThat(json.statusCode()).as(json.body()).isEqualTo(400);
      assertThat(new JsonObject(json.body()).getString("error")).isEqualTo("wrong_type");
    }
    assertThat(counter(node, "lamplight_device_messages_rejected_total", "reason", "wrong_type")).isEqualTo(before + 4);
  }

  @Test
  void aFormPostWorksLikeTheQuery() throws Exception {
    String secret = node.issueSecret("dev-aux-0035");
    long ts = System.currentTimeMillis() / 1000;
    var r = post("", "application/x-www-form-urlencoded", "key=" + enc(secret) + "&id=dev-aux-0035&timestamp=" + ts
        + "&lat=" + LAT + "&lon=" + LON);
    assertThat(r.statusCode()).isEqualTo(200);
    await().until(() -> hasPositionAt(node, "aux-0035", ts * 1000));
  }

  /** Sends {@code head} (and {@code body}) on a raw socket and returns everything the server sends until it closes. */
  private static String raw(String head, byte[] body) throws Exception {
    try (Socket socket = new Socket("localhost", node.node().gateway().osmandPort())) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      if (body != null) {
        out.write(body);
      }
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static int status(String response) {
    return Integer.parseInt(response.substring(9, 12));
  }

  private static JsonObject jsonBody(String response) {
    return new JsonObject(response.substring(response.indexOf("\r\n\r\n") + 4));
  }

  @Test
  void aBadPercentEncodingIs400WithAJsonErrorAndTheKeyIsNeverLogged() throws Exception {
    String secret = node.issueSecret("dev-aux-0036");
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level level = root.getLevel();
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    root.addAppender(log);
    root.setLevel(Level.DEBUG);
    try {
      String query = "/?key=" + secret + "&id=dev-aux-0036&lat=%zz&lon=" + LON;
      String plain = raw("GET " + query + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", null);
      assertThat(status(plain)).isEqualTo(400);
      assertThat(jsonBody(plain).getString("error")).isEqualTo("malformed_request");
      assertThat(jsonBody(plain).getString("message")).isNotBlank();

      byte[] json = "{\"device_id\":\"dev-aux-0036\"}".getBytes(StandardCharsets.UTF_8);
      String withJson = raw("POST " + query + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
          + "Content-Type: application/json\r\nContent-Length: " + json.length + "\r\n\r\n", json);
      assertThat(status(withJson)).isEqualTo(400);
      assertThat(jsonBody(withJson).getString("error")).isEqualTo("malformed_request");

      byte[] form = ("key=" + secret + "&id=dev-aux-0036&lat=%zz&lon=1").getBytes(StandardCharsets.UTF_8);
      String badForm = raw("POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
          + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length + "\r\n\r\n", form);
      assertThat(status(badForm)).isEqualTo(400);
      assertThat(jsonBody(badForm).getString("error")).isEqualTo("malformed_request");
    } finally {
      root.detachAppender(log);
      root.setLevel(level);
    }
    assertThat(log.list).extracting(e -> e.getFormattedMessage()
        + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy())))
        .noneMatch(line -> line.contains(secret));
    assertThat(unit(node, "aux-0036").getValue("position")).isNull();
  }

  @Test
  void aJsonBodyThatDoesNotDecodeIs400() throws Exception {
    for (String body : new String[] {"[]", "{\"location\":", "\u0000", "{\"device_id\":\"dev-aux-0037\",\"location\":"
        + "{\"timestamp\":\"2024-01-01T00:00:00Z\",\"coords\":{\"latitude\":1e999,\"longitude\":1}}}"}) {
      var r = post("?key=x", "application/json", body);
      assertThat(r.statusCode()).as(body).isEqualTo(400);
      assertThat(new JsonObject(r.body()).getString("error")).isNotBlank();
    }
    var invalidUtf8 = raw("POST /?key=x HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\n"
        + "Content-Length: 3\r\n\r\n", new byte[] {'{', (byte) 0xC3, '}'});
    assertThat(status(invalidUtf8)).isEqualTo(400);
  }

  @Test
  void requestsThatAreNotHttpGetAJsonError() throws Exception {
    String garbage = raw("HELLO\u0001 THERE\r\n\r\n", null);
    assertThat(status(garbage)).isEqualTo(400);
    assertThat(jsonBody(garbage).getString("error")).isEqualTo("malformed_request");
    String longLine = raw("GET /?pad=" + "x".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n", null);
    assertThat(status(longLine)).isEqualTo(414);
    assertThat(jsonBody(longLine).getString("error")).isEqualTo("malformed_request");
  }

  @Test
  void aBodyDeclaredTooLargeIsRefusedBeforeItIsSent() throws Exception {
    // only the head goes out: the answer must not wait for 300 MB
    String r = raw("POST /?key=x HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Content-Length: 300000000\r\n\r\n", null);
    assertThat(status(r)).isEqualTo(413);
    assertThat(jsonBody(r).getString("error")).isEqualTo("payload_too_large");
  }

  /**
   * The client sends its whole body before it reads: were the rest left unread, the close would reset
   * the connection, and the reset could destroy the 413 before the client read it.
   */
  @Test
  void aChunkedBodyIsCutOffAtTheLimit() throws Exception {
    StringBuilder chunks = new StringBuilder();
    String chunk = "a".repeat(4096);
    for (int i = 0; i < 64; i++) {
      chunks.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
    }
    chunks.append("0\r\n\r\n");
    for (int attempt = 0; attempt < 5; attempt++) {
      String r = raw("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n", chunks.toString().getBytes(StandardCharsets.US_ASCII));
      assertThat(status(r)).isEqualTo(413);
      assertThat(jsonBody(r).getString("error")).isEqualTo("payload_too_large");
    }
  }

  @Test
  void aBodyDeclaredAndSentTooLargeGetsItsAnswerWhole() throws Exception {
    byte[] body = "a".repeat(256 * 1024).getBytes(StandardCharsets.US_ASCII);
    for (int attempt = 0; attempt < 5; attempt++) {
      String r = raw("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
          + "Content-Length: " + body.length + "\r\n\r\n", body);
      assertThat(status(r)).isEqualTo(413);
      assertThat(jsonBody(r).getString("error")).isEqualTo("payload_too_large");
    }
  }

  @Test
  void aDeviceOverItsRateIsAskedToComeBackLater() throws Exception {
    String secret = node.issueSecret("dev-aux-0038");
    long ts = System.currentTimeMillis() / 1000 - 100;
    int limited = 0;
    for (int i = 0; i < 8; i++) {
      var r = post("?key=" + enc(secret) + "&id=dev-aux-0038&timestamp=" + (ts + i) + "&lat=" + LAT + "&lon=" + LON, null, null);
      if (r.statusCode() == 429) {
        limited++;
        assertThat(new JsonObject(r.body()).getString("error")).isEqualTo("rate_limited");
        assertThat(r.headers().firstValue("retry-after")).isPresent();
      } else {
        assertThat(r.statusCode()).isEqualTo(200);
      }
    }
    // a burst of 3 at 1/s: eight requests cannot all pass in the time they take
    assertThat(limited).isPositive();
  }
}
