package org.lamplight.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lamplight.Await.await;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.TestDatabase;
import org.lamplight.TestDevice;
import org.lamplight.TestNode;
import org.lamplight.config.Keys;
import org.lamplight.gateway.ClientIds;

/**
 * Dispatch when the database does not answer a decision's write within {@code pg.deadline}: the
 * reporter gets 503, and what dispatch does next follows what was stored. A COMMIT still in flight
 * when the deadline passed may take effect: then the incident is driven as if the answer had come
 * (its offer reaches the unit, the unit's reply is applied). Work that ends after the deadline is
 * rolled back: then nothing is stored and the unit it had picked is free for the next incident.
 * The database's slowness is a trigger that sleeps, for one incident only.
 */
class UnconfirmedWriteIT {

  static TestNode node;
  static Path plans;

  @BeforeAll
  static void start() throws Exception {
    plans = Files.createTempFile("plans", ".yaml");
    Files.writeString(plans, DispatchIT.PLANS);
    node = TestNode.start(Map.of(Keys.DISPATCH_PLANS, plans.toString(), Keys.DISPATCH_ROAD_ENABLED, false,
        Keys.PG_DEADLINE, "3s"));
    TestDatabase.execute("postgres", null, "create or replace function lamplight_test_sleep() returns trigger"
        + " language plpgsql as $$ begin perform pg_sleep(6); return null; end $$");
  }

  @AfterAll
  static void stop() {
    node.close();
    TestDatabase.execute("postgres", null, "drop function if exists lamplight_test_sleep() cascade");
  }

  private static TestDevice device(String deviceId, double lat, double lon) throws Exception {
    TestDevice d = TestDevice.connect(node, deviceId);
    d.at(lat, lon);
    await().until(() -> {
      JsonObject p = node.get("/api/units/" + d.unitId()).bodyAsJsonObject().getJsonObject("position");
      return p != null && Math.abs(p.getDouble("lat") - lat) < 1e-9;
    });
    return d;
  }

  /** The database sleeps past the deadline on storing an incident so described. */
  private static void sleepOnInsert(String trigger, String description) {
    TestDatabase.execute("postgres", null, "create trigger " + trigger + " after insert on incidents"
        + " for each row when (new.description = '" + description + "') execute function lamplight_test_sleep()");
  }

  private static void dropTrigger(String trigger) {
    TestDatabase.execute("postgres", null, "drop trigger if exists " + trigger + " on incidents");
  }

  private static JsonObject report(double lat, double lon, String description) {
    return new JsonObject().put("type", "traffic").put("severity", 1).put("lat", lat).put("lon", lon)
        .put("description", description);
  }

  private static JsonObject stored(String description) {
    return node.get("/api/incidents?status=all").bodyAsJsonArray().stream().map(JsonObject.class::cast)
        .filter(i -> description.equals(i.getString("description"))).findFirst().orElse(null);
  }

  @Test
  void aCommitThatOutlivesTheDeadlineIsCarriedOutOnceTheDatabaseAnswers() throws Exception {
    double lat = 33.66;
    double lon = 114.52;
    String description = "slow commit";
    // a deferred trigger runs at COMMIT: the commit is in flight when the deadline passes
    TestDatabase.execute("postgres", null, "create constraint trigger lamplight_test_slow_commit after insert on incidents"
        + " deferrable initially deferred for each row when (new.description = '" + description + "')"
        + " execute function lamplight_test_sleep()");
    try (TestDevice unit = device("dev-aux-0121", lat + 0.002, lon)) {
      var r = node.post("/api/incidents", report(lat, lon, description));
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(503);
      await().until(() -> stored(description) != null);
      String id = stored(description).getString("id");

      JsonObject offer = unit.nextOrder("offer");
      assertThat(offer.getString("incidentId")).isEqualTo(id);
      unit.reply(offer, "accept");
      await().until(() -> "assigned".equals(node.get("/api/incidents/" + id).bodyAsJsonObject().getString("status")));
      assertThat(node.post("/api/incidents/" + id + "/resolve", new JsonObject()).statusCode()).isEqualTo(200);
    } finally {
      TestDatabase.execute("postgres", null, "drop trigger lamplight_test_slow_commit on incidents");
    }
  }

