package org.lamplight.domain.dispatch;

import org.lamplight.domain.WireName;

/** What an order asks of a device. {@code locate} is what the dispatch verticle sends for a {@link Effect.RequestFix}. */
public enum OrderAction implements WireName {
  OFFER, CANCEL, UPDATE, LOCATE;

  public static OrderAction fromWire(String wire) {
    return WireName.parse(OrderAction.class, wire);
  }
}
