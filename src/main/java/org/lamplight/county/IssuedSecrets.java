package org.lamplight.county;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * New devices' secrets in clear, handed back once to whoever made the change (the API answers with
 * them) instead of being written to a file. Never printed: {@link #toString} names the devices only.
 */
public final class IssuedSecrets {

  public static final IssuedSecrets NONE = new IssuedSecrets(Map.of());

  private final Map<String, String> byDevice;

  IssuedSecrets(Map<String, String> byDevice) {
    this.byDevice = Map.copyOf(byDevice);
  }

  /** Device id to its secret, in no particular order. */
  public Map<String, String> byDevice() {
    return byDevice;
  }

  public boolean isEmpty() {
    return byDevice.isEmpty();
  }

  @Override
  public String toString() {
    return "IssuedSecrets" + new LinkedHashMap<>(byDevice).keySet();
  }
}
