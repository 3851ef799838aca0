package org.lamplight.gateway.mqtt;

import io.vertx.core.buffer.Buffer;
import java.util.Arrays;
import org.lamplight.domain.tracking.FixSource;
import org.lamplight.domain.tracking.PositionFix;
import org.lamplight.domain.tracking.Timestamps;

/**
 * The fast way through a native position ping: one pass over the payload's bytes that builds the
 * fix without a JSON tree, boxed numbers or strings, for the payload every device sends — a flat
 * object of numbers, short ASCII strings, booleans and nulls. It answers only when it is certain
 * the full parser would give exactly the same fix; anything it does not handle plainly (nesting,
 * escapes in names, non-ASCII, numbers it cannot convert exactly, NaN, a field named twice, a
 * missing or mistyped field) returns null, and the caller parses the payload the full way, which
 * also words every refusal.
 */
final class NativePositionScanner {

  private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
      1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  /** Below 2^53 a long converts to a double exactly, and one multiplication or division by an exact power of ten rounds correctly. */
  private static final long EXACT_MANTISSA = 1L << 53;
  private static final String[] FIELDS = {"lat", "lon", "ts", "acc", "spd", "hdg", "alt", "batt"};
  private static final int LAT = 0;
  private static final int LON = 1;
  private static final int TS = 2;
  /** Names of other fields remembered to catch one given twice; a payload with more goes the full way. */
  private static final int MAX_OTHER_FIELDS = 8;
  /** One scanner per thread, reused: a ping costs no allocation but its fix. */
  private static final ThreadLocal<NativePositionScanner> SCANNERS = ThreadLocal.withInitial(NativePositionScanner::new);

  private final double[] values = new double[FIELDS.length];
  private final int[] otherFields = new int[2 * MAX_OTHER_FIELDS];
  private Buffer in;
  private int end;
  private int pos;
  /** The number just scanned. */
  private double number;

  /** The fix, or null when the full parser must decide. */
  static PositionFix scan(String deviceId, Buffer payload) {
    NativePositionScanner scanner = SCANNERS.get();
    scanner.in = payload;
    scanner.end = payload.length();
    scanner.pos = 0;
    try {
      return scanner.fix(deviceId);
    } finally {
      scanner.in = null;
    }
  }

  private PositionFix fix(String deviceId) {
    Arrays.fill(values, Double.NaN);
    int seen = 0;
    int others = 0;
    skipSpace();
    if (!take('{')) {
      return null;
    }
    skipSpace();
    if (take('}')) {
      return null; // the full parser names what is missing
    }
    while (true) {
      if (!take('"')) {
        return null;
      }
      int nameAt = pos;
      if (!skipPlainString()) {
        return null;
      }
      int nameLength = pos - 1 - nameAt;
      skipSpace();
      if (!take(':')) {
        return null;
      }
      skipSpace();
      int field = field(nameAt, nameLength);
      if (field >= 0) {
        if ((seen & (1 << field)) != 0) {
          return null;
        }
        seen |= 1 << field;
        if (takeWord("null")) {
          values[field] = Double.NaN;
        } else if (scanNumber(true)) {
          values[field] = number;
        } else {
          return null;
        }
      } else {
        if (others == MAX_OTHER_FIELDS || seenBefore(others, nameAt, nameLength)) {
          return null;
        }
        otherFields[2 * others] = nameAt;
        otherFields[2 * others + 1] = nameLength;
        others++;
        if (!skipSimpleValue()) {
          return null;
        }
      }
      skipSpace();
      if (take('}')) {
        break;
      }
      if (!take(',')) {
        return null;
      }
      skipSpace();
    }
    skipSpace();
    if (pos != end || Double.isNaN(values[LAT]) || Double.isNaN(values[LON]) || Double.isNaN(values[TS])) {
      return null;
    }
    return new PositionFix(deviceId, values[LAT], values[LON], Timestamps.normalizeEpoch((long) values[TS]),
        values[3], values[4], values[5], values[6], values[7], FixSource.LAMPLIGHT);
  }

  /** The index of a known field, or -1. */
  private int field(int at, int length) {
    for (int f = 0; f < FIELDS.length; f++) {
      String name = FIELDS[f];
      if (name.length() == length && sameAscii(name, at)) {
        return f;
      }
    }
    return -1;
  }

