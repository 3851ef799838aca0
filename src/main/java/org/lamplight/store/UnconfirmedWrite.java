package org.lamplight.store;

/**
 * A transaction the database did not confirm: it began (its id is known) but its answer did not
 * come, within the deadline or before the connection dropped, so its COMMIT may have taken effect
 * or not. {@link IncidentRepository#outcome} tells which once the database answers. To a client it
 * is an outage like any other ({@link Kind#UNAVAILABLE}).
 */
public final class UnconfirmedWrite extends StoreException {

  private final long transactionId;

  UnconfirmedWrite(long transactionId, StoreException cause) {
    super(Kind.UNAVAILABLE, cause.getMessage() + "; the change may have been stored", cause);
    this.transactionId = transactionId;
  }

  /** PostgreSQL's id of the transaction ({@code txid_current()}). */
  public long transactionId() {
    return transactionId;
  }
}
