package org.lamplight.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.lamplight.domain.tracking.RejectionAssert.assertRejected;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.lamplight.domain.tracking.FixSource;
import org.lamplight.domain.tracking.PositionFix;
import org.lamplight.domain.tracking.RejectReason;

class OwnTracksDecoderTest {

  private static final double NONE = PositionFix.ABSENT;

  private final OwnTracksDecoder decoder = new OwnTracksDecoder(4096);

  @Test
  void decodesAMovingIosLocation() {
    // iOS in move mode with extended data: every optional field present.
    PositionFix fix = location("{\"_type\":\"location\",\"BSSID\":\"b0:f2:8:45:94:33\","
        + "\"SSID\":\"Station WLAN\",\"acc\":5,\"alt\":36,\"batt\":74,\"bs\":1,\"cog\":128,"
        + "\"conn\":\"m\",\"created_at\":1700000003,\"inregions\":[\"Station\"],"
        + "\"inrids\":[\"a1b2c3\"],\"lat\":52.370216,\"lon\":4.895168,\"m\":2,\"p\":101.2,"
        + "\"t\":\"t\",\"tid\":\"01\",\"tst\":1700000000,\"vac\":3,\"vel\":18}");

    assertThat(fix).isEqualTo(new PositionFix("dev-off-01", 52.370216, 4.895168, 1700000000000L,
        5, 5, 128, 36, 74, FixSource.OWNTRACKS));
  }

  @Test
  void decodesAStationaryAndroidPingWithZeroFieldsLeftOut() {
    // alt, cog, vac and vel are left out because they are zero (or unknown).
    PositionFix fix = location("{\"_type\":\"location\",\"acc\":16,\"batt\":100,\"bs\":3,"
        + "\"conn\":\"w\",\"created_at\":1700000061,\"lat\":52.370216,\"lon\":4.895168,\"m\":3,"
        + "\"t\":\"p\",\"tid\":\"01\",\"tst\":1700000055}");

    assertThat(fix).isEqualTo(new PositionFix("dev-off-01", 52.370216, 4.895168, 1700000055000L,
        16, NONE, NONE, NONE, 100, FixSource.OWNTRACKS));
  }

  @Test
  void decodesTheSmallestLocation() {
    PositionFix fix = location("{\"_type\":\"location\",\"lat\":-33.8688,\"lon\":151.2093,"
        + "\"tst\":1700000000}");

    assertThat(fix).isEqualTo(new PositionFix("dev-off-01", -33.8688, 151.2093, 1700000000000L,
        NONE, NONE, NONE, NONE, NONE, FixSource.OWNTRACKS));
  }

  @Test
  void keepsExplicitZerosSomeAndroidPhonesSend() {
    PositionFix fix = location("{\"_type\":\"location\",\"acc\":6,\"alt\":0,\"batt\":0,"
        + "\"lat\":53.4287,\"lon\":-2.2194,\"t\":\"u\",\"tid\":\"d\",\"tst\":1700000000,\"vac\":1,"
        + "\"vel\":0}");

    assertThat(fix.speedMps()).isZero();
    assertThat(fix.altitudeM()).isZero();
    assertThat(fix.batteryPct()).isZero();
  }

  @ParameterizedTest(name = "{0} km/h = {1} m/s")
  @CsvSource({"36, 10", "1, 0.277777", "130, 36.111111"})
  void convertsVelocityFromKilometresPerHour(int kmh, double mps) {
    PositionFix fix = location("{\"_type\":\"location\",\"lat\":1,\"lon\":2,\"tst\":1700000000,"
        + "\"vel\":" + kmh + "}");

    assertThat(fix.speedMps()).isCloseTo(mps, within(1e-6));
  }

  @Test
  void acceptsMillisecondsInTst() {
    assertThat(location("{\"_type\":\"location\",\"lat\":1,\"lon\":2,\"tst\":1700000000123}")
        .timestampMs()).isEqualTo(1700000000123L);
  }

