package org.lamplight.domain.dispatch;

import org.lamplight.domain.Refusal;
import org.lamplight.domain.WireName;

import java.util.Map;
import java.util.Objects;

/**
 * A command dispatch refuses; nothing changed. The code and its parameters are stable and safe to
 * show to clients; the message says the same in plain English.
 */
public final class DispatchException extends RuntimeException implements Refusal {

  public enum Code implements WireName {
    /** Malformed input (HTTP 400). */
    INVALID_REQUEST,
    /** No such incident (404). */
    UNKNOWN_INCIDENT,
    /** The incident id is taken (409). */
    DUPLICATE_INCIDENT,
    /** Not allowed in the incident's status (409). */
    INVALID_STATE,
    /** The order id is not one of this incident's, or belongs to another unit (404). */
    UNKNOWN_ORDER,
    /** The unit directory does not know the unit (404). */
    UNKNOWN_UNIT,
    /** Another incident holds the unit (409). */
    UNIT_BUSY,
    /** The unit has no active assignment on this incident (409). */
    NOT_ASSIGNED,
    /** The unit already has an active assignment on this incident (409). */
    ALREADY_ASSIGNED,
    /** The offer's deadline has passed (409). */
    OFFER_EXPIRED,
    /** The assignment has ended: declined, released, cancelled or cleared (409). */
    ORDER_CLOSED,
    /** The reply does not follow from the assignment's status, e.g. enroute before accept (409). */
    INVALID_REPLY,
    /** The incident is already at its plan's last escalation level (409). */
    MAX_LEVEL,
    /** The incident is closed: its record, notes included, no longer changes (409). */
    INCIDENT_CLOSED;

    public static Code fromWire(String wire) {
      return WireName.parse(Code.class, wire);
    }
  }

  private final Code code;
  private final Map<String, Object> params;

  public DispatchException(Code code, String message) {
    this(code, message, Map.of());
  }

  /** @param params what a client needs to say it in its own words (ids, statuses), with the code */
  public DispatchException(Code code, String message, Map<String, Object> params) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
    this.params = Map.copyOf(params);
  }

  public Code code() {
    return code;
  }

  public Map<String, Object> params() {
    return params;
  }

  @Override
  public String refusalCode() {
    return code.wire();
  }

  @Override
  public Map<String, Object> refusalParams() {
    return params;
  }
}
