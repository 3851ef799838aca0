package org.lamplight.store;

/** A database failure translated into what the caller can act on. */
public class StoreException extends RuntimeException {

  public enum Kind {
    /** A row with the same key exists (SQLSTATE 23505). */
    DUPLICATE,
    /** A referenced row does not exist (SQLSTATE 23503). */
    MISSING_REFERENCE,
    /**
     * The database refused a value (SQLSTATE classes 22 and 23: out of range, malformed, a check
     * failed). Sending the same data again fails the same way; it is never an outage.
     */
    INVALID_DATA,
    /** The database cannot be reached or refused the work for now; retrying later may succeed. */
    UNAVAILABLE
  }

  private final Kind kind;

  public StoreException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  /** Whether {@code failure} is the database being unavailable: worth trying again later, unlike a refusal of the data. */
  public static boolean isOutage(Throwable failure) {
    return failure instanceof StoreException s && s.kind == Kind.UNAVAILABLE;
  }
}
