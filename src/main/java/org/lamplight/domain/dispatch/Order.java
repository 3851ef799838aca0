package org.lamplight.domain.dispatch;

/**
 * What is sent to a device. Offers, cancellations and updates of one assignment share its order
 * id, which the device quotes back in its replies.
 *
 * @param expiresAtMs the reply deadline for offers; 0 for every other action
 */
public record Order(String orderId, String incidentId, OrderAction action, IncidentType type,
    int severity, double lat, double lon, String description, long expiresAtMs) {

  static Order about(Incident incident, Assignment assignment, OrderAction action) {
    long deadline = action == OrderAction.OFFER ? assignment.expiresAtMs() : 0;
    return new Order(assignment.orderId(), incident.id(), action, incident.type(), incident.severity(),
        incident.lat(), incident.lon(), incident.description(), deadline);
  }
}
