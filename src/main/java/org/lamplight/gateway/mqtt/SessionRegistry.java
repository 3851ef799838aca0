package org.lamplight.gateway.mqtt;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The MQTT connections held by this node, one per device. Other parts reach a device's
 * connection through it (to deliver an order, or to close it when the device connects again).
 */
public final class SessionRegistry {

  private final ConcurrentHashMap<String, DeviceConnection> byDevice = new ConcurrentHashMap<>();

  /** Registers {@code connection}, returning the connection it replaces (to be closed), if any. */
  DeviceConnection register(DeviceConnection connection) {
    return byDevice.put(connection.deviceId(), connection);
  }

  /** Removes {@code connection} only if it is still the device's current one. */
  boolean unregister(DeviceConnection connection) {
    return byDevice.remove(connection.deviceId(), connection);
  }

  DeviceConnection get(String deviceId) {
    return byDevice.get(deviceId);
  }

  public boolean isConnected(String deviceId) {
    return byDevice.containsKey(deviceId);
  }

  public int size() {
    return byDevice.size();
  }
}
