package org.lamplight.domain.tracking;

/**
 * Why a device message was refused. {@link #code()} goes on the wire (error bodies, metrics
 * labels, logs) and must never change once released; constant names are free to change.
 */
public enum RejectReason {
  MALFORMED_JSON("malformed_json"),
  PAYLOAD_TOO_LARGE("payload_too_large"),
  MISSING_FIELD("missing_field"),
  WRONG_TYPE("wrong_type"),
  /** Right type, but not one of the accepted values (e.g. {@code "duty":"maybe"}, a bad id). */
  INVALID_VALUE("invalid_value"),
  NOT_A_NUMBER("not_a_number"),
  LAT_OUT_OF_RANGE("lat_out_of_range"),
  LON_OUT_OF_RANGE("lon_out_of_range"),
  /** Exactly 0,0: what broken receivers report when they have no fix at all. */
  NO_FIX("no_fix"),
  TIMESTAMP_IN_FUTURE("timestamp_in_future"),
  TIMESTAMP_TOO_OLD("timestamp_too_old"),
  IMPLAUSIBLE_JUMP("implausible_jump"),
  TOPIC_NOT_ALLOWED("topic_not_allowed"),
  UNKNOWN_DEVICE("unknown_device"),
  BAD_CREDENTIALS("bad_credentials"),
  UNSUPPORTED_MESSAGE("unsupported_message"),
  /** An HTTP request that cannot be read: a bad percent-encoding, a body that does not decode. */
  MALFORMED_REQUEST("malformed_request"),
  /** More fixes than the device's rate limit allows; the others' are unaffected. */
  RATE_LIMITED("rate_limited"),
  /** The server cannot record the message right now (its database is down): send it again later. */
  UNAVAILABLE("unavailable"),
  /** MQTT: a new subscription beyond the most one connection may hold. */
  TOO_MANY_SUBSCRIPTIONS("too_many_subscriptions");

  private final String code;

  RejectReason(String code) {
    this.code = code;
  }

  /** Stable lower_snake_case identifier. */
  public String code() {
    return code;
  }
}
