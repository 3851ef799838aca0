package org.lamplight.domain;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed reads from a map of plain values (as a YAML or JSON parser produces them), with error
 * messages that say where the value came from.
 */
public final class PlainValues {

  private final Map<String, ?> values;
  private final String context;

  public PlainValues(Map<String, ?> values, String context) {
    this.values = values;
    this.context = context;
    if (values == null) {
      throw error("missing");
    }
  }

  /** The same values, with errors reported as coming from another context. */
  public PlainValues in(String otherContext) {
    return new PlainValues(values, otherContext);
  }

  /** Refuses keys outside the known ones, so a misspelt key is not silently ignored. */
  public PlainValues onlyKeys(Set<String> knownKeys) {
    Set<String> unknown = new TreeSet<>(values.keySet());
    unknown.removeAll(knownKeys);
    if (!unknown.isEmpty()) {
      throw error("unknown keys " + unknown + ", expected some of " + new TreeSet<>(knownKeys));
    }
    return this;
  }

  public String string(String key) {
    String value = optionalString(key);
    if (value == null) {
      throw error("'" + key + "' is missing");
    }
    return value;
  }

  public String optionalString(String key) {
    Object value = values.get(key);
    if (value != null && !(value instanceof String)) {
      throw error("'" + key + "' must be a string, got " + value);
    }
    return (String) value;
  }

  public boolean flag(String key) {
    Object value = values.get(key);
    if (value != null && !(value instanceof Boolean)) {
      throw error("'" + key + "' must be true or false, got " + value);
    }
    return Boolean.TRUE.equals(value);
  }

  public int wholeNumber(String key) {
    long value = longNumber(key);
    if (value != (int) value) {
      throw error("'" + key + "' is too large: " + value);
    }
    return (int) value;
  }

  public int wholeNumber(String key, int absent) {
    return values.get(key) == null ? absent : wholeNumber(key);
  }

  public long longNumber(String key) {
    double value = number(key);
    if (value != Math.rint(value) || Math.abs(value) > Long.MAX_VALUE) {
      throw error("'" + key + "' must be a whole number, got " + values.get(key));
    }
    return (long) value;
  }

  public double number(String key) {
    Object value = values.get(key);
    if (value == null) {
      throw error("'" + key + "' is missing");
    }
    if (!(value instanceof Number number)) {
      throw error("'" + key + "' must be a number, got " + value);
    }
    return number.doubleValue();
  }

  /** The keys present, sorted. */
  public Set<String> keys() {
    return new TreeSet<>(values.keySet());
  }

  /** A nested map, with errors reported as coming from "context.key". */
  @SuppressWarnings("unchecked")
  public PlainValues nested(String key) {
    Object value = values.get(key);
    if (!(value instanceof Map<?, ?>)) {
      throw error("'" + key + "' must be a map, got " + value);
    }
    return new PlainValues((Map<String, ?>) value, context + "." + key);
  }

  /** A list of maps, empty when absent. */
  @SuppressWarnings("unchecked")
  public List<Map<String, ?>> maps(String key) {
    Object value = values.get(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list) || !list.stream().allMatch(Map.class::isInstance)) {
      throw error("'" + key + "' must be a list of maps, got " + value);
    }
    return (List<Map<String, ?>>) list;
  }

  public IllegalArgumentException error(String message) {
    return new IllegalArgumentException(context + ": " + message);
  }
}
