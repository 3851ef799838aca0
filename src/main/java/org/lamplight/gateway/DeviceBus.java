package org.lamplight.gateway;

/**
 * Event-bus addresses the gateways own. Published (not sent) so that, in a cluster, every node
 * sees them and the one holding the device's connection acts.
 */
public final class DeviceBus {

  private DeviceBus() {
  }

  /** {@code {deviceId, deliveryId, payload}}: deliver a stored order to the device if connected here. */
  public static final String ORDERS = "lamplight.gateway.orders";
  /** {@code {deviceId, unitId, message}}: a device's reply to an order or its incident report. */
  public static final String EVENTS = "lamplight.gateway.events";
  /**
   * {@code {deviceId, unitId, online, channel, unitChanged}}: a device came online, went offline,
   * or (online) showed another order channel; {@code unitChanged} when that changed its unit's presence.
   */
  public static final String PRESENCE = "lamplight.gateway.presence";
  /** {@code {deviceId, connectionId, nodeId}}: a device connected; its older connections are replaced (closed). */
  public static final String CONNECTED = "lamplight.gateway.connected";
}
