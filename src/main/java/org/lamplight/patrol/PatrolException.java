package org.lamplight.patrol;

import java.util.Objects;
import org.lamplight.domain.Refusal;
import org.lamplight.domain.WireName;

/** A request about coverage, the ledger or the evaluation refused; nothing changed. The code is safe to show. */
public final class PatrolException extends RuntimeException implements Refusal {

  public enum Code implements WireName {
    /** Malformed or out of range, e.g. a range ending today for a recompute (HTTP 400). */
    INVALID_REQUEST,
    /** No such village, unit, entry or month (404). */
    NOT_FOUND,
    /** Not for this account (403). */
    FORBIDDEN,
    /** The state does not allow it: a recompute already running, a closed month (409). */
    CONFLICT
  }

  private final Code code;

  public PatrolException(Code code, String message) {
    super(message, null, false, false);
    this.code = Objects.requireNonNull(code, "code");
  }

  public Code code() {
    return code;
  }
}
