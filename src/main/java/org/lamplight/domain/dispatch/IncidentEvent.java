package org.lamplight.domain.dispatch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A durable timeline entry. Sequence numbers are gap-free per incident and start at 1, so
 * (incidentId, seq) can be a unique key that also catches two writers racing on one incident.
 *
 * @param unitId the unit the entry is about, or null
 * @param actor who caused it: a user name, the replying unit's id, or null for dispatch itself
 * @param details JSON-compatible values (strings, numbers, booleans), lower_snake keys
 */
public record IncidentEvent(String incidentId, long seq, long atMs, EventKind kind, String unitId,
    String actor, Map<String, Object> details) {

  public IncidentEvent {
    Objects.requireNonNull(incidentId, "incidentId");
    Objects.requireNonNull(kind, "kind");
    details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }
}
