package org.lamplight.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lamplight.Await.await;
import static org.lamplight.domain.tracking.RejectionAssert.assertRejected;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.TestUnits;
import org.lamplight.domain.alert.NewAlert;
import org.lamplight.domain.tracking.DeviceRateLimiter;
import org.lamplight.domain.tracking.FixSource;
import org.lamplight.domain.tracking.LiveUnits;
import org.lamplight.domain.tracking.RejectReason;
import org.lamplight.gateway.mqtt.DeviceTopic.Kind;
import org.lamplight.tracking.HistoryBuffer;
import org.lamplight.tracking.IngestMetrics;
import org.lamplight.tracking.LocalUpdates;
import org.lamplight.tracking.MicrometerIngestMetrics;
import org.lamplight.tracking.PositionPipeline;

/** The one path every device message takes, whichever transport brought it. */
class DeviceMessagesTest {

  private static Vertx vertx;

  private final LiveUnits units = TestUnits.live(List.of(TestUnits.auxiliary("aux-1", "W1", 33.8, 114.5),
      TestUnits.auxiliary("aux-2", "W2", 33.8, 114.5)));
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final IngestMetrics metrics = new MicrometerIngestMetrics(registry);
  private final PositionPipeline pipeline = new PositionPipeline(TestUnits.VALIDATOR, new DeviceRateLimiter(1, 2), units,
      new HistoryBuffer(100, 100, metrics), metrics, LocalUpdates.NONE);
  private final List<List<String>> photoLinks = new ArrayList<>();
  private final List<NewAlert> alerts = new CopyOnWriteArrayList<>();
  private final AtomicBoolean alertStoreDown = new AtomicBoolean();
  private final DeviceMessages messages = new DeviceMessages(pipeline, new Presence(vertx, units, 60_000, id -> false),
      new DeviceAlarms(alert -> {
        if (alertStoreDown.get()) {
          return Future.failedFuture(new IllegalStateException("database unavailable"));
        }
        alerts.add(alert);
        return Future.succeededFuture();
      }, units), vertx.eventBus(), (photo, device, incident) -> {
        photoLinks.add(List.of(photo, device, incident));
        return Future.succeededFuture(true);
      }, new DeviceRateLimiter(1, 3), 1024);

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  /** A connection of dev-aux-1 over a transport that carries the given kinds of topic. */
  private static final class Session implements DeviceSession {
    final Set<Kind> carried;
    String ownTracksDevice;

    Session(Set<Kind> carried) {
      this.carried = carried;
    }

    @Override
    public String deviceId() {
      return "dev-aux-1";
    }

    @Override
    public String unitId() {
      return "aux-1";
    }

    @Override
    public boolean carries(Kind kind) {
      return carried.contains(kind);
    }

    @Override
    public void ownTracksDevice(String name) {
      ownTracksDevice = name;
    }

    @Override
    public Context context() {
      return vertx.getOrCreateContext();
    }

    @Override
    public boolean ownedBy(Object owner) {
      return true;
    }

    @Override
    public void closeRefused(String reason) {
      throw new AssertionError("no connection is closed here");
    }
  }

  private final Session mqtt = new Session(EnumSet.allOf(Kind.class));
  private final Session web = new Session(EnumSet.of(Kind.POSITION, Kind.STATUS, Kind.EVENTS));

  private double rejected(RejectReason reason) {
    return registry.get("lamplight.device.messages.rejected").tag("reason", reason.code()).counter().count();
  }

  private static Buffer json(JsonObject o) {
    return o.toBuffer();
  }

  private static JsonObject fix(double lat) {
    return new JsonObject().put("lat", lat).put("lon", 114.5).put("ts", System.currentTimeMillis());
  }

  private final List<MessageConsumer<JsonObject>> listeners = new ArrayList<>();

