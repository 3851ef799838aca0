package org.lamplight.gateway.osmand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.lamplight.domain.tracking.RejectionAssert.assertRejected;

import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lamplight.domain.tracking.FixSource;
import org.lamplight.domain.tracking.PositionFix;
import org.lamplight.domain.tracking.RejectReason;

class TraccarJsonDecoderTest {

  private static final double NONE = PositionFix.ABSENT;

  /** An Android phone standing still, as Traccar Client 9 posts it. */
  private static final String ANDROID_STILL = "{\"location\":{\"timestamp\":"
      + "\"2025-06-15T13:45:12.862Z\",\"coords\":{\"latitude\":37.4219983,\"longitude\":-122.084,"
      + "\"accuracy\":5,\"speed\":0,\"heading\":-1,\"altitude\":5},\"is_moving\":false,"
      + "\"odometer\":0,\"event\":\"motionchange\",\"battery\":{\"level\":1,"
      + "\"is_charging\":false},\"activity\":{\"type\":\"still\"},\"extras\":{},"
      + "\"_\":\"&id=48241179&lat=37.4219983&lon=-122.084&timestamp=2025-06-15T13:45:12.862Z&\"},"
      + "\"device_id\":\"48241179\"}";

  /** The iOS simulator: every unknown value is -1, and floor is null. */
  private static final String IOS_UNKNOWNS = "{\"location\":{\"extras\":{},\"mock\":true,"
      + "\"coords\":{\"speed_accuracy\":-1,\"speed\":-1,\"longitude\":-122.406417,"
      + "\"ellipsoidal_altitude\":0,\"floor\":null,\"heading_accuracy\":-1,"
      + "\"latitude\":37.785834000000001,\"accuracy\":5,\"altitude_accuracy\":-1,\"altitude\":0,"
      + "\"heading\":-1},\"is_moving\":false,\"age\":188,\"odometer\":0,"
      + "\"uuid\":\"2FB04C65-99CF-42AB-8DD3-EBCB4B108BF8\",\"event\":\"motionchange\","
      + "\"battery\":{\"level\":-1,\"is_charging\":false},\"activity\":{\"type\":\"unknown\","
      + "\"confidence\":100},\"timestamp\":\"2025-05-09T04:11:30.579Z\"},\"device_id\":\"658765\"}";

  /** A phone on the move. */
  private static final String MOVING = "{\"location\":{\"event\":\"motionchange\","
      + "\"is_moving\":false,\"uuid\":\"0e9a2473-a9a7-4c00-997b-fb97d2154e75\","
      + "\"timestamp\":\"2021-07-21T08:06:34.444Z\",\"odometer\":0,\"coords\":{"
      + "\"latitude\":-6.1148096,\"longitude\":106.6837015,\"accuracy\":3.8,\"speed\":18.67,"
      + "\"speed_accuracy\":0.26,\"heading\":63,\"heading_accuracy\":0.28,\"altitude\":35.7,"
      + "\"altitude_accuracy\":3.8},\"activity\":{\"type\":\"still\",\"confidence\":100},"
      + "\"battery\":{\"is_charging\":false,\"level\":0.79},\"extras\":{}},"
      + "\"device_id\":\"8737767034\"}";

  private final TraccarJsonDecoder decoder = new TraccarJsonDecoder(4096);

  @Test
  void decodesAnAndroidPhoneStandingStill() {
    OsmAndRequest request = decode(ANDROID_STILL);

    assertThat(request.deviceId()).isEqualTo("48241179");
    assertThat(request.key()).isNull();
    assertThat(request.fix()).isEqualTo(new PositionFix("48241179", 37.4219983, -122.084,
        Instant.parse("2025-06-15T13:45:12.862Z").toEpochMilli(), 5, 0, NONE, 5, 100,
        FixSource.TRACCAR_JSON));
  }

  @Test
  void treatsMinusOneAsUnknown() {
    PositionFix fix = decode(IOS_UNKNOWNS).fix();

    assertThat(fix).isEqualTo(new PositionFix("658765", 37.785834000000001, -122.406417,
        Instant.parse("2025-05-09T04:11:30.579Z").toEpochMilli(), 5, NONE, NONE, 0, NONE,
        FixSource.TRACCAR_JSON));
  }

