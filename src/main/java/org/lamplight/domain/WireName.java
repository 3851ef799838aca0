package org.lamplight.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The lower_snake name an enum constant has on the wire, in storage and in configuration.
 * Implemented by every enum of this package; each enum adds a static {@code fromWire}.
 */
public interface WireName {

  String name();

  /** Each enum's names are lowered once: wire names are written for every fix and every console message. */
  default String wire() {
    Enum<?> constant = (Enum<?>) this;
    return WireNames.NAMES.get(constant.getDeclaringClass())[constant.ordinal()];
  }

  /** Parses a wire name; the message names the kind of value and the accepted names. */
  static <E extends Enum<E> & WireName> E parse(Class<E> type, String wire) {
    if (wire != null) {
      for (E constant : type.getEnumConstants()) {
        if (constant.wire().equals(wire)) {
          return constant;
        }
      }
    }
    String what = type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    if (wire == null) {
      throw new IllegalArgumentException("missing " + what);
    }
    String accepted = Arrays.stream(type.getEnumConstants()).map(WireName::wire)
        .collect(Collectors.joining(", "));
    throw new IllegalArgumentException("unknown " + what + " '" + wire + "', expected one of: " + accepted);
  }
}
