package org.lamplight.domain;

import java.util.Map;

/**
 * An exception that refuses what was asked (a conflict, a value out of turn, a stale state), and
 * never for want of the database. Thrown inside a transaction, it rolls the transaction back and
 * reaches the caller as it is: the store passes it through rather than reporting an outage.
 */
public interface Refusal {

  /** A stable code a client can say in its own words (the message says it in English), or null. */
  default String refusalCode() {
    return null;
  }

  /** What the code needs to be said: ids, statuses. */
  default Map<String, Object> refusalParams() {
    return Map.of();
  }
}