  /** What is sent to {@code address} until the test ends; what asks for an answer is answered as stored. */
  private List<JsonObject> listen(String address) {
    List<JsonObject> heard = new CopyOnWriteArrayList<>();
    listeners.add(vertx.eventBus().<JsonObject>consumer(address, m -> {
      heard.add(m.body());
      m.reply(null);
    }));
    return heard;
  }

  @AfterEach
  void stopListening() {
    listeners.forEach(MessageConsumer::unregister);
  }

  @Test
  void aPositionOnTheSendersOwnTopicMovesItsUnit() {
    messages.route(web, "lamplight/devices/dev-aux-1/position", json(fix(33.81)));
    assertThat(units.unit("aux-1").orElseThrow().fix().lat()).isEqualTo(33.81);
    assertThat(units.unit("aux-1").orElseThrow().fix().source()).isEqualTo(FixSource.LAMPLIGHT);
  }

  @Test
  void anotherDevicesTopicAnOrdersTopicAndAnUnknownTopicAreNotAllowedAndCounted() {
    assertRejected(() -> messages.route(web, "lamplight/devices/dev-aux-2/position", json(fix(33.81))),
        RejectReason.TOPIC_NOT_ALLOWED);
    assertRejected(() -> messages.route(mqtt, "lamplight/devices/dev-aux-1/orders", json(new JsonObject())),
        RejectReason.TOPIC_NOT_ALLOWED);
    assertRejected(() -> messages.route(mqtt, "lamplight/devices/dev-aux-1/#", json(new JsonObject())),
        RejectReason.TOPIC_NOT_ALLOWED);
    assertRejected(() -> messages.route(mqtt, "elsewhere/dev-aux-1", json(new JsonObject())),
        RejectReason.TOPIC_NOT_ALLOWED);
    assertThat(rejected(RejectReason.TOPIC_NOT_ALLOWED)).isEqualTo(4);
    assertThat(units.unit("aux-2").orElseThrow().fix()).isNull();
  }

  @Test
  void aTopicItsTransportDoesNotCarryIsNotAllowed() {
    JsonObject location = new JsonObject().put("_type", "location").put("lat", 33.81).put("lon", 114.5)
        .put("tst", System.currentTimeMillis() / 1000);
    assertRejected(() -> messages.route(web, "owntracks/dev-aux-1/phone", json(location)), RejectReason.TOPIC_NOT_ALLOWED);
    assertThat(web.ownTracksDevice).isNull();
    messages.route(mqtt, "owntracks/dev-aux-1/phone", json(location));
    assertThat(mqtt.ownTracksDevice).isEqualTo("phone");
    assertThat(units.unit("aux-1").orElseThrow().fix().source()).isEqualTo(FixSource.OWNTRACKS);
  }

  @Test
  void aPayloadThatDoesNotDecodeIsCountedUnderItsReason() {
    assertRejected(() -> messages.route(web, "lamplight/devices/dev-aux-1/position", Buffer.buffer("{")),
        RejectReason.MALFORMED_JSON);
    assertRejected(() -> messages.route(web, "lamplight/devices/dev-aux-1/status",
        json(new JsonObject().put("duty", "maybe"))), RejectReason.INVALID_VALUE);
    assertRejected(() -> messages.route(web, "lamplight/devices/dev-aux-1/events",
        json(new JsonObject().put("pad", "x".repeat(2000)))), RejectReason.PAYLOAD_TOO_LARGE);
    assertThat(rejected(RejectReason.MALFORMED_JSON)).isEqualTo(1);
    assertThat(rejected(RejectReason.INVALID_VALUE)).isEqualTo(1);
    assertThat(rejected(RejectReason.PAYLOAD_TOO_LARGE)).isEqualTo(1);
  }

