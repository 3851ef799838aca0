package org.lamplight.gateway.mqtt;

import java.util.Objects;

/** A publish topic that is not one of the device topics. Cheap: no stack trace. */
public final class InvalidTopicException extends RuntimeException {

  /** What is wrong with the topic. */
  public enum Reason {
    TOO_LONG,
    /** '+' or '#' in a publish topic. */
    WILDCARD,
    /** U+0000, which MQTT forbids in topic names. */
    ILLEGAL_CHARACTER,
    /** An empty topic, or a leading, trailing or doubled '/'. */
    EMPTY_LEVEL,
    TOO_MANY_LEVELS,
    TOO_FEW_LEVELS,
    /** Neither {@code lamplight/devices/} nor {@code owntracks/}. */
    UNKNOWN_PREFIX,
    INVALID_DEVICE_ID,
    UNKNOWN_SUFFIX
  }

  /** Topics can be long; the message shows enough to recognise one in a log. */
  private static final int SHOWN_CHARS = 80;

  private final Reason reason;

  InvalidTopicException(Reason reason, String topic) {
    super(reason + ": " + abbreviate(topic), null, false, false);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }

  private static String abbreviate(String topic) {
    return topic.length() <= SHOWN_CHARS ? topic : topic.substring(0, SHOWN_CHARS) + "...";
  }
}
