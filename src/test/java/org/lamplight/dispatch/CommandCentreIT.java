package org.lamplight.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lamplight.Await.await;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.TestDatabase;
import org.lamplight.TestDevice;
import org.lamplight.TestNode;
import org.lamplight.config.Keys;

/**
 * What a county command centre must be able to trust, end to end with real devices (Paho over
 * MQTT, Traccar Client requests over HTTP) and a real console: incident numbers people can say
 * on the phone. Each test works in its own corner of the demo county, with units placed by
 * straight-line distance.
 */
class CommandCentreIT {

  static TestNode node;

  /** Long offers, so that nothing times out unless a test waits for it. */
  static final String PLANS = """
      plans:
        - type: traffic
          severity: 1
          units: 1
          notify_officer: false
          assign_officer: false
          offer_timeout_ms: 60000
          radius_m: 2000
          max_fix_age_ms: 600000
          levels: []
      """;

  @BeforeAll
  static void start() throws Exception {
    Path plans = Files.createTempFile("plans", ".yaml");
    Files.writeString(plans, PLANS);
    TestDatabase.resetRuntimeTables();
    node = TestNode.start(Map.of(Keys.DISPATCH_PLANS, plans.toString(), Keys.DISPATCH_ROAD_ENABLED, false));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static TestDevice device(String deviceId, double lat, double lon) throws Exception {
    TestDevice d = TestDevice.connect(node, deviceId);
    d.at(lat, lon);
    await().until(() -> {
      JsonObject u = node.get("/api/units/" + d.unitId()).bodyAsJsonObject();
      JsonObject p = u.getJsonObject("position");
      return u.getBoolean("online") && p != null && Math.abs(p.getDouble("lat") - lat) < 1e-9;
    });
    return d;
  }

  static JsonObject report(String type, int severity, double lat, double lon) {
    var r = node.post("/api/incidents", new JsonObject().put("type", type).put("severity", severity).put("lat", lat)
        .put("lon", lon).put("description", "command centre test"));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject();
  }

  static JsonObject incident(String idOrNumber) {
    return node.get("/api/incidents/" + idOrNumber).bodyAsJsonObject();
  }

  static List<JsonObject> incidents(String status) {
    return node.get("/api/incidents?status=" + status).bodyAsJsonArray().stream().map(JsonObject.class::cast).toList();
  }

  // ---- 7: incident numbers -----------------------------------------------------------------------

  @Test
  void incidentsGetNumbersPeopleCanSayOnThePhoneCountedPerDayInTheCountysTimeZone() throws Exception {
    double lat = 33.71;
    double lon = 114.66;
    String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).format(DateTimeFormatter.BASIC_ISO_DATE);
    try (TestDevice d = device("dev-aux-0401", lat + 0.002, lon)) {
      JsonObject first = report("traffic", 1, lat, lon);
      JsonObject second = report("other", 1, 33.97, 114.79);
      assertThat(first.getString("number")).matches(today + "-\\d{4}");
      int n = Integer.parseInt(first.getString("number").substring(9));
      assertThat(second.getString("number")).isEqualTo(today + "-" + String.format("%04d", n + 1));

      JsonObject offer = d.nextOrder("offer");
      assertThat(offer.getString("incidentNumber")).as("the device shows the number").isEqualTo(first.getString("number"));
      JsonObject byNumber = incident(first.getString("number"));
      assertThat(byNumber.getString("id")).isEqualTo(first.getString("id"));
      assertThat(byNumber.getJsonArray("timeline")).isNotEmpty();
      assertThat(incidents("open")).filteredOn(i -> i.getString("id").equals(second.getString("id")))
          .singleElement().satisfies(i -> assertThat(i.getString("number")).isEqualTo(second.getString("number")));
      assertThat(node.get("/api/incidents/" + today + "-9999").statusCode()).isEqualTo(404);
      for (JsonObject i : List.of(first, second)) {
        node.post("/api/incidents/" + i.getString("id") + "/cancel", new JsonObject());
      }
    }
  }
}
