package org.lamplight.domain;

/**
 * The one rule for text from outside (request bodies, device messages): no control character
 * (U+0000 to U+001F, U+007F to U+009F), which PostgreSQL refuses (NUL) and which forge lines in
 * logs and terminals; free text that people type may hold line breaks and tabs.
 */
public final class ControlCharacters {

  private ControlCharacters() {}

  /** The first control character in {@code text}, or -1; line feeds, carriage returns and tabs pass in free text. */
  public static int first(String text, boolean freeText) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) && !(freeText && (c == '\n' || c == '\r' || c == '\t'))) {
        return c;
      }
    }
    return -1;
  }

  /** How a message names the character: U+0000. */
  public static String name(int c) {
    return String.format("U+%04X", c);
  }
}
