package org.lamplight.gateway;

import org.lamplight.gateway.mqtt.DeviceTopic;

/** One authenticated device connection, as the routing of its messages sees it, whatever the transport. */
public interface DeviceSession {

  String deviceId();

  /** The unit (person) the device reports for. */
  String unitId();

  /** Whether messages on topics of this kind may come over this transport (OwnTracks' only over MQTT). */
  boolean carries(DeviceTopic.Kind kind);

  /** An OwnTracks topic named the phone's {@code {device}} level, which its command topic needs. */
  default void ownTracksDevice(String name) {
  }
}
