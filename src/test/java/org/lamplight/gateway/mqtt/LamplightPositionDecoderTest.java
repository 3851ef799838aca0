package org.lamplight.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lamplight.domain.tracking.RejectionAssert.assertRejected;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.lamplight.domain.tracking.FixSource;
import org.lamplight.domain.tracking.PositionFix;
import org.lamplight.domain.tracking.RejectReason;

class LamplightPositionDecoderTest {

  private static final double NONE = PositionFix.ABSENT;

  private final LamplightPositionDecoder decoder = new LamplightPositionDecoder(512);

  @Test
  void decodesAFullPing() {
    PositionFix fix = decode("{\"lat\":51.50142,\"lon\":-0.14189,\"ts\":1700000000123,"
        + "\"acc\":4.5,\"spd\":12.5,\"hdg\":270,\"alt\":31.2,\"batt\":76}");

    assertThat(fix).isEqualTo(new PositionFix("dev-aux-0001", 51.50142, -0.14189, 1700000000123L,
        4.5, 12.5, 270, 31.2, 76, FixSource.LAMPLIGHT));
  }

  @Test
  void optionalValuesAreAbsentWhenLeftOutOrNull() {
    PositionFix fix = decode("{\"lat\":51.5,\"lon\":-0.1,\"ts\":1700000000000,\"acc\":null}");

    assertThat(fix).isEqualTo(new PositionFix("dev-aux-0001", 51.5, -0.1, 1700000000000L,
        NONE, NONE, NONE, NONE, NONE, FixSource.LAMPLIGHT));
  }

  @Test
  void zeroIsAValueNotAbsence() {
    PositionFix fix =
        decode("{\"lat\":51.5,\"lon\":-0.1,\"ts\":1700000000000,\"spd\":0,\"hdg\":0}");

    assertThat(fix.speedMps()).isZero();
    assertThat(fix.headingDeg()).isZero();
  }

  @Test
  void acceptsEpochSeconds() {
    assertThat(decode("{\"lat\":51.5,\"lon\":-0.1,\"ts\":1700000000}").timestampMs())
        .isEqualTo(1_700_000_000_000L);
  }

  @Test
  void ignoresUnknownFields() {
    assertThat(decode("{\"lat\":51.5,\"lon\":-0.1,\"ts\":1700000000000,\"fw\":\"2.1\",\"x\":[1]}")
        .lat()).isEqualTo(51.5);
  }

  @Test
  void doesNotRangeCheckThatIsTheValidatorsJob() {
    assertThat(decode("{\"lat\":123,\"lon\":-0.1,\"ts\":1700000000000}").lat()).isEqualTo(123);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"lon\":-0.1,\"ts\":1700000000000}",
      "{\"lat\":51.5,\"ts\":1700000000000}",
      "{\"lat\":51.5,\"lon\":-0.1}",
      "{\"lat\":null,\"lon\":-0.1,\"ts\":1700000000000}",
      "{}"
  })
  void requiresLatLonAndTs(String payload) {
    assertRejected(() -> decode(payload), RejectReason.MISSING_FIELD);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"lat\":\"51.5\",\"lon\":-0.1,\"ts\":1700000000000}",
      "{\"lat\":51.5,\"lon\":-0.1,\"ts\":\"2023-11-14T22:13:20Z\"}",
      "{\"lat\":51.5,\"lon\":-0.1,\"ts\":1700000000000,\"batt\":\"76%\"}",
      "{\"lat\":51.5,\"lon\":-0.1,\"ts\":1700000000000,\"spd\":true}",
      "{\"lat\":[51.5],\"lon\":-0.1,\"ts\":1700000000000}"
  })
  void rejectsTextWhereANumberBelongs(String payload) {
    assertRejected(() -> decode(payload), RejectReason.WRONG_TYPE);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"lat\":NaN,\"lon\":-0.1,\"ts\":1700000000000}",
      "{\"lat\":51.5,\"lon\":Infinity,\"ts\":1700000000000}",
      "{\"lat\":51.5,\"lon\":-0.1,\"ts\":1700000000000,\"acc\":-Infinity}",
      "{\"lat\":51.5,\"lon\":-0.1,\"ts\":NaN}",
      "{\"lat\":1e999,\"lon\":-0.1,\"ts\":1700000000000}"
  })
  void rejectsNanAndInfinity(String payload) {
    assertRejected(() -> decode(payload), RejectReason.NOT_A_NUMBER);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "lat=51.5", "{\"lat\":51.5,", "[51.5,-0.1]", "null"})
  void rejectsMalformedJson(String payload) {
    assertRejected(() -> decode(payload), RejectReason.MALFORMED_JSON);
  }

  @Test
  void rejectsOversizedPayloads() {
    String big = "{\"lat\":51.5,\"lon\":-0.1,\"ts\":1700000000000,\"pad\":\""
        + "x".repeat(512) + "\"}";
    assertRejected(() -> decode(big), RejectReason.PAYLOAD_TOO_LARGE);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"lon\":-0.1,\"ts\":1}|MISSING_FIELD|lat is required",
      "{\"lat\":\"x\",\"lon\":-0.1,\"ts\":1}|WRONG_TYPE|lat must be a number, not a string",
      "{\"lat\":1,\"lon\":1,\"ts\":1,\"batt\":NaN}|NOT_A_NUMBER|batt is NaN"
  })
  void messagesNameTheField(String payload, RejectReason reason, String message) {
    assertThat(assertRejected(() -> decode(payload), reason)).hasMessage(message);
  }

  private PositionFix decode(String payload) {
    return decoder.decode("dev-aux-0001", Buffer.buffer(payload));
  }
}
