package org.lamplight.gateway.mqtt;

import java.util.Objects;
import org.lamplight.domain.tracking.DeviceIds;
import org.lamplight.gateway.mqtt.InvalidTopicException.Reason;

/**
 * A parsed device publish topic.
 *
 * <ul>
 *   <li>{@code lamplight/devices/{id}/position|status|events|orders}
 *   <li>{@code owntracks/{user}/{device}} and {@code owntracks/{user}/{device}/{suffix}}, where
 *       {@code {user}} is the MQTT user name, i.e. the device id
 * </ul>
 *
 * @param deviceId the owning device: {@code {id}}, or the OwnTracks {@code {user}}
 * @param owntracksDevice the OwnTracks {@code {device}} level; null for lamplight topics
 * @param owntracksSuffix the level after it ({@code cmd}, {@code event}...); null when absent
 */
public record DeviceTopic(
    Kind kind, String deviceId, String owntracksDevice, String owntracksSuffix) {

  public static final int MAX_LENGTH = 256;

  private static final String LAMPLIGHT_PREFIX = "lamplight/devices/";
  private static final String OWNTRACKS_PREFIX = "owntracks/";
  private static final String CMD_SUFFIX = "/cmd";
  private static final int MAX_LEVELS = 4;

  /** What a topic carries. */
  public enum Kind {
    POSITION,
    STATUS,
    EVENTS,
    ORDERS,
    OWNTRACKS_LOCATION,
    OWNTRACKS_CMD,
    /** event, status, info, waypoint(s), dump, step, beacon: accepted, not used. */
    OWNTRACKS_OTHER;

    /** False for the server-to-device topics. */
    public boolean deviceMayPublish() {
      return this != ORDERS && this != OWNTRACKS_CMD;
    }
  }

  public DeviceTopic {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(deviceId, "deviceId");
  }

  /**
   * Parses a publish topic name; never returns null.
   *
   * @throws InvalidTopicException when the topic is not a device topic
   */
  public static DeviceTopic parse(String topic) {
    if (topic.length() > MAX_LENGTH) {
      throw new InvalidTopicException(Reason.TOO_LONG, topic);
    }
    for (int i = 0; i < topic.length(); i++) {
      char c = topic.charAt(i);
      if (c == '+' || c == '#') {
        throw new InvalidTopicException(Reason.WILDCARD, topic);
      }
      if (c == 0) {
        throw new InvalidTopicException(Reason.ILLEGAL_CHARACTER, topic);
      }
    }
    String[] levels = topic.split("/", -1);
    for (String level : levels) {
      if (level.isEmpty()) {
        throw new InvalidTopicException(Reason.EMPTY_LEVEL, topic);
      }
    }
    if (levels.length > MAX_LEVELS) {
      throw new InvalidTopicException(Reason.TOO_MANY_LEVELS, topic);
    }
    return switch (levels[0]) {
      case "lamplight" -> lamplight(topic, levels);
      case "owntracks" -> ownTracks(topic, levels);
      default -> throw new InvalidTopicException(Reason.UNKNOWN_PREFIX, topic);
    };
  }

  /** True when the device authenticated as {@code deviceId} owns this topic. */
  public boolean isOwnedBy(String deviceId) {
    return this.deviceId.equals(deviceId);
  }

  /** The topic the server publishes orders to. */
  public static String ordersTopic(String deviceId) {
    return LAMPLIGHT_PREFIX + requireDeviceId(deviceId) + "/orders";
  }

  /** The topic an OwnTracks app listens on for commands such as reportLocation. */
  public static String ownTracksCmdTopic(String user, String device) {
    if (!isOwnTracksDeviceLevel(device)) {
      throw new IllegalArgumentException("not a topic level: " + device);
    }
    return OWNTRACKS_PREFIX + requireDeviceId(user) + "/" + device + CMD_SUFFIX;
  }

  /**
   * Whether a device may SUBSCRIBE to {@code filter}: only its own orders topic, and its own
   * OwnTracks command topic ({@code owntracks/{id}/+/cmd} or {@code owntracks/{id}/{x}/cmd}).
   */
  public static boolean isSubscriptionAllowed(String deviceId, String filter) {
    if (filter == null || filter.length() > MAX_LENGTH || !DeviceIds.isValid(deviceId)) {
      return false;
    }
    if (filter.equals(ordersTopic(deviceId))) {
      return true;
    }
    String prefix = OWNTRACKS_PREFIX + deviceId + "/";
    if (!filter.startsWith(prefix) || !filter.endsWith(CMD_SUFFIX)
        || filter.length() < prefix.length() + CMD_SUFFIX.length()) {
      return false;
    }
    String device = filter.substring(prefix.length(), filter.length() - CMD_SUFFIX.length());
    return device.equals("+") || isOwnTracksDeviceLevel(device);
  }

  private static DeviceTopic lamplight(String topic, String[] levels) {
    if (levels.length < 2 || !levels[1].equals("devices")) {
      throw new InvalidTopicException(Reason.UNKNOWN_PREFIX, topic);
    }
    if (levels.length < 4) {
      throw new InvalidTopicException(Reason.TOO_FEW_LEVELS, topic);
    }
    Kind kind = switch (levels[3]) {
      case "position" -> Kind.POSITION;
      case "status" -> Kind.STATUS;
      case "events" -> Kind.EVENTS;
      case "orders" -> Kind.ORDERS;
      default -> throw new InvalidTopicException(Reason.UNKNOWN_SUFFIX, topic);
    };
    return new DeviceTopic(kind, deviceIdLevel(topic, levels[2]), null, null);
  }

  private static DeviceTopic ownTracks(String topic, String[] levels) {
    if (levels.length < 3) {
      throw new InvalidTopicException(Reason.TOO_FEW_LEVELS, topic);
    }
    String user = deviceIdLevel(topic, levels[1]);
    if (levels.length == 3) {
      return new DeviceTopic(Kind.OWNTRACKS_LOCATION, user, levels[2], null);
    }
    Kind kind = switch (levels[3]) {
      case "cmd" -> Kind.OWNTRACKS_CMD;
      case "event", "status", "info", "waypoint", "waypoints", "dump", "step", "beacon" ->
          Kind.OWNTRACKS_OTHER;
      default -> throw new InvalidTopicException(Reason.UNKNOWN_SUFFIX, topic);
    };
    return new DeviceTopic(kind, user, levels[2], levels[3]);
  }

  private static String deviceIdLevel(String topic, String level) {
    if (!DeviceIds.isValid(level)) {
      throw new InvalidTopicException(Reason.INVALID_DEVICE_ID, topic);
    }
    return level;
  }

  private static String requireDeviceId(String deviceId) {
    if (!DeviceIds.isValid(deviceId)) {
      throw new IllegalArgumentException("not a device id: " + deviceId);
    }
    return deviceId;
  }

  /** The free-form OwnTracks {device} level: anything that is a single, literal topic level. */
  private static boolean isOwnTracksDeviceLevel(String level) {
    return level != null && !level.isEmpty()
        && level.chars().noneMatch(c -> c == '/' || c == '+' || c == '#' || c == 0);
  }
}
