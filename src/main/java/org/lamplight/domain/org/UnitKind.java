package org.lamplight.domain.org;

import java.util.Locale;

public enum UnitKind {
  AUXILIARY, OFFICER;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static UnitKind fromWire(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }
}