  @Test
  void theRateLimitHoldsForEveryTransportAlike() {
    long now = System.currentTimeMillis();
    messages.route(mqtt, "lamplight/devices/dev-aux-1/position", json(fix(33.81).put("ts", now - 2)));
    messages.route(web, "lamplight/devices/dev-aux-1/position", json(fix(33.8101).put("ts", now - 1)));
    assertRejected(() -> messages.route(web, "lamplight/devices/dev-aux-1/position", json(fix(33.8102).put("ts", now))),
        RejectReason.RATE_LIMITED);
  }

  @Test
  void statusAndEventsHaveABucketOfTheirOwnThatHoldsForEveryTransportAlike() {
    messages.route(mqtt, "lamplight/devices/dev-aux-1/status", json(new JsonObject().put("duty", "off")));
    messages.route(web, "lamplight/devices/dev-aux-1/events", json(new JsonObject().put("orderId", "o-1").put("action", "accept")));
    messages.route(mqtt, "lamplight/devices/dev-aux-1/status", json(new JsonObject().put("duty", "on")));
    JsonObject report = new JsonObject().put("type", "report").put("incident", "fire").put("severity", 2)
        .put("lat", 33.8).put("lon", 114.5);
    assertRejected(() -> messages.route(web, "lamplight/devices/dev-aux-1/events", json(report)), RejectReason.RATE_LIMITED);
    assertThat(rejected(RejectReason.RATE_LIMITED)).isEqualTo(1);
    messages.route(mqtt, "lamplight/devices/dev-aux-1/position", json(fix(33.81))); // fixes have a bucket of their own
  }

