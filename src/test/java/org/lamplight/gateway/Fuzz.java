package org.lamplight.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import org.lamplight.domain.tracking.DeviceIds;
import org.lamplight.domain.tracking.FixValidator;
import org.lamplight.domain.tracking.Measurement;
import org.lamplight.domain.tracking.PositionFix;
import org.lamplight.domain.tracking.RejectedFixException;
import org.lamplight.domain.tracking.ValidFix;

/**
 * Property checks over generated device input: a seeded generator, many tries, and on failure
 * the seed and the input, so {@code -Dlamplight.fuzz.seed=<seed>} replays the failing run.
 * Generators lean towards what breaks decoders: wrong types, huge numbers, NaN and Infinity
 * literals, deep nesting, long strings, NUL and control characters, invalid UTF-8.
 */
public final class Fuzz {

  /** Decoding takes microseconds: this many tries per property keep the suite at a few seconds. */
  public static final int TRIES = 1_000;

  private static final String[] NUMBERS = {"0", "-0", "1", "-1", "33.8", "114.5", "90", "-90.0000001", "180.5",
      "360", "100", "100.5", "1e308", "-1e308", "1e309", "-1e300", "1e400", "4.9e-324", "1e-400",
      "9223372036854775807", "9223372036854775808", "-9223372036854775809",
      "123456789012345678901234567890123456789", "NaN", "Infinity", "-Infinity", "+5", "0x10", "1_000", ".5",
      "5.", "1e", "--1", "1700000000", "1700000000000", "17000000000000000"};
  private static final String[] TEXTS = {"", " ", "on", "off", "sos", "location", "lwt", "report", "fire", "accept",
      "decline", "clear", "dev-aux-0001", "dev aux", "2024-01-01T00:00:00Z", "2024-13-45 99:99:99", "\\u0000",
      "\\u0000dev", "\\ud800", "\\n\\r\\t", "\u00e9\u4e2d\u6587", "%zz", "'; drop table positions; --"};

  /** Judges ranges, not time: every decoded time-stamp is accepted. */
  private static final FixValidator ANY_TIME = new FixValidator(Long.MAX_VALUE, Long.MAX_VALUE, 70);

  private Fuzz() {
  }

  /** The seed of this run: {@code -Dlamplight.fuzz.seed}, or a fresh one; a failure must name it. */
  public static long seed() {
    return Long.getLong("lamplight.fuzz.seed", new Random().nextLong());
  }

  /** Runs {@code property} on {@link #TRIES} generated inputs; a failure names the seed and the input. */
  public static <T> void forAll(Function<Random, T> generator, Consumer<T> property) {
    long seed = seed();
    Random random = new Random(seed);
    for (int i = 0; i < TRIES; i++) {
      T input = generator.apply(random);
      try {
        property.accept(input);
      } catch (Throwable e) {
        throw new AssertionError("failed on try " + i + " with -Dlamplight.fuzz.seed=" + seed + "; input: "
            + show(input), e);
      }
    }
  }

  /** Arbitrary bytes, empty to a few kilobytes. */
  public static byte[] bytes(Random r) {
    byte[] b = new byte[r.nextInt(r.nextBoolean() ? 16 : 2000)];
    r.nextBytes(b);
    return b;
  }

  /**
   * A JSON object as text whose fields are drawn from {@code fields} and a few others, each
   * value of any type; then, now and again, broken at the byte level.
   */
  public static byte[] json(Random r, List<String> fields) {
    return json(r, fields, 0);
  }

