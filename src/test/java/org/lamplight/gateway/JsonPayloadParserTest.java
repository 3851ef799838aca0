package org.lamplight.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.lamplight.domain.tracking.RejectionAssert.assertRejected;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lamplight.domain.tracking.RejectReason;

class JsonPayloadParserTest {

  private final JsonPayloadParser parser = new JsonPayloadParser(64);

  @Test
  void parsesAnObject() {
    JsonObject json = parser.parse(Buffer.buffer("{\"lat\":51.5,\"n\":{\"x\":[1,2]}}"));

    assertThat(json.getDouble("lat")).isEqualTo(51.5);
    assertThat(json.getJsonObject("n").getJsonArray("x").size()).isEqualTo(2);
  }

  @Test
  void acceptsAPayloadOfExactlyTheLimit() {
    String padded = "{\"a\":\"" + "x".repeat(64 - 8) + "\"}";
    assertThat(padded).hasSize(64);
    assertThat(parser.parse(Buffer.buffer(padded)).getString("a")).hasSize(56);
  }

  @Test
  void checksTheSizeBeforeParsing() {
    // Not JSON at all, yet reported as too large: the parser never looked at it.
    assertRejected(() -> parser.parse(Buffer.buffer("<".repeat(65))),
        RejectReason.PAYLOAD_TOO_LARGE);
  }

  @Test
  void limitCountsBytesNotCharacters() {
    String text = "{\"a\":\"" + "é".repeat(30) + "\"}"; // 38 characters, 68 bytes
    assertRejected(() -> parser.parse(Buffer.buffer(text)), RejectReason.PAYLOAD_TOO_LARGE);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", " ", "{", "{\"lat\":}", "{lat:1}", "{'lat':1}", "{\"lat\":1,}", "{\"a\":1} {}",
      "{\"a\":1} x", "[1,2]", "42", "\"text\"", "null", "true", "{\"a\":01}"
  })
  void rejectsAnythingButOneJsonObject(String payload) {
    assertRejected(() -> parser.parse(Buffer.buffer(payload)), RejectReason.MALFORMED_JSON);
  }

  @Test
  void rejectsInvalidUtf8() {
    Buffer payload = Buffer.buffer("{\"a\":\"").appendByte((byte) 0xC3).appendString("\"}");
    assertRejected(() -> parser.parse(payload), RejectReason.MALFORMED_JSON);
  }

  @Test
  void rejectsDuplicateFieldsBecauseTheyAreAmbiguous() {
    assertRejected(() -> parser.parse(Buffer.buffer("{\"lat\":1,\"lat\":2}")),
        RejectReason.MALFORMED_JSON);
  }

  @Test
  void rejectsDeepNesting() {
    String deep = "{\"a\":".repeat(20) + "1" + "}".repeat(20);
    JsonPayloadParser roomy = new JsonPayloadParser(1024);
    assertRejected(() -> roomy.parse(Buffer.buffer(deep)), RejectReason.MALFORMED_JSON);
  }

  @Test
  void readsNanAndInfinityAsNumbersSoFieldReadersCanNameThem() {
    JsonObject json = parser.parse(Buffer.buffer("{\"a\":NaN,\"b\":-Infinity,\"c\":1e400}"));

    assertThat(json.getValue("a")).isEqualTo(Double.NaN);
    assertThat(json.getValue("b")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(json.getValue("c")).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void messageIsOneLine() {
    assertThat(assertRejected(() -> parser.parse(Buffer.buffer("{\"a\":}")),
        RejectReason.MALFORMED_JSON).getMessage()).doesNotContain("\n");
  }

  @Test
  void requiresAPositiveLimit() {
    assertThatIllegalArgumentException().isThrownBy(() -> new JsonPayloadParser(0));
  }
}