  @Test
  void decodesTheLastWill() {
    assertThat(decode("{\"_type\":\"lwt\",\"tst\":1699990000}"))
        .isEqualTo(new OwnTracksMessage.Lwt(1699990000000L));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "transition|{\"_type\":\"transition\",\"wtst\":1699000000,\"lat\":52.37,\"lon\":4.89,"
          + "\"tst\":1700000000,\"acc\":10,\"tid\":\"01\",\"event\":\"enter\",\"desc\":\"Station\","
          + "\"t\":\"c\",\"rid\":\"a1b2c3\"}",
      "waypoint|{\"_type\":\"waypoint\",\"desc\":\"Station\",\"lat\":52.37,\"lon\":4.89,"
          + "\"rad\":50,\"tst\":1699000000,\"rid\":\"a1b2c3\"}",
      "card|{\"_type\":\"card\",\"name\":\"Officer 01\",\"face\":\"iVBORw0KGgo=\"}",
      "status|{\"_type\":\"status\",\"android\":{\"hib\":0,\"bo\":1,\"loc\":0,"
          + "\"ps\":0,\"wifi\":1}}",
      "cmd|{\"_type\":\"cmd\",\"action\":\"reportLocation\"}",
      "encrypted|{\"_type\":\"encrypted\",\"data\":\"c29tZSBjaXBoZXJ0ZXh0\"}",
      "steps|{\"_type\":\"steps\",\"steps\":120,\"from\":1699990000,\"to\":1700000000}"
  })
  void otherTypesAreIgnoredNotErrors(String type, String payload) {
    assertThat(decode(payload)).isEqualTo(new OwnTracksMessage.Other(type));
  }

  @Test
  void otherTypesAreNotCheckedFurther() {
    // A transition without the fields a location needs is still just "ignored".
    assertThat(decode("{\"_type\":\"transition\",\"lat\":\"x\"}"))
        .isEqualTo(new OwnTracksMessage.Other("transition"));
  }

  @Test
  void requiresAType() {
    assertRejected(() -> decode("{\"lat\":1,\"lon\":2,\"tst\":1700000000}"),
        RejectReason.MISSING_FIELD);
    assertRejected(() -> decode("{\"_type\":7}"), RejectReason.WRONG_TYPE);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"_type\":\"location\",\"lon\":2,\"tst\":1700000000}",
      "{\"_type\":\"location\",\"lat\":1,\"tst\":1700000000}",
      "{\"_type\":\"location\",\"lat\":1,\"lon\":2}",
      "{\"_type\":\"lwt\"}"
  })
  void requiresTheFieldsOfLocationAndLwt(String payload) {
    assertRejected(() -> decode(payload), RejectReason.MISSING_FIELD);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // The long-gone mqttitude app sent numbers as strings.
      "{\"_type\":\"location\",\"lat\":\"52.37\",\"lon\":\"4.89\",\"tst\":\"1376715317\"}",
      "{\"_type\":\"location\",\"lat\":1,\"lon\":2,\"tst\":1700000000,\"vel\":\"18\"}",
      "{\"_type\":\"location\",\"lat\":1,\"lon\":2,\"tst\":1700000000,\"batt\":true}"
  })
  void rejectsWrongTypes(String payload) {
    assertRejected(() -> decode(payload), RejectReason.WRONG_TYPE);
  }

  @Test
  void rejectsNan() {
    assertRejected(() -> decode("{\"_type\":\"location\",\"lat\":NaN,\"lon\":2,\"tst\":1}"),
        RejectReason.NOT_A_NUMBER);
  }

  @Test
  void rejectsMalformedAndOversizedPayloads() {
    assertRejected(() -> decode("{\"_type\":\"location\""), RejectReason.MALFORMED_JSON);
    assertRejected(() -> decode("{\"_type\":\"card\",\"face\":\"" + "A".repeat(5000) + "\"}"),
        RejectReason.PAYLOAD_TOO_LARGE);
  }

  private OwnTracksMessage decode(String payload) {
    return decoder.decode("dev-off-01", Buffer.buffer(payload));
  }

  private PositionFix location(String payload) {
    OwnTracksMessage message = decode(payload);
    assertThat(message).isInstanceOf(OwnTracksMessage.Location.class);
    return ((OwnTracksMessage.Location) message).fix();
  }
}