  @Test
  void workThatOutlivesTheDeadlineIsRolledBackAndFreesItsUnit() throws Exception {
    double lat = 33.66;
    double lon = 114.62;
    String description = "slow work";
    sleepOnInsert("lamplight_test_slow_work", description);
    try (TestDevice unit = device("dev-aux-0122", lat + 0.002, lon)) {
      var r = node.post("/api/incidents", report(lat, lon, description));
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(503);

      // the next incident nearby gets the unit the first one had picked
      var next = node.post("/api/incidents", report(lat, lon, "after the slow work"));
      assertThat(next.statusCode()).as(next.bodyAsString()).isEqualTo(201);
      JsonObject offer = unit.nextOrder("offer");
      assertThat(offer.getString("incidentId")).isEqualTo(next.bodyAsJsonObject().getString("id"));
      assertThat(stored(description)).isNull();
      assertThat(unit.orders()).isEmpty();
      node.post("/api/incidents/" + offer.getString("incidentId") + "/cancel", new JsonObject());
    } finally {
      dropTrigger("lamplight_test_slow_work");
    }
  }

  @Test
  void anOfferTimeoutTheDatabaseCouldNotStoreIsTriedAgainUntilItIs() throws Exception {
    double lat = 33.66;
    double lon = 114.72;
    // the first attempt to store a timed-out offer outlives the deadline; the sequence counts attempts across rollbacks
    TestDatabase.execute("postgres", null, "create sequence lamplight_test_attempts");
    TestDatabase.execute("postgres", null, "create function lamplight_test_sleep_once() returns trigger language plpgsql"
        + " as $$ begin if nextval('lamplight_test_attempts') = 1 then perform pg_sleep(6); end if; return null; end $$");
    TestDatabase.execute("postgres", null, "create trigger lamplight_test_slow_timeout after insert on incident_events"
        + " for each row when (new.kind = 'timed_out') execute function lamplight_test_sleep_once()");
    try (TestDevice unit = device("dev-aux-0123", lat + 0.002, lon)) {
      var r = node.post("/api/incidents", report(lat, lon, "a timeout stored late").put("type", "fire"));
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
      String id = r.bodyAsJsonObject().getString("id");
      unit.nextOrder("offer"); // and never answered: the offer times out after 1.5 s
      await().until(() -> node.get("/api/incidents/" + id).bodyAsJsonObject().getJsonArray("timeline").stream()
          .map(JsonObject.class::cast).anyMatch(e -> "timed_out".equals(e.getString("event"))));
      node.post("/api/incidents/" + id + "/cancel", new JsonObject());
    } finally {
      TestDatabase.execute("postgres", null, "drop trigger lamplight_test_slow_timeout on incident_events");
      TestDatabase.execute("postgres", null, "drop function lamplight_test_sleep_once()");
      TestDatabase.execute("postgres", null, "drop sequence lamplight_test_attempts");
    }
  }

  /**
   * A device's report is acknowledged only once its incident is stored: while the database cannot
   * store it the PUBACK is withheld and the connection closed, and the device sends it again on
   * reconnecting until it is acknowledged, opening the incident once.
   */
  @Test
  void aDeviceReportIsAcknowledgedOnlyOnceStoredAndOpensOneIncidentWhenSentAgainAfterAnOutage() throws Exception {
    double lat = 33.66;
    double lon = 114.82;
    String description = "a report during an outage";
    sleepOnInsert("lamplight_test_slow_report", description);
    JsonObject report = new JsonObject().put("type", "report").put("incident", "traffic").put("severity", 1)
        .put("lat", lat).put("lon", lon).put("description", description).put("clientId", "outage-1");
    String id = ClientIds.of("report", "dev-aux-0124", "outage-1");
    try (TestDevice reporter = device("dev-aux-0124", lat, lon)) {
      assertThatThrownBy(() -> reporter.event(report)).as("no PUBACK; the connection is closed")
          .isInstanceOf(MqttException.class);
      assertThat(node.get("/api/incidents/" + id).statusCode()).isEqualTo(404);

      dropTrigger("lamplight_test_slow_report");
      // as a device does: reconnect and send again until acknowledged (the first write is
      // settled before the incident's next event, refused as unavailable until then)
      await().until(() -> {
        try {
          reporter.reconnect(node);
          reporter.event(report);
          return true;
        } catch (MqttException e) {
          return false;
        }
      });
      var stored = node.get("/api/incidents/" + id);
      assertThat(stored.statusCode()).as("stored before acknowledged").isEqualTo(200);
      assertThat(stored.bodyAsJsonObject().getString("source")).isEqualTo("device");
      reporter.event(report); // once more, as after a PUBACK lost on the way
      try (Connection c = TestDatabase.connect("postgres"); ResultSet rs = c.createStatement().executeQuery(
          "select count(*) from incidents where description = '" + description + "'")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(1);
      }
      node.post("/api/incidents/" + id + "/cancel", new JsonObject());
    } finally {
      dropTrigger("lamplight_test_slow_report");
    }
  }
}
