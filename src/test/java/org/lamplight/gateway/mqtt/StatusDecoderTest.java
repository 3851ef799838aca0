package org.lamplight.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lamplight.domain.tracking.RejectionAssert.assertRejected;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lamplight.domain.tracking.DeviceStatus;
import org.lamplight.domain.tracking.PositionFix;
import org.lamplight.domain.tracking.RejectReason;

class StatusDecoderTest {

  private static final double NONE = PositionFix.ABSENT;

  private final StatusDecoder decoder = new StatusDecoder(256);

  @Test
  void decodesDuty() {
    assertThat(decode("{\"duty\":\"on\"}")).isEqualTo(new DeviceStatus(true, false, NONE));
    assertThat(decode("{\"duty\":\"off\"}")).isEqualTo(new DeviceStatus(false, false, NONE));
  }

  @Test
  void decodesSosWithDutyAndBattery() {
    assertThat(decode("{\"duty\":\"on\",\"state\":\"sos\",\"batt\":41}"))
        .isEqualTo(new DeviceStatus(true, true, 41));
  }

  @Test
  void everyFieldIsOptional() {
    assertThat(decode("{\"state\":\"sos\"}")).isEqualTo(new DeviceStatus(null, true, NONE));
    assertThat(decode("{\"batt\":12.5}")).isEqualTo(new DeviceStatus(null, false, 12.5));
    assertThat(decode("{}")).isEqualTo(new DeviceStatus(null, false, NONE));
    assertThat(decode("{\"duty\":null,\"state\":null}"))
        .isEqualTo(new DeviceStatus(null, false, NONE));
  }

  @Test
  void ignoresUnknownFields() {
    assertThat(decode("{\"duty\":\"on\",\"app\":\"1.4.2\"}").onDuty()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"duty\":\"ON\"}", "{\"duty\":\"yes\"}", "{\"duty\":\"\"}",
      "{\"state\":\"SOS\"}", "{\"state\":\"alarm\"}", "{\"state\":\"ok\"}"})
  void rejectsUnknownValuesSoAMisspeltSosIsNoticed(String payload) {
    assertRejected(() -> decode(payload), RejectReason.INVALID_VALUE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"duty\":true}", "{\"state\":1}", "{\"batt\":\"41\"}"})
  void rejectsWrongTypes(String payload) {
    assertRejected(() -> decode(payload), RejectReason.WRONG_TYPE);
  }

  @Test
  void rejectsNanBatteryMalformedAndOversized() {
    assertRejected(() -> decode("{\"batt\":NaN}"), RejectReason.NOT_A_NUMBER);
    assertRejected(() -> decode("duty=on"), RejectReason.MALFORMED_JSON);
    assertRejected(() -> decode("{\"duty\":\"on\",\"x\":\"" + "x".repeat(256) + "\"}"),
        RejectReason.PAYLOAD_TOO_LARGE);
  }

  private DeviceStatus decode(String payload) {
    return decoder.decode(Buffer.buffer(payload));
  }
}
