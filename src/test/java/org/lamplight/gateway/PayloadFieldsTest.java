package org.lamplight.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lamplight.domain.tracking.RejectionAssert.assertRejected;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.lamplight.domain.tracking.PositionFix;
import org.lamplight.domain.tracking.RejectReason;

class PayloadFieldsTest {

  private static JsonObject json(String text) {
    return new JsonPayloadParser(4096).parse(Buffer.buffer(text));
  }

  @Nested
  class JsonNumbers {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"v\":51.5}|51.5", "{\"v\":-3}|-3", "{\"v\":0}|0",
        "{\"v\":12345678901234}|12345678901234",
        "{\"v\":1e2}|100"
    })
    void readsNumbers(String payload, double expected) {
      assertThat(PayloadFields.requiredDouble(json(payload), "v")).isEqualTo(expected);
      assertThat(PayloadFields.optionalDouble(json(payload), "v")).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"v\":null}"})
    void absentOrNullIsMissingOrAbsent(String payload) {
      assertRejected(() -> PayloadFields.requiredDouble(json(payload), "v"),
          RejectReason.MISSING_FIELD);
      assertThat(PositionFix.has(PayloadFields.optionalDouble(json(payload), "v"))).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"v\":\"51.5\"}|a string", "{\"v\":true}|a boolean", "{\"v\":{}}|an object",
        "{\"v\":[1]}|an array"
    })
    void otherTypesAreWrongType(String payload, String described) {
      assertThat(assertRejected(() -> PayloadFields.requiredDouble(json(payload), "v"),
          RejectReason.WRONG_TYPE)).hasMessage("v must be a number, not " + described);
      assertRejected(() -> PayloadFields.optionalDouble(json(payload), "v"),
          RejectReason.WRONG_TYPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"v\":NaN}", "{\"v\":Infinity}", "{\"v\":-Infinity}", "{\"v\":1e999}"})
    void nonFiniteValuesAreNotANumber(String payload) {
      assertRejected(() -> PayloadFields.requiredDouble(json(payload), "v"),
          RejectReason.NOT_A_NUMBER);
      assertRejected(() -> PayloadFields.optionalDouble(json(payload), "v"),
          RejectReason.NOT_A_NUMBER);
    }
  }

  @Nested
  class JsonEpochs {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"t\":1700000000}|1700000000000",
        "{\"t\":1700000000123}|1700000000123",
        "{\"t\":1700000000.9}|1700000000000",
        "{\"t\":1e30}|9223372036854775807",
        "{\"t\":-1e30}|-9223372036854775808"
    })
    void readsSecondsOrMillisecondsAndSaturates(String payload, long expected) {
      assertThat(PayloadFields.requiredEpochMs(json(payload), "t")).isEqualTo(expected);
    }

    @Test
    void rejectsTextAndMissing() {
      assertRejected(() -> PayloadFields.requiredEpochMs(json("{\"t\":\"1700000000\"}"), "t"),
          RejectReason.WRONG_TYPE);
      assertRejected(() -> PayloadFields.requiredEpochMs(json("{}"), "t"),
          RejectReason.MISSING_FIELD);
    }
  }

  @Nested
  class JsonStringsAndObjects {

    @Test
    void readsThem() {
      JsonObject json = json("{\"s\":\"x\",\"o\":{\"k\":1}}");

      assertThat(PayloadFields.requiredString(json, "s")).isEqualTo("x");
      assertThat(PayloadFields.optionalString(json, "s")).isEqualTo("x");
      assertThat(PayloadFields.requiredObject(json, "o").getInteger("k")).isEqualTo(1);
      assertThat(PayloadFields.optionalObject(json, "o").getInteger("k")).isEqualTo(1);
    }

    @Test
    void absentIsMissingOrNull() {
      JsonObject json = json("{\"n\":null}");

      assertRejected(() -> PayloadFields.requiredString(json, "s"), RejectReason.MISSING_FIELD);
      assertRejected(() -> PayloadFields.requiredObject(json, "n"), RejectReason.MISSING_FIELD);
      assertThat(PayloadFields.optionalString(json, "n")).isNull();
      assertThat(PayloadFields.optionalObject(json, "o")).isNull();
    }

    @Test
    void wrongTypesAreRejected() {
      JsonObject json = json("{\"s\":1,\"o\":\"x\"}");

      assertThat(assertRejected(() -> PayloadFields.requiredString(json, "s"),
          RejectReason.WRONG_TYPE)).hasMessage("s must be a string, not a number");
      assertRejected(() -> PayloadFields.optionalString(json, "s"), RejectReason.WRONG_TYPE);
      assertThat(assertRejected(() -> PayloadFields.requiredObject(json, "o"),
          RejectReason.WRONG_TYPE)).hasMessage("o must be an object, not a string");
      assertRejected(() -> PayloadFields.optionalObject(json, "o"), RejectReason.WRONG_TYPE);
    }
  }

  @Nested
  class DeviceId {

    @Test
    void acceptsAWellFormedId() {
      assertThat(PayloadFields.deviceId("id", "dev-aux-0001")).isEqualTo("dev-aux-0001");
    }

    @Test
    void rejectsMissingAndMalformedIds() {
      assertRejected(() -> PayloadFields.deviceId("id", null), RejectReason.MISSING_FIELD);
      assertRejected(() -> PayloadFields.deviceId("id", ""), RejectReason.INVALID_VALUE);
      assertRejected(() -> PayloadFields.deviceId("id", "a/b"), RejectReason.INVALID_VALUE);
      assertRejected(() -> PayloadFields.deviceId("id", "x".repeat(65)),
          RejectReason.INVALID_VALUE);
    }
  }

  @Nested
  class TextNumbers {

    @ParameterizedTest
    @CsvSource({"51.5, 51.5", "-0.883333, -0.883333", "0.000000, 0", "224, 224", "1e2, 100"})
    void parsesDecimals(String text, double expected) {
      assertThat(PayloadFields.requiredNumber("v", text)).isEqualTo(expected);
      assertThat(PayloadFields.optionalNumber("v", text)).isEqualTo(expected);
    }

    @Test
    void nullIsMissingOrAbsent() {
      assertRejected(() -> PayloadFields.requiredNumber("v", null), RejectReason.MISSING_FIELD);
      assertThat(PositionFix.has(PayloadFields.optionalNumber("v", null))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1,5", "12a", "--1", "0x1F", "true"})
    void textThatIsNotANumberIsWrongType(String text) {
      assertRejected(() -> PayloadFields.optionalNumber("v", text), RejectReason.WRONG_TYPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "1e999"})
    void nonFiniteTextIsNotANumber(String text) {
      assertRejected(() -> PayloadFields.optionalNumber("v", text), RejectReason.NOT_A_NUMBER);
    }
  }

  @Nested
  class TextTimestamps {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "1377177267, 1377177267000",                  // epoch seconds (Traccar Client)
        "1442068686579, 1442068686579",               // epoch milliseconds
        "2016-01-27T18:55:47Z, 1453920947000",        // ISO-8601
        "2025-06-15T13:45:12.862Z, 1749995112862",    // ISO-8601 with milliseconds
        "2016-01-27T20:55:47+02:00, 1453920947000",   // with an offset
        "2016-01-27T18:55:47, 1453920947000",         // no zone: UTC
        "2014-06-04 09:10:11, 1401873011000",         // Traccar's space-separated form, UTC
        "2016-01-27t18:55:47z, 1453920947000"
    })
    void parsesTheFormsDevicesSend(String text, long expected) {
      assertThat(PayloadFields.parseTimestamp("timestamp", text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2016-13-01T00:00:00Z", "2016-01-27", "1377177267.5",
        "99999999999999999999", "27/01/2016 18:55:47"})
    void rejectsAnythingElseAsWrongType(String text) {
      assertRejected(() -> PayloadFields.parseTimestamp("timestamp", text),
          RejectReason.WRONG_TYPE);
    }
  }
}
