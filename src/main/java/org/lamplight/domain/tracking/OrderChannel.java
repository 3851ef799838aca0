package org.lamplight.domain.tracking;

import org.lamplight.domain.WireName;

/**
 * What a device can be told: whether an offer sent to it can be seen and answered. Ordered from
 * least to most, so a unit's channel is the best among its online devices.
 */
public enum OrderChannel implements WireName {
  /** Positions only (Traccar Client / OsmAnd over HTTP): orders cannot reach it. */
  NONE,
  /** It can be asked for a fresh position but cannot show an offer (OwnTracks). */
  LOCATE,
  /** It receives orders and answers them (a Lamplight device subscribed to its orders, the field app). */
  ORDERS;

  public boolean canOffer() {
    return this == ORDERS;
  }

  public static OrderChannel fromWire(String wire) {
    return WireName.parse(OrderChannel.class, wire);
  }
}
