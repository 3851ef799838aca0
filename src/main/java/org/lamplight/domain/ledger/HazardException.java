package org.lamplight.domain.ledger;

import java.util.Objects;
import org.lamplight.domain.Refusal;
import org.lamplight.domain.WireName;

/** A hazard command refused; nothing changed. The code is stable and safe to show to clients. */
public final class HazardException extends RuntimeException implements Refusal {

  public enum Code implements WireName {
    /** Malformed input: not a hazard kind, no village, a deadline not in the future (HTTP 400). */
    INVALID_REQUEST,
    /** No such hazard (404). */
    UNKNOWN_HAZARD,
    /** The hazard id is taken (409). */
    DUPLICATE_HAZARD,
    /** The step does not follow from the hazard's status, e.g. verify before rectify (409). */
    INVALID_TRANSITION;

    public static Code fromWire(String wire) {
      return WireName.parse(Code.class, wire);
    }
  }

  private final Code code;

  public HazardException(Code code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  public Code code() {
    return code;
  }
}
