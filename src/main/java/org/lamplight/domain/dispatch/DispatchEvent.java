package org.lamplight.domain.dispatch;

/** An input to {@link DispatchEngine#apply}. Every event names the incident it is about. */
public sealed interface DispatchEvent {

  String incidentId();

  /** A dispatcher or an API client reports an incident; incidentId is a new UUID. */
  record Create(String incidentId, IncidentType type, int severity, double lat, double lon,
      String description, IncidentSource source, String reportedBy, Caller caller) implements DispatchEvent {}

  /** An auxiliary reports an incident where it stands and is assigned to it at once. */
  record DeviceReport(String incidentId, String unitId, IncidentType type, int severity, double lat,
      double lon, String description) implements DispatchEvent {}

  /** A device answers an order; reason is optional (decline reasons). */
  record OrderReply(String incidentId, String orderId, String unitId, ReplyAction action,
      String reason) implements DispatchEvent {}

  /**
   * A dispatcher answers for a unit on the phone (its devices cannot, e.g. Traccar Client):
   * accept or decline an offer, or report en route, on scene, clear.
   */
  record AnswerForUnit(String incidentId, String unitId, ReplyAction action, String reason, String by)
      implements DispatchEvent {}

  /** The incident's escalation deadline at this level passed (the plan's escalate_after_ms). */
  record EscalationDue(String incidentId, int level) implements DispatchEvent {}

  /** The time a cleared incident may wait for its dispatcher to resolve it passed. */
  record ReminderDue(String incidentId) implements DispatchEvent {}

  /** An offer's timer fired. */
  record OfferExpired(String incidentId, String orderId) implements DispatchEvent {}

  /**
   * A unit holding a claim for this incident can no longer be told anything: it went offline, or
   * the device that showed its orders went while a positions-only one still reports.
   *
   * @param massDisconnect it went with many others at once (a cell tower, the network, a node):
   *     dispatch does not act on it beyond marking the unit
   * @param tracked its positions still come in (Traccar Client, OsmAnd): a unit a dispatcher
   *     phones lost nothing
   */
  record UnitOffline(String incidentId, String unitId, boolean massDisconnect, boolean tracked)
      implements DispatchEvent {}

  /**
   * A unit holding a claim for this incident is online again.
   *
   * @param receivesOrders one of its devices shows orders again; without that only a unit a
   *     dispatcher phones is reachable
   */
  record UnitOnline(String incidentId, String unitId, boolean receivesOrders) implements DispatchEvent {}

  /** A dispatcher escalates by one level. */
  record Escalate(String incidentId, String by) implements DispatchEvent {}

  record Cancel(String incidentId, String by, String reason) implements DispatchEvent {}

  record Resolve(String incidentId, String by, String note) implements DispatchEvent {}

  record Close(String incidentId, String by) implements DispatchEvent {}

  /** A dispatcher assigns a unit directly, without an offer. */
  record ManualAssign(String incidentId, String unitId, String by) implements DispatchEvent {}

  /** A dispatcher takes a unit off the incident; dispatch looks for a replacement. */
  record Release(String incidentId, String unitId, String by) implements DispatchEvent {}

  /** A dispatcher adds a note to the timeline, e.g. what the caller said when phoning again. */
  record AddNote(String incidentId, String by, String text) implements DispatchEvent {}

  /** A dispatcher corrects the report; each field that changes is kept in the timeline, old and new. */
  record Edit(String incidentId, String by, IncidentEdit edit) implements DispatchEvent {}

  /** Run candidate selection again, e.g. after a requested fix arrived. */
  record Retry(String incidentId) implements DispatchEvent {}
}
