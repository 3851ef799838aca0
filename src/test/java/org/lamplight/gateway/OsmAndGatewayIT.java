package org.lamplight.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lamplight.Await.await;
import static org.lamplight.gateway.GatewayFixtures.LAT;
import static org.lamplight.gateway.GatewayFixtures.LON;
import static org.lamplight.gateway.GatewayFixtures.hasPositionAt;
import static org.lamplight.gateway.GatewayFixtures.trackSize;
import static org.lamplight.gateway.GatewayFixtures.unit;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.TestNode;

/** Traccar Client / OsmAnd requests in both of Traccar Client's formats, as the apps send them. */
class OsmAndGatewayIT {

  static TestNode node;
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start();
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

  @Test
  void aMalformedRequestIs400WithAReason() throws Exception {
    var r = post("?key=x&id=dev-aux-0034&lat=north&lon=" + LON, null, null);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("\"error\"").contains("\"message\"");
    var json = post("?key=x", "application/json", "{\"location\":");
    assertThat(json.statusCode()).isEqualTo(400);
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
}