  @Test
  void decodesAPhoneOnTheMove() {
    PositionFix fix = decode(MOVING).fix();

    assertThat(fix.lat()).isEqualTo(-6.1148096);
    assertThat(fix.lon()).isEqualTo(106.6837015);
    assertThat(fix.accuracyM()).isEqualTo(3.8);
    assertThat(fix.speedMps()).isEqualTo(18.67); // already m/s in this format
    assertThat(fix.headingDeg()).isEqualTo(63);
    assertThat(fix.altitudeM()).isEqualTo(35.7);
    assertThat(fix.batteryPct()).isCloseTo(79, within(1e-9));
    assertThat(fix.timestampMs())
        .isEqualTo(Instant.parse("2021-07-21T08:06:34.444Z").toEpochMilli());
  }

  @Test
  void readsOurTopLevelKey() {
    String body = "{\"key\":\"s3cr3t\",\"device_id\":\"dev-aux-0001\",\"location\":{"
        + "\"timestamp\":\"2025-06-15T13:45:12Z\",\"coords\":{\"latitude\":1,\"longitude\":2}}}";

    OsmAndRequest request = decode(body);

    assertThat(request.key()).isEqualTo("s3cr3t");
    assertThat(request.fix()).isEqualTo(new PositionFix("dev-aux-0001", 1, 2,
        Instant.parse("2025-06-15T13:45:12Z").toEpochMilli(), NONE, NONE, NONE, NONE, NONE,
        FixSource.TRACCAR_JSON));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"location\":{\"timestamp\":\"2025-06-15T13:45:12Z\",\"coords\":{\"latitude\":1,"
          + "\"longitude\":2}}}",
      "{\"device_id\":\"d\"}",
      "{\"device_id\":\"d\",\"location\":{\"timestamp\":\"2025-06-15T13:45:12Z\"}}",
      "{\"device_id\":\"d\",\"location\":{\"coords\":{\"latitude\":1,\"longitude\":2}}}",
      "{\"device_id\":\"d\",\"location\":{\"timestamp\":\"2025-06-15T13:45:12Z\","
          + "\"coords\":{\"longitude\":2}}}",
      "{\"device_id\":\"d\",\"location\":{\"timestamp\":\"2025-06-15T13:45:12Z\","
          + "\"coords\":{\"latitude\":1,\"longitude\":null}}}"
  })
  void rejectsMissingFields(String body) {
    assertRejected(() -> decode(body), RejectReason.MISSING_FIELD);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"device_id\":48241179,\"location\":{}}",
      "{\"device_id\":\"d\",\"location\":[]}",
      "{\"device_id\":\"d\",\"location\":{\"timestamp\":1749995112,\"coords\":{\"latitude\":1,"
          + "\"longitude\":2}}}",
      "{\"device_id\":\"d\",\"location\":{\"timestamp\":\"last tuesday\",\"coords\":{"
          + "\"latitude\":1,\"longitude\":2}}}",
      "{\"device_id\":\"d\",\"location\":{\"timestamp\":\"2025-06-15T13:45:12Z\",\"coords\":{"
          + "\"latitude\":\"1\",\"longitude\":2}}}",
      "{\"device_id\":\"d\",\"location\":{\"timestamp\":\"2025-06-15T13:45:12Z\",\"coords\":{"
          + "\"latitude\":1,\"longitude\":2},\"battery\":0.5}}",
      "{\"device_id\":\"d\",\"key\":7,\"location\":{\"timestamp\":\"2025-06-15T13:45:12Z\","
          + "\"coords\":{\"latitude\":1,\"longitude\":2}}}"
  })
  void rejectsWrongTypes(String body) {
    assertRejected(() -> decode(body), RejectReason.WRONG_TYPE);
  }

  @Test
  void rejectsNanAndBadIds() {
    assertRejected(() -> decode("{\"device_id\":\"d\",\"location\":{\"timestamp\":"
        + "\"2025-06-15T13:45:12Z\",\"coords\":{\"latitude\":NaN,\"longitude\":2}}}"),
        RejectReason.NOT_A_NUMBER);
    assertRejected(() -> decode("{\"device_id\":\"my phone\",\"location\":{}}"),
        RejectReason.INVALID_VALUE);
  }

  @Test
  void rejectsMalformedAndOversizedBodies() {
    assertRejected(() -> decode("id=1&lat=2"), RejectReason.MALFORMED_JSON);
    assertRejected(() -> new TraccarJsonDecoder(256).decode(Buffer.buffer(ANDROID_STILL)),
        RejectReason.PAYLOAD_TOO_LARGE);
  }

  private OsmAndRequest decode(String body) {
    return decoder.decode(Buffer.buffer(body));
  }
}