  private static byte[] json(Random r, List<String> fields, int depth) {
    StringBuilder s = new StringBuilder("{");
    int n = r.nextInt(fields.size() + 3);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        s.append(',');
      }
      String name = r.nextInt(5) == 0 ? text(r) : fields.get(r.nextInt(fields.size()));
      s.append('"').append(name).append("\":").append(value(r, depth + 1, fields));
    }
    s.append('}');
    return r.nextInt(8) == 0 ? corrupt(r, s.toString().getBytes(StandardCharsets.UTF_8))
        : s.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A JSON value of any type; objects reuse {@code fields} so that nested decoders get real names. */
  public static String value(Random r, int depth, List<String> fields) {
    int pick = r.nextInt(depth > 3 ? 4 : 7);
    return switch (pick) {
      case 0, 1 -> NUMBERS[r.nextInt(NUMBERS.length)];
      case 2 -> '"' + text(r) + '"';
      case 3 -> r.nextBoolean() ? "null" : String.valueOf(r.nextBoolean());
      case 4 -> {
        StringBuilder a = new StringBuilder("[");
        for (int i = r.nextInt(3); i > 0; i--) {
          a.append(value(r, depth + 1, fields)).append(i > 1 ? "," : "");
        }
        yield a.append(']').toString();
      }
      case 5 -> new String(json(r, fields, depth + 1), StandardCharsets.UTF_8);
      default -> "[".repeat(r.nextInt(40)) + "]".repeat(r.nextInt(40));
    };
  }

  /** Text for a JSON string or a query parameter: typical words, escapes, control characters, long runs. */
  public static String text(Random r) {
    return switch (r.nextInt(5)) {
      case 0 -> TEXTS[r.nextInt(TEXTS.length)];
      case 1 -> NUMBERS[r.nextInt(NUMBERS.length)];
      case 2 -> "x".repeat(r.nextInt(r.nextBoolean() ? 20 : 1500));
      case 3 -> {
        StringBuilder s = new StringBuilder();
        for (int i = r.nextInt(20); i > 0; i--) {
          s.append((char) r.nextInt(r.nextBoolean() ? 0x80 : 0xFFFF));
        }
        yield s.toString();
      }
      default -> "dev-" + r.nextInt(1000);
    };
  }

  /** Flips, drops or inserts bytes, including invalid UTF-8 sequences. */
  public static byte[] corrupt(Random r, byte[] in) {
    byte[][] invalid = {{(byte) 0xFF}, {(byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xC3, 0x28},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {0}};
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = in.length == 0 ? 0 : r.nextInt(in.length);
    out.write(in, 0, at);
    switch (r.nextInt(3)) {
      case 0 -> out.writeBytes(invalid[r.nextInt(invalid.length)]);
      case 1 -> out.write(r.nextInt(256));
      default -> at = Math.min(in.length, at + 1 + r.nextInt(4));
    }
    out.write(in, at, in.length - at);
    return out.toByteArray();
  }

  /**
   * What every decoded fix must be: finite coordinates, optional measurements absent or finite,
   * a well-formed device id; and once validated, every measurement it keeps within its range.
   */
  public static void assertUsable(PositionFix fix) {
    assertThat(DeviceIds.isValid(fix.deviceId())).as("device id %s", fix.deviceId()).isTrue();
    assertThat(Double.isFinite(fix.lat()) && Double.isFinite(fix.lon())).as("finite coordinates").isTrue();
    for (Measurement m : Measurement.values()) {
      assertThat(Double.isInfinite(m.of(fix))).as("%s is infinite", m).isFalse();
    }
    ValidFix valid;
    try {
      valid = ANY_TIME.validate(fix, fix.timestampMs());
    } catch (RejectedFixException refused) {
      return;
    }
    assertThat(Math.abs(valid.fix().lat())).isLessThanOrEqualTo(90);
    assertThat(Math.abs(valid.fix().lon())).isLessThanOrEqualTo(180);
    for (Measurement m : Measurement.values()) {
      double v = m.of(valid.fix());
      assertThat(!PositionFix.has(v) || m.accepts(v)).as("%s = %s kept", m, v).isTrue();
    }
  }

  /** Runs {@code decode}; a typed rejection is fine, any other failure is not. Returns null when refused. */
  public static <T> T decodedOrRefused(java.util.function.Supplier<T> decode) {
    try {
      return decode.get();
    } catch (RejectedFixException refused) {
      assertThat(refused.reason()).isNotNull();
      assertThat(refused.getMessage()).isNotBlank();
      return null;
    }
  }

  private static String show(Object input) {
    String s = input instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(input);
    return s.length() <= 500 ? s : s.substring(0, 500) + "...";
  }
}
