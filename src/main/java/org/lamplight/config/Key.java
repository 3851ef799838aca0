package org.lamplight.config;

import java.util.Locale;
import java.util.function.Function;

/**
 * One typed configuration key. The YAML path is the dotted name ({@code mqtt.port}); the
 * environment variable is derived from it ({@code LAMPLIGHT_MQTT_PORT}).
 */
public final class Key<T> {

  private final String name;
  private final String type;
  private final T defaultValue;
  private final String description;
  private final Function<Object, T> parser;

  private Key(String name, String type, T defaultValue, String description, Function<Object, T> parser) {
    this.name = name;
    this.type = type;
    this.defaultValue = defaultValue;
    this.description = description;
    this.parser = parser;
  }

  static Key<String> string(String name, String defaultValue, String description) {
    return new Key<>(name, "string", defaultValue, description, v -> v == null ? "" : v.toString());
  }

  static Key<Integer> integer(String name, int defaultValue, String description) {
    return new Key<>(name, "integer", defaultValue, description, v -> {
      if (v instanceof Number n && n.doubleValue() == n.intValue()) {
        return n.intValue();
      }
      try {
        return Integer.parseInt(v.toString().trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("expects an integer, got '" + v + "'");
      }
    });
  }

  static Key<Long> duration(String name, long defaultMillis, String description) {
    return new Key<>(name, "duration", defaultMillis, description, Key::parseDurationMillis);
  }

  static Key<Double> decimal(String name, double defaultValue, String description) {
    return new Key<>(name, "number", defaultValue, description, v -> {
      if (v instanceof Number n) {
        return n.doubleValue();
      }
      try {
        return Double.parseDouble(v.toString().trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("expects a number, got '" + v + "'");
      }
    });
  }

  static Key<Boolean> bool(String name, boolean defaultValue, String description) {
    return new Key<>(name, "boolean", defaultValue, description, v -> {
      if (v instanceof Boolean b) {
        return b;
      }
      return switch (v.toString().trim().toLowerCase(Locale.ROOT)) {
        case "true", "yes", "on", "1" -> true;
        case "false", "no", "off", "0" -> false;
        default -> throw new IllegalArgumentException("expects true or false, got '" + v + "'");
      };
    });
  }

  /** Durations are written {@code 250ms}, {@code 30s}, {@code 5m}, {@code 12h}, {@code 7d}; a bare number is milliseconds. */
  static long parseDurationMillis(Object v) {
    if (v instanceof Number n) {
      return n.longValue();
    }
    String s = v.toString().trim().toLowerCase(Locale.ROOT);
    String[][] units = {{"ms", "1"}, {"s", "1000"}, {"m", "60000"}, {"h", "3600000"}, {"d", "86400000"}};
    try {
      for (String[] unit : units) {
        if (s.endsWith(unit[0])) {
          String number = s.substring(0, s.length() - unit[0].length()).trim();
          return Math.round(Double.parseDouble(number) * Long.parseLong(unit[1]));
        }
      }
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expects a duration such as 250ms, 30s, 5m or 12h, got '" + v + "'");
    }
  }

  T parse(Object raw) {
    return parser.apply(raw);
  }

  public String name() {
    return name;
  }

  public String type() {
    return type;
  }

  public T defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  public String envName() {
    return envName(name);
  }

  /** The environment variable of a key's name: {@code mqtt.port} is {@code LAMPLIGHT_MQTT_PORT}. */
  static String envName(String name) {
    return "LAMPLIGHT_" + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  @Override
  public String toString() {
    return name;
  }
}