  @Test
  void dutyIsAppliedAndAnSosRaisesOneAlert() {
    messages.route(web, "lamplight/devices/dev-aux-1/status", json(new JsonObject().put("duty", "off")));
    assertThat(units.unit("aux-1").orElseThrow().onDuty()).isFalse();
    JsonObject sos = new JsonObject().put("duty", "on").put("state", "sos");
    messages.route(web, "lamplight/devices/dev-aux-1/status", json(sos));
    messages.route(web, "lamplight/devices/dev-aux-1/status", json(sos));
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).code()).isEqualTo("sos");
    assertThat(alerts.get(0).unitId()).isEqualTo("aux-1");
    assertThat(alerts.get(0).stationId()).isEqualTo("S1");
  }

  @Test
  void anSosWhoseAlertCouldNotBeStoredIsRaisedWhenTheDeviceReportsItAgain() {
    JsonObject sos = new JsonObject().put("duty", "on").put("state", "sos");
    alertStoreDown.set(true);
    messages.route(mqtt, "lamplight/devices/dev-aux-1/status", json(sos));
    assertThat(alerts).isEmpty();
    assertThat(units.unit("aux-1").orElseThrow().sos()).isTrue();
    alertStoreDown.set(false);
    messages.route(mqtt, "lamplight/devices/dev-aux-1/status", json(sos));
    messages.route(mqtt, "lamplight/devices/dev-aux-1/status", json(sos));
    assertThat(alerts).hasSize(1);
  }

  @Test
  void aReportSentTwiceWithItsClientIdNamesOneIncidentAndLinksItsPhoto() {
    List<JsonObject> events = listen(DeviceBus.EVENTS);
    JsonObject report = new JsonObject().put("type", "report").put("incident", "fire").put("severity", 2)
        .put("lat", 33.8).put("lon", 114.5).put("clientId", "c-17").put("photoId", "ph-1");
    messages.route(web, "lamplight/devices/dev-aux-1/events", json(report));
    messages.route(mqtt, "lamplight/devices/dev-aux-1/events", json(report));
    await().until(() -> events.size() == 2);
    String incidentId = ClientIds.of("report", "dev-aux-1", "c-17");
    assertThat(events).extracting(e -> e.getJsonObject("message").getString("incidentId")).containsOnly(incidentId);
    assertThat(events.get(0).getString("unitId")).isEqualTo("aux-1");
    assertThat(photoLinks).containsOnly(List.of("ph-1", "dev-aux-1", incidentId));
  }

  @Test
  void aReportWithoutAClientIdOpensAFreshIncidentEachTime() {
    List<JsonObject> events = listen(DeviceBus.EVENTS);
    JsonObject report = new JsonObject().put("type", "report").put("incident", "fire").put("severity", 2)
        .put("lat", 33.8).put("lon", 114.5);
    messages.route(web, "lamplight/devices/dev-aux-1/events", json(report));
    messages.route(web, "lamplight/devices/dev-aux-1/events", json(report));
    await().until(() -> events.size() == 2);
    assertThat(events.get(0).getJsonObject("message").getString("incidentId"))
        .isNotEqualTo(events.get(1).getJsonObject("message").getString("incidentId"));
    assertThat(photoLinks).isEmpty();
  }

  @Test
  void aReplyGoesToDispatchInNormalFormAndIsDoneOnlyOnceDispatchStoredItOrFailsAsRefused() {
    List<Message<JsonObject>> held = new CopyOnWriteArrayList<>();
    listeners.add(vertx.eventBus().<JsonObject>consumer(DeviceBus.EVENTS, held::add));
    Future<Void> done = messages.route(web, "lamplight/devices/dev-aux-1/events",
        json(new JsonObject().put("orderId", "o-1").put("action", "accept").put("extra", 1)));
    await().until(() -> held.size() == 1);
    assertThat(held.get(0).body().getJsonObject("message")).isEqualTo(new JsonObject().put("orderId", "o-1")
        .put("action", "accept"));
    assertThat(done.isComplete()).as("not acknowledged before dispatch answers").isFalse();
    held.get(0).reply(null);
    await().until(done::isComplete);
    assertThat(done.succeeded()).isTrue();

    Future<Void> refused = messages.route(mqtt, "lamplight/devices/dev-aux-1/events",
        json(new JsonObject().put("orderId", "o-2").put("action", "accept")));
    await().until(() -> held.size() == 2);
    held.get(1).fail(DeviceBus.REFUSED, "no open incident has order o-2");
    await().until(refused::isComplete);
    assertThat(refused.cause()).isInstanceOfSatisfying(ReplyException.class,
        e -> assertThat(e.failureCode()).isEqualTo(DeviceBus.REFUSED));
  }

  @Test
  void aLedgerEntryIsDoneOnlyOnceTheLedgerStoredItAndFailsAsRefusedWhenTheLedgerRefusedIt() {
    List<JsonObject> entries = new CopyOnWriteArrayList<>();
    MessageConsumer<JsonObject> ledger = vertx.eventBus().<JsonObject>consumer(DeviceBus.LEDGER, m -> {
      entries.add(m.body());
      if ("bad".equals(m.body().getJsonObject("message").getString("clientId"))) {
        m.fail(DeviceBus.REFUSED, "no such village");
      } else {
        m.reply(null);
      }
    });
    try {
      Future<Void> stored = messages.route(web, "lamplight/devices/dev-aux-1/events",
          json(new JsonObject().put("type", "ledger").put("kind", "fire_hazard").put("clientId", "l-1")));
      await().until(stored::isComplete);
      assertThat(stored.succeeded()).isTrue();
      assertThat(entries.get(0)).isEqualTo(new JsonObject().put("deviceId", "dev-aux-1").put("unitId", "aux-1")
          .put("message", new JsonObject().put("type", "ledger").put("kind", "fire_hazard").put("count", 1)
              .put("note", "").put("clientId", "l-1")));
      Future<Void> refused = messages.route(mqtt, "lamplight/devices/dev-aux-1/events",
          json(new JsonObject().put("type", "ledger").put("kind", "fire_hazard").put("clientId", "bad")));
      await().until(refused::isComplete);
      assertThat(refused.cause()).isInstanceOfSatisfying(ReplyException.class,
          e -> assertThat(e.failureCode()).isEqualTo(DeviceBus.REFUSED));
    } finally {
      ledger.unregister();
    }
  }
}
