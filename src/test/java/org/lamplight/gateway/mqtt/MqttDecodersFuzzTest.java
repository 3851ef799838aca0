package org.lamplight.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lamplight.gateway.Fuzz.assertUsable;
import static org.lamplight.gateway.Fuzz.decodedOrRefused;
import static org.lamplight.gateway.Fuzz.forAll;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.lamplight.domain.dispatch.IncidentType;
import org.lamplight.domain.dispatch.ReplyAction;
import org.lamplight.domain.tracking.DeviceIds;
import org.lamplight.domain.tracking.DeviceStatus;
import org.lamplight.gateway.Fuzz;

/** Every MQTT decoder, fed generated payloads: a value or a typed rejection, never anything else. */
class MqttDecodersFuzzTest {

  private static final int MAX_PAYLOAD = 4096;
  private static final List<String> POSITION = List.of("lat", "lon", "ts", "acc", "spd", "hdg", "alt", "batt");
  private static final List<String> OWNTRACKS = List.of("_type", "lat", "lon", "tst", "acc", "vel", "cog", "alt", "batt",
      "tid", "t");
  private static final List<String> STATUS = List.of("duty", "state", "batt");
  private static final List<String> EVENTS = List.of("type", "orderId", "action", "reason", "incident", "severity", "lat",
      "lon", "description");

  private final LamplightPositionDecoder positions = new LamplightPositionDecoder(MAX_PAYLOAD);
  private final OwnTracksDecoder ownTracks = new OwnTracksDecoder(MAX_PAYLOAD);
  private final StatusDecoder statuses = new StatusDecoder(MAX_PAYLOAD);
  private final DeviceEventDecoder events = new DeviceEventDecoder(MAX_PAYLOAD);

  private static Buffer anyPayload(Random r, List<String> fields) {
    return Buffer.buffer(r.nextInt(4) == 0 ? Fuzz.bytes(r) : Fuzz.json(r, fields));
  }

  @Test
  void positionsDecodeToUsableFixesOrATypedRejection() {
    forAll(r -> anyPayload(r, POSITION), payload -> {
      var fix = decodedOrRefused(() -> positions.decode("dev-aux-0001", payload));
      if (fix != null) {
        assertUsable(fix);
      }
    });
  }

  @Test
  void ownTracksMessagesDecodeToUsableFixesOrATypedRejection() {
    forAll(r -> anyPayload(r, OWNTRACKS), payload -> {
      OwnTracksMessage m = decodedOrRefused(() -> ownTracks.decode("dev-aux-0001", payload));
      if (m instanceof OwnTracksMessage.Location location) {
        assertUsable(location.fix());
      } else if (m instanceof OwnTracksMessage.Other other) {
        assertThat(other.type()).isNotNull();
      }
    });
  }

  @Test
  void statusesDecodeOrAreRejected() {
    forAll(r -> anyPayload(r, STATUS), payload -> {
      DeviceStatus status = decodedOrRefused(() -> statuses.decode(payload));
      if (status != null) {
        assertThat(Double.isInfinite(status.batteryPct())).isFalse();
      }
    });
  }

  @Test
  void eventsDecodeToTheirNormalFormOrAreRejected() {
    forAll(r -> anyPayload(r, EVENTS), payload -> {
      JsonObject event = decodedOrRefused(() -> events.decode(payload));
      if (event == null) {
        return;
      }
      if ("report".equals(event.getString("type"))) {
        assertThat(IncidentType.fromWire(event.getString("incident"))).isNotNull();
        assertThat(event.getInteger("severity")).isBetween(1, 3);
        assertThat(Math.abs(event.getDouble("lat"))).isLessThanOrEqualTo(90);
        assertThat(Math.abs(event.getDouble("lon"))).isLessThanOrEqualTo(180);
        assertThat(event.getString("description").length()).isLessThanOrEqualTo(1000);
      } else {
        assertThat(event.getString("orderId")).isNotNull();
        assertThat(ReplyAction.fromWire(event.getString("action"))).isNotNull();
        assertThat(event.getString("reason", "").length()).isLessThanOrEqualTo(1000);
      }
    });
  }

  @Test
  void topicsParseToADeviceTopicOrATypedRejection() {
    String[] levels = {"lamplight", "devices", "owntracks", "dev-aux-0001", "position", "status", "events", "orders",
        "cmd", "event", "info", "+", "#", "", "\u0000", "x".repeat(300), "\u4e2d", "dev aux", "..", "dev-aux-0001 "};
    forAll(r -> {
      StringBuilder topic = new StringBuilder();
      for (int i = r.nextInt(7); i >= 0; i--) {
        topic.append(r.nextInt(6) == 0 ? Fuzz.text(r) : levels[r.nextInt(levels.length)]).append(i > 0 ? "/" : "");
      }
      return topic.toString();
    }, topic -> {
      DeviceTopic parsed;
      try {
        parsed = DeviceTopic.parse(topic);
      } catch (InvalidTopicException refused) {
        assertThat(refused.reason()).isNotNull();
        return;
      }
      assertThat(DeviceIds.isValid(parsed.deviceId())).isTrue();
      assertThat(topic).startsWith(parsed.kind().name().startsWith("OWNTRACKS") ? "owntracks/" : "lamplight/devices/");
      DeviceTopic.isSubscriptionAllowed(parsed.deviceId(), topic);
      DeviceTopic.isSubscriptionAllowed(topic, topic);
    });
  }
}
