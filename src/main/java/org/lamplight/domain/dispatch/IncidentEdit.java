package org.lamplight.domain.dispatch;

import java.util.Objects;
import java.util.Optional;
import org.lamplight.domain.geo.GeoPoint;

/**
 * A dispatcher's correction of a report: each field given replaces the incident's, each one
 * left empty stays as it is.
 *
 * @param place where it happened (a village picked by name, or a point on the map)
 */
public record IncidentEdit(Optional<IncidentType> type, Optional<Integer> severity, Optional<GeoPoint> place,
    Optional<String> description) {

  public IncidentEdit {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(place, "place");
    Objects.requireNonNull(description, "description");
    severity.filter(s -> s < Incident.MIN_SEVERITY || s > Incident.MAX_SEVERITY).ifPresent(s -> {
      throw new DispatchException(DispatchException.Code.INVALID_REQUEST, "severity " + s + " is not between "
          + Incident.MIN_SEVERITY + " and " + Incident.MAX_SEVERITY);
    });
  }
}
