package org.lamplight.domain;

/**
 * An exception that refuses what was asked (a conflict, a value out of turn, a stale state), and
 * never for want of the database. Thrown inside a transaction, it rolls the transaction back and
 * reaches the caller as it is: the store passes it through rather than reporting an outage.
 */
public interface Refusal {
}
