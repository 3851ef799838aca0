package org.lamplight.gateway;

import io.vertx.core.Context;
import org.lamplight.gateway.mqtt.DeviceTopic;

/** One authenticated device connection, as the routing of its messages sees it, whatever the transport. */
public interface DeviceSession {

  String deviceId();

  /** The unit (person) the device reports for. */
  String unitId();

  /**
   * The topic a message came on, parsed; throws {@link org.lamplight.gateway.mqtt.InvalidTopicException}
   * when it is not a device topic.
   */
  default DeviceTopic topic(String name) {
    return DeviceTopic.parse(name);
  }

  /** Whether messages on topics of this kind may come over this transport (OwnTracks' only over MQTT). */
  boolean carries(DeviceTopic.Kind kind);

  /** The event loop the connection is touched on. */
  Context context();

  /** Whether {@code owner} (the verticle that accepted it) holds this connection. */
  boolean ownedBy(Object owner);

  /**
   * Ends the connection, on its own event loop: the device may no longer connect as it did (its
   * secret was revoked or replaced, it was retired or handed to someone else). It goes offline at once.
   */
  void closeRefused(String reason);

  /** An OwnTracks topic named the phone's {@code {device}} level, which its command topic needs. */
  default void ownTracksDevice(String name) {
  }
}
