package org.lamplight.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Resolved configuration: defaults from {@link Keys}, then the YAML file, then {@code LAMPLIGHT_*}
 * environment variables, then explicit overrides (tests). Every value is parsed when the
 * configuration is built, so a bad value stops start-up with one line naming the key.
 */
public final class Config {

  private final Map<Key<?>, Object> values;

  private Config(Map<Key<?>, Object> values) {
    this.values = values;
  }

  @SuppressWarnings("unchecked")
  public <T> T get(Key<T> key) {
    return (T) values.get(key);
  }

  /** A copy with some keys replaced (values may be raw strings, as in the environment). */
  public Config with(Map<Key<?>, ?> overrides) {
    Map<Key<?>, Object> copy = new HashMap<>(values);
    overrides.forEach((key, raw) -> copy.put(key, parse(key, raw, "override")));
    return new Config(copy);
  }

  public static Config defaults() {
    return build(Map.of(), Map.of(), "defaults");
  }

  /** Loads {@code file} (may be missing) and applies the environment. */
  public static Config load(Path file, Map<String, String> env) {
    Map<String, Object> fromFile = Files.exists(file) ? readYaml(file) : Map.of();
    return build(fromFile, env, file.toString());
  }

  private static Config build(Map<String, Object> fromFile, Map<String, String> env, String source) {
    Map<String, Key<?>> byName = new HashMap<>();
    Keys.all().forEach(k -> byName.put(k.name(), k));
    Keys.RENAMED.forEach((old, renamed) -> {
      String variable = Key.envName(old);
      if (fromFile.containsKey(old) || env.containsKey(variable)) {
        throw new ConfigException("configuration key '" + old + "' (" + (fromFile.containsKey(old) ? source : variable)
            + ") is now '" + renamed.name() + "' (" + renamed.envName() + "), used by every TLS listener; rename it");
      }
    });
    for (String name : fromFile.keySet()) {
      if (!byName.containsKey(name)) {
        throw new ConfigException("unknown configuration key '" + name + "' in " + source);
      }
    }
    Map<Key<?>, Object> values = new HashMap<>();
    for (Key<?> key : Keys.all()) {
      Object value = key.defaultValue();
      if (fromFile.containsKey(key.name())) {
        value = parse(key, fromFile.get(key.name()), source);
      }
      String fromEnv = env.get(key.envName());
      if (fromEnv != null) {
        value = parse(key, fromEnv, "environment variable " + key.envName());
      }
      values.put(key, value);
    }
    return new Config(values);
  }

  private static Object parse(Key<?> key, Object raw, String source) {
    if (raw == null) {
      return key.defaultValue();
    }
    try {
      return key.parse(raw);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("configuration key '" + key.name() + "' (" + source + ") " + e.getMessage());
    }
  }

  private static Map<String, Object> readYaml(Path file) {
    try (Reader reader = Files.newBufferedReader(file)) {
      Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
      Map<String, Object> flat = new LinkedHashMap<>();
      if (root instanceof Map<?, ?> map) {
        flatten("", map, flat);
      } else if (root != null) {
        throw new ConfigException(file + " must be a YAML mapping of keys");
      }
      return flat;
    } catch (IOException e) {
      throw new ConfigException("cannot read " + file + ": " + e.getMessage());
    } catch (RuntimeException e) {
      if (e instanceof ConfigException) {
        throw e;
      }
      throw new ConfigException("cannot parse " + file + ": " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  /** Nested YAML ({@code mqtt: {port: 1883}}) and dotted keys ({@code mqtt.port: 1883}) are equivalent. */
  private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> out) {
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String name = prefix + e.getKey();
      if (e.getValue() instanceof Map<?, ?> child) {
        flatten(name + ".", child, out);
      } else {
        out.put(name, e.getValue());
      }
    }
  }
}
