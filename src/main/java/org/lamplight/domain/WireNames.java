package org.lamplight.domain;

import java.util.Arrays;
import java.util.Locale;

/** The wire names of each {@link WireName} enum, in the order of its constants. */
final class WireNames {

  static final ClassValue<String[]> NAMES = new ClassValue<>() {
    @Override
    protected String[] computeValue(Class<?> type) {
      return Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT))
          .toArray(String[]::new);
    }
  };

  private WireNames() {
  }
}
