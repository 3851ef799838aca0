package org.lamplight.domain.evaluation;

import org.lamplight.domain.WireName;

/** The class an office is ranked in for a month: 一类, 二类, 三类. */
public enum Tier implements WireName {
  FIRST, SECOND, THIRD;

  public static Tier fromWire(String wire) {
    return WireName.parse(Tier.class, wire);
  }
}
