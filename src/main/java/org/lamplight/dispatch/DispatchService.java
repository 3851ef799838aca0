package org.lamplight.dispatch;

import io.vertx.core.Future;
import java.util.Collection;
import org.lamplight.domain.dispatch.DispatchEvent;
import org.lamplight.domain.dispatch.Incident;
import org.lamplight.store.IncidentRepository.AuditEntry;

/** How the API (and devices, through the bus) drive dispatch. */
public interface DispatchService {

  /**
   * Applies one event; completes with the incident once the change is durable, or fails with
   * a {@link org.lamplight.domain.dispatch.DispatchException} (refused, nothing changed) or a
   * {@link org.lamplight.store.StoreException} (database unavailable, nothing changed).
   */
  Future<Incident> submit(DispatchEvent event, AuditEntry audit);

  /** Incidents not yet closed or cancelled, as dispatch holds them now. */
  Collection<Incident> unfinished();

  /** The police station whose area covers the incident (scopes station dispatchers). */
  String stationOf(Incident incident);
}
