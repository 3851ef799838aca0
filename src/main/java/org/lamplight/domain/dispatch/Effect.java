package org.lamplight.domain.dispatch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lamplight.domain.alert.AlertLevel;

/**
 * What must happen because of a decision. {@link Persist} effects are written first, together
 * with the new incident; everything else is carried out only once that write succeeded.
 */
public sealed interface Effect {

  /** Append this entry to the incident's timeline. */
  record Persist(IncidentEvent event) implements Effect {}

  /** Deliver the order to the unit's device. */
  record SendOrder(String deviceId, String unitId, Order order) implements Effect {}

  /** At atMs, feed {@link DispatchEvent.OfferExpired} for this order. */
  record ArmTimer(String incidentId, String orderId, long atMs) implements Effect {}

  /**
   * At atMs, feed {@link DispatchEvent.EscalationDue} for this level; it replaces the incident's
   * earlier escalation timer. A timer that fires after the deadline lapsed changes nothing.
   */
  record ArmEscalation(String incidentId, int level, long atMs) implements Effect {}

  /** At atMs, feed {@link DispatchEvent.ReminderDue}; a timer that fires when no reminder is due changes nothing. */
  record ArmReminder(String incidentId, long atMs) implements Effect {}

  /** The offer was answered or withdrawn: its timer must not fire. */
  record CancelTimer(String incidentId, String orderId) implements Effect {}

  /**
   * Ask the device for a fresh position (an order with action {@code locate}); when it arrives,
   * feed {@link DispatchEvent.Retry} for the incident.
   */
  record RequestFix(String incidentId, String unitId, String deviceId) implements Effect {}

  /** Free the unit's claim. Done after persisting, so a failed write leaves the unit held. */
  record ReleaseClaim(String unitId, String incidentId) implements Effect {}

  /**
   * Alert dispatchers: a code with its parameters, and the same in plain English; unitId may be
   * null.
   */
  record Alert(AlertLevel level, AlertCode code, String incidentId, String unitId, Map<String, Object> params,
               String message) implements Effect {

    public Alert {
      params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public AlertKind kind() {
      return code.kind();
    }
  }

  /** Tell a party about the incident. */
  record Notify(String incidentId, NotifiedParty party) implements Effect {}
}
