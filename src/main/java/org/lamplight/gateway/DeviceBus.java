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
   * {@code {deviceId, unitId, message}}: a device's work ledger entry, sent (request and reply) to
   * this node's ledger, which answers once it is stored or fails with {@link #REFUSED} when the
   * entry cannot be taken; the device is acknowledged only after the answer.
   */
  public static final String LEDGER = "lamplight.gateway.ledger";
  /** The failure code of a ledger entry refused as data (an unknown village, no position to place it). */
  public static final int REFUSED = 400;
  /** How long the gateway waits for the ledger to store an entry. */
  public static final long LEDGER_TIMEOUT_MS = 10_000;
  /**
   * {@code {deviceId, unitId, online, channel, unitChanged}}: a device came online, went offline,
   * or (online) showed another order channel; {@code unitChanged} when that changed its unit's presence.
   */
  public static final String PRESENCE = "lamplight.gateway.presence";
  /** {@code {deviceId, connectionId, nodeId}}: a device connected; its older connections are replaced (closed). */
  public static final String CONNECTED = "lamplight.gateway.connected";
  /**
   * {@code {deviceId, reason}}: close the device's connection at once (its secret was revoked or
   * replaced, or it was retired); it is offline at once, and its next connection is checked anew.
   */
  public static final String CLOSE = "lamplight.gateway.close";
}
