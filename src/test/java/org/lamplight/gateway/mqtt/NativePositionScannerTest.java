package org.lamplight.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lamplight.domain.tracking.PositionFix;
import org.lamplight.domain.tracking.RejectedFixException;
import org.lamplight.gateway.Fuzz;

/**
 * The fast way through a ping must never disagree with the full parser: where it answers, the
 * full parser gives the very same fix; everything else it leaves to the full parser.
 */
class NativePositionScannerTest {

  private static final List<String> FIELDS = List.of("lat", "lon", "ts", "acc", "spd", "hdg", "alt", "batt", "sat",
      "net");
  private final LamplightPositionDecoder decoder = new LamplightPositionDecoder(4096);

  @Test
  void aTypicalPingTakesTheFastWay() {
    String ping = "{\"lat\":33.802345,\"lon\":114.512340,\"ts\":1700000000123,\"acc\":4.5,\"spd\":3.2,\"hdg\":181,"
        + "\"alt\":52.0,\"batt\":77,\"sat\":11,\"net\":\"lte\",\"sent\":1234567}";
    PositionFix fast = NativePositionScanner.scan("dev-1", Buffer.buffer(ping));
    assertThat(fast).isNotNull().isEqualTo(decoder.parsed("dev-1", Buffer.buffer(ping)));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"lat\":33.8,\"lon\":114.5,\"ts\":1,\"lat\":34}",
      "{\"lat\":33.8,\"lon\":114.5,\"ts\":1,\"x\":1,\"x\":2}",
      "{\"lat\":33.8,\"lon\":114.5,\"ts\":1,\"x\":{\"y\":1}}",
      "{\"lat\":33.8,\"lon\":114.5,\"ts\":1,\"net\":\"l\\u0074e\"}",
      "{\"lat\":33.8,\"lon\":114.5,\"ts\":1,\"net\":\"中文\"}",
      "{\"lat\":33.8,\"lon\":114.5,\"ts\":NaN}",
      "{\"lat\":33.8,\"lon\":114.5,\"ts\":12345678901234567890}",
      "{\"lat\":1e400,\"lon\":114.5,\"ts\":1}",
      "{\"lat\":\"33.8\",\"lon\":114.5,\"ts\":1}",
      "{\"lat\":33.8,\"lon\":114.5}",
      "{\"lat\":33.8,\"lon\":114.5,\"ts\":1} x",
      "{\"lat\":033.8,\"lon\":114.5,\"ts\":1}",
      "\uFEFF{\"lat\":33.8,\"lon\":114.5,\"ts\":1}"
  })
  void anythingUnusualIsLeftToTheFullParser(String payload) {
    assertThat(NativePositionScanner.scan("dev-1", Buffer.buffer(payload))).isNull();
  }

  @Test
  void minusZeroIsWhatTheFullParserMakesOfIt() {
    for (String zero : List.of("-0", "-0.0", "0", "-0e0")) {
      String ping = "{\"lat\":33.8,\"lon\":114.5,\"ts\":1700000000000,\"hdg\":" + zero + "}";
      assertThat(NativePositionScanner.scan("d", Buffer.buffer(ping)))
          .as(zero).isEqualTo(decoder.parsed("d", Buffer.buffer(ping)));
    }
  }

  /** Numbers where a hand-written parser goes wrong: exponents, rounding halfway cases, 2^53 + 1, the seconds/ms boundary. */
  @ParameterizedTest
  @ValueSource(strings = {"1e2", "1E+2", "-0e-5", "0e5", "9007199254740992", "9007199254740993", "4503599627370497e-22",
      "1e22", "1e-22", "2.5e-22", "123456789012345678", "0.000000000000000001", "33.80234567890123", "114.50000000000001",
      "1.7e12", "99999999999.9", "99999999999", "100000000000", "-1", "1700000000123.5", "17000000001235e-1",
      "8.9884656743115795e307", "0.1", "0.3", "3e-1", "30e-2", "1.0e0"})
  void hardNumbersDecodeAsTheFullParserDecodesThem(String number) {
    agrees("{\"lat\":" + number + ",\"lon\":114.5,\"ts\":1700000000000,\"acc\":1}");
    agrees("{\"lat\":33.8,\"lon\":114.5,\"ts\":" + number + ",\"acc\":1}");
    agrees("{\"lat\":33.8,\"lon\":114.5,\"ts\":1700000000000,\"acc\":" + number + "}");
  }

  @Test
  void wellFormedPingsOfEveryShapeDecodeAsTheFullParserDecodesThem() {
    Fuzz.forAll(NativePositionScannerTest::ping, this::agrees);
  }

  @Test
  void arbitraryJsonDecodesAsTheFullParserDecodesIt() {
    Fuzz.forAll(r -> new String(Fuzz.json(r, FIELDS), StandardCharsets.UTF_8), this::agrees);
  }

  /** Where the fast way answers, its fix is the full parser's; the decoder as a whole answers as the full parser. */
  private void agrees(String payload) {
    Buffer buffer = Buffer.buffer(payload);
    PositionFix fast = NativePositionScanner.scan("dev-1", buffer);
    Object full = outcome(() -> decoder.parsed("dev-1", buffer));
    if (fast != null) {
      assertThat((Object) fast).isEqualTo(full);
    }
    assertThat(outcome(() -> decoder.decode("dev-1", buffer))).isEqualTo(full);
  }

  /** The fix, or the refusal's reason and message. */
  private static Object outcome(java.util.function.Supplier<PositionFix> decode) {
    try {
      return decode.get();
    } catch (RejectedFixException e) {
      return e.reason() + ": " + e.getMessage();
    }
  }

  /** A ping as devices send them: coordinates and times with many digits, spacing, nulls, other fields. */
  private static String ping(Random r) {
    StringBuilder s = new StringBuilder("{");
    String[] names = {"lat", "lon", "ts", "acc", "spd", "hdg", "alt", "batt", "sat", "net", "fw"};
    int n = 3 + r.nextInt(names.length - 2);
    for (int i = 0; i < n; i++) {
      String name = i < 3 ? names[i] : names[3 + r.nextInt(names.length - 3)];
      s.append(i > 0 ? "," : "").append(space(r)).append('"').append(name).append('"').append(space(r)).append(':')
          .append(space(r)).append(number(r, name));
    }
    return s.append(space(r)).append('}').append(space(r)).toString();
  }

  private static String number(Random r, String name) {
    return switch (r.nextInt(8)) {
      case 0 -> "null";
      case 1 -> name.equals("net") ? "\"lte\"" : String.valueOf(r.nextInt(400) - 200);
      case 2 -> String.format(Locale.ROOT, "%." + r.nextInt(12) + "f", (r.nextDouble() - 0.5) * 400);
      case 3 -> String.valueOf((r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(30) - 15));
      case 4 -> String.format(Locale.ROOT, "%d", 1_600_000_000_000L + r.nextInt(Integer.MAX_VALUE));
      case 5 -> (r.nextBoolean() ? "-" : "") + r.nextInt(1000) + "e" + (r.nextBoolean() ? "-" : "+") + r.nextInt(40);
      case 6 -> r.nextBoolean() ? "true" : "false";
      default -> String.valueOf(r.nextLong());
    };
  }

  private static String space(Random r) {
    return r.nextInt(4) == 0 ? " \t\n\r".substring(0, 1 + r.nextInt(4)) : "";
  }
}
