package org.lamplight.dispatch;

import io.vertx.core.Future;

/**
 * The node's own dispatch: it drives the incidents it opened or adopted. A cluster routes
 * commands between nodes' drivers and has survivors adopt the incidents of a node that died.
 */
public interface IncidentDriver extends DispatchService {

  /**
   * Takes over an incident whose owner is gone (a cluster node that died): reloads it from the
   * database and resumes it as after a restart, in turn with the incident's other events.
   * Completes with true when this node drives the incident.
   */
  Future<Boolean> adopt(String incidentId);

  /** Whether this node drives the incident now. Thread safe. */
  boolean drives(String incidentId);
}
