package org.lamplight.gateway;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
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

  /**
   * Closes the device's connection if {@code owner} (a transport's verticle) holds it: it goes
   * offline at once, and it must connect (and be checked) again.
   */
  public void close(String deviceId, Object owner, String reason) {
    C conn = byDevice.get(deviceId);
    if (conn != null && conn.ownedBy(owner)) {
      conn.context().runOnContext(v -> conn.closeRefused(reason));
    }
  }

  /**
   * Closes every connection for which {@code notAnyMore} holds, given its device and the unit it
   * connected as: a device retired or handed to someone else.
   */
  public void closeWhere(BiPredicate<String, String> notAnyMore, String reason) {
    byDevice.forEach((deviceId, conn) -> {
      if (notAnyMore.test(deviceId, conn.unitId())) {
        conn.context().runOnContext(v -> conn.closeRefused(reason));
      }
    });
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
