package org.lamplight.domain.dispatch;

import java.util.Objects;

/**
 * What is sent to a device. Offers, cancellations and updates of one assignment share its order
 * id, which the device quotes back in its replies.
 *
 * @param incidentNumber the number people say on the phone; null in the decision that creates the
 *     incident, which is stored (and numbered) before its orders go out
 * @param expiresAtMs the reply deadline for offers; 0 for every other action
 * @param travel how far the unit is, as ranked, on offers; null otherwise or when not ranked
 * @param caller who called the incident in, on an update to a unit that holds the job (it accepted
 *     or was assigned); {@link Caller#NONE} on every other order: a resident's number goes only to
 *     the units that took the job, never with an offer that others may see and decline
 */
public record Order(String orderId, String incidentId, String incidentNumber, OrderAction action, IncidentType type,
    int severity, double lat, double lon, String description, long expiresAtMs, Travel travel, Caller caller) {

  public Order {
    Objects.requireNonNull(caller, "caller");
  }

  static Order about(Incident incident, Assignment assignment, OrderAction action) {
    boolean offer = action == OrderAction.OFFER;
    boolean holdsTheJob = action == OrderAction.UPDATE && assignment.status().isActive()
        && assignment.status().isCommitted();
    return new Order(assignment.orderId(), incident.id(), incident.number(), action, incident.type(),
        incident.severity(), incident.lat(), incident.lon(), incident.description(), offer ? assignment.expiresAtMs() : 0,
        offer ? assignment.travel() : null, holdsTheJob ? incident.caller() : Caller.NONE);
  }

  /** This order about the incident as stored, with its number. */
  public Order numbered(String number) {
    return new Order(orderId, incidentId, number, action, type, severity, lat, lon, description, expiresAtMs, travel,
        caller);
  }
}
