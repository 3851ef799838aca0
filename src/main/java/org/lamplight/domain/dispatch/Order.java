package org.lamplight.domain.dispatch;

/**
 * What is sent to a device. Offers, cancellations and updates of one assignment share its order
 * id, which the device quotes back in its replies.
 *
 * @param incidentNumber the number people say on the phone; null in the decision that creates the
 *     incident, which is stored (and numbered) before its orders go out
 * @param expiresAtMs the reply deadline for offers; 0 for every other action
 * @param travel how far the unit is, as ranked, on offers; null otherwise or when not ranked
 */
public record Order(String orderId, String incidentId, String incidentNumber, OrderAction action, IncidentType type,
    int severity, double lat, double lon, String description, long expiresAtMs, Travel travel) {

  static Order about(Incident incident, Assignment assignment, OrderAction action) {
    boolean offer = action == OrderAction.OFFER;
    return new Order(assignment.orderId(), incident.id(), incident.number(), action, incident.type(),
        incident.severity(), incident.lat(), incident.lon(), incident.description(), offer ? assignment.expiresAtMs() : 0,
        offer ? assignment.travel() : null);
  }

  /** This order about the incident as stored, with its number. */
  public Order numbered(String number) {
    return new Order(orderId, incidentId, number, action, type, severity, lat, lon, description, expiresAtMs, travel);
  }
}
