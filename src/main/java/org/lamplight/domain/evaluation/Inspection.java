package org.lamplight.domain.evaluation;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.lamplight.domain.PlainValues;

/**
 * The brigade's monthly inspection of an office or workstation, each part scored 0..100.
 *
 * @param subject the office or workstation id
 */
public record Inspection(String subject, double hardware, double housekeeping, double ledgers) {

  private static final Set<String> KEYS = Set.of("subject", "hardware", "housekeeping", "ledgers");

  public Inspection {
    Objects.requireNonNull(subject, "subject");
    check(subject, "hardware", hardware);
    check(subject, "housekeeping", housekeeping);
    check(subject, "ledgers", ledgers);
  }

  private static void check(String subject, String part, double score) {
    if (!(score >= 0 && score <= 100)) {
      throw new IllegalArgumentException("inspection of " + subject + ": " + part + " must be 0..100, got " + score);
    }
  }

  /** Reads {@code subject}, {@code hardware}, {@code housekeeping}, {@code ledgers}, all required. */
  public static Inspection fromMap(Map<String, ?> map) {
    PlainValues values = new PlainValues(map, "inspection").onlyKeys(KEYS);
    String subject = values.string("subject");
    PlainValues named = values.in("inspection of " + subject);
    return new Inspection(subject, named.number("hardware"), named.number("housekeeping"), named.number("ledgers"));
  }

  /** The score of one inspection indicator. */
  public double score(Indicator indicator) {
    return switch (indicator) {
      case INSPECTION_HARDWARE -> hardware;
      case INSPECTION_HOUSEKEEPING -> housekeeping;
      case INSPECTION_LEDGERS -> ledgers;
      default -> throw new IllegalArgumentException(indicator.wire() + " is not part of an inspection");
    };
  }
}
