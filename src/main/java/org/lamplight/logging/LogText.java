package org.lamplight.logging;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a log line may show of a text: control characters escaped (a newline in a device's user
 * name must not start a forged line) and credentials masked wherever they are recognisable: a
 * key, token, secret or password as a URI or form parameter, a JSON field or "password: ...";
 * the password of a URL; a bearer token; anything shaped like a JWT.
 */
public final class LogText {

  private static final String MASK = "***";
  private static final String SECRET_NAME = "[\\w.-]*(?:key|token|secret|passw(?:or)?d|pwd)";
  /** Each pattern's first group is kept and the rest of the match becomes {@link #MASK}. */
  private static final List<Pattern> SECRETS = List.of(
      Pattern.compile("(\\b[a-z][a-z0-9+.-]*://[^:/@\\s]+:)[^@\\s/]+(?=@)", Pattern.CASE_INSENSITIVE),
      Pattern.compile("(\\b" + SECRET_NAME + "=)[^&\\s\"',;)]+", Pattern.CASE_INSENSITIVE),
      Pattern.compile("(\"" + SECRET_NAME + "\"\\s*:\\s*\")(?:[^\"\\\\]|\\\\.)*(?=\")", Pattern.CASE_INSENSITIVE),
      Pattern.compile("(\\b(?:passw(?:or)?d|secret|token)\\s*:\\s*\"?)[^\\s\"',;]+", Pattern.CASE_INSENSITIVE),
      Pattern.compile("(\\b(?:bearer|basic)\\s+)[\\w.~+/=-]{8,}", Pattern.CASE_INSENSITIVE),
      Pattern.compile("()\\beyJ[\\w-]+\\.[\\w-]+\\.[\\w-]*"));

  private LogText() {
  }

  /** {@code text} as a log line may show it; the same instance when nothing needed changing. */
  public static String safe(String text) {
    if (text == null) {
      return null;
    }
    String out = escapeControls(text);
    for (Pattern p : SECRETS) {
      Matcher m = p.matcher(out);
      if (m.find()) {
        out = m.replaceAll(r -> Matcher.quoteReplacement(r.group(1)) + MASK);
      }
    }
    return out;
  }

  private static boolean isControl(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
  }

  private static String escapeControls(String text) {
    int first = 0;
    while (first < text.length() && !isControl(text.charAt(first))) {
      first++;
    }
    if (first == text.length()) {
      return text;
    }
    StringBuilder b = new StringBuilder(text.length() + 16).append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (isControl(c)) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
