package org.lamplight.config;

/** A configuration problem; its message is one line that names the key and the fix. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  /** A listener could not open its port (in use, or not allowed). */
  public static ConfigException portUnavailable(Key<Integer> key, int port, Throwable cause) {
    return new ConfigException("cannot listen on " + key.name() + " " + port + " (" + cause.getMessage()
        + "); free the port or set " + key.envName());
  }
}