  private boolean sameAscii(String name, int at) {
    for (int i = 0; i < name.length(); i++) {
      if (in.getByte(at + i) != name.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private boolean seenBefore(int count, int at, int length) {
    for (int i = 0; i < count; i++) {
      if (otherFields[2 * i + 1] == length && sameBytes(otherFields[2 * i], at, length)) {
        return true;
      }
    }
    return false;
  }

  private boolean sameBytes(int a, int b, int length) {
    for (int i = 0; i < length; i++) {
      if (in.getByte(a + i) != in.getByte(b + i)) {
        return false;
      }
    }
    return true;
  }

  /** Past the closing quote of a string of printable ASCII without escapes; false for anything else. */
  private boolean skipPlainString() {
    while (pos < end) {
      byte b = in.getByte(pos++);
      if (b == '"') {
        return true;
      }
      if (b < 0x20 || b == '\\' || b == 0x7F) {
        return false; // control characters, escapes and non-ASCII (negative bytes) go the full way
      }
    }
    return false;
  }

  /** A number, string, boolean or null of a field nobody reads; nested values go the full way. */
  private boolean skipSimpleValue() {
    if (take('"')) {
      return skipPlainString();
    }
    return takeWord("true") || takeWord("false") || takeWord("null") || scanNumber(false);
  }

  /**
   * A JSON number; with {@code convert}, also its exact double value in {@link #number}, or false
   * when it cannot be converted exactly this way.
   */
  private boolean scanNumber(boolean convert) {
    boolean negative = take('-');
    long mantissa = 0;
    int digits = 0;
    int exponent = 0;
    boolean integer = true;
    if (take('0')) {
      digits = 1;
    } else {
      while (pos < end && isDigit(in.getByte(pos))) {
        mantissa = mantissa * 10 + (in.getByte(pos++) - '0');
        if (++digits > 18) {
          return false;
        }
      }
      if (digits == 0) {
        return false;
      }
    }
    if (take('.')) {
      integer = false;
      int fraction = 0;
      while (pos < end && isDigit(in.getByte(pos))) {
        mantissa = mantissa * 10 + (in.getByte(pos++) - '0');
        fraction++;
        if (++digits > 18) {
          return false;
        }
      }
      if (fraction == 0) {
        return false;
      }
      exponent -= fraction;
    }
    if (pos < end && (in.getByte(pos) == 'e' || in.getByte(pos) == 'E')) {
      pos++;
      integer = false;
      boolean negativeExponent = take('-');
      if (!negativeExponent) {
        take('+');
      }
      int e = 0;
      int expDigits = 0;
      while (pos < end && isDigit(in.getByte(pos))) {
        e = e * 10 + (in.getByte(pos++) - '0');
        if (++expDigits > 3) {
          return false;
        }
      }
      if (expDigits == 0) {
        return false;
      }
      exponent += negativeExponent ? -e : e;
    }
    if (pos < end && !isEndOfValue(in.getByte(pos))) {
      return false;
    }
    if (!convert) {
      return true;
    }
    if (mantissa > EXACT_MANTISSA || exponent < -22 || exponent > 22) {
      return false;
    }
    double value = exponent < 0 ? mantissa / POW10[-exponent] : mantissa * POW10[exponent];
    // the full parser reads an integer as a long, where -0 is 0
    number = negative && !(integer && mantissa == 0) ? -value : value;
    return true;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  private static boolean isEndOfValue(byte b) {
    return b == ',' || b == '}' || b == ' ' || b == '\t' || b == '\n' || b == '\r';
  }

  private boolean takeWord(String word) {
    if (end - pos < word.length() || !sameAscii(word, pos)) {
      return false;
    }
    int after = pos + word.length();
    if (after < end && !isEndOfValue(in.getByte(after))) {
      return false;
    }
    pos = after;
    return true;
  }

  private boolean take(char c) {
    if (pos < end && in.getByte(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  private void skipSpace() {
    while (pos < end) {
      byte b = in.getByte(pos);
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return;
      }
      pos++;
    }
  }
}
