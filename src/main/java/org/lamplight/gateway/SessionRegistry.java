package org.lamplight.gateway;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The connections of one transport held by this node, one per device. Other parts reach a
 * device's connection through it (to deliver an order, or to close it when the device connects
 * again).
 */
public final class SessionRegistry<C extends DeviceSession> {

  private final ConcurrentHashMap<String, C> byDevice = new ConcurrentHashMap<>();

  /** Registers {@code connection}, returning the connection it replaces (to be closed), if any. */
  public C register(C connection) {
    return byDevice.put(connection.deviceId(), connection);
  }

  /** Removes {@code connection} only if it is still the device's current one. */
  public boolean unregister(C connection) {
    return byDevice.remove(connection.deviceId(), connection);
  }

  public C get(String deviceId) {
    return byDevice.get(deviceId);
  }

  public boolean isConnected(String deviceId) {
    return byDevice.containsKey(deviceId);
  }

  public void forEach(Consumer<C> action) {
    byDevice.values().forEach(action);
  }

  public int size() {
    return byDevice.size();
  }
}
