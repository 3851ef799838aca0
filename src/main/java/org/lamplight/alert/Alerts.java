package org.lamplight.alert;

import io.vertx.core.Future;
import org.lamplight.domain.alert.Alert;
import org.lamplight.domain.alert.NewAlert;

/**
 * Where every producer raises alerts for dispatchers (dispatch, the gateways, coverage, the
 * ledger): each is stored in PostgreSQL and published to every node's consoles. Thread safe.
 */
@FunctionalInterface
public interface Alerts {

  /**
   * Completes with the alert as stored once it is durable and on its way to the consoles; an
   * alert whose key is open already completes with that one, and nothing is published again.
   */
  Future<Alert> raise(NewAlert alert);
}
