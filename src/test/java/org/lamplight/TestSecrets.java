package org.lamplight;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every secret a test run used (passwords, device secrets, bearer tokens, the database's
 * password), recorded as tests create them, so that the run's last test can look for them in
 * the run's logs ({@link LogsCarryNoSecretTest}).
 */
public final class TestSecrets {

  /** Shorter strings would be found everywhere; no real secret is this short. */
  private static final int MIN_LENGTH = 8;
  private static final Map<String, String> SECRETS = new ConcurrentHashMap<>();

  static {
    register("the test admin password", TestNode.ADMIN_PASSWORD);
  }

  private TestSecrets() {
  }

  /** Records {@code secret}, described by {@code what}, and returns it. */
  public static String register(String what, String secret) {
    if (secret != null && secret.length() >= MIN_LENGTH) {
      SECRETS.put(secret, what);
    }
    return secret;
  }

  /** Records the secrets a request or response body carries: passwords, device secrets, tokens. */
  public static void registerFields(JsonObject body) {
    if (body == null) {
      return;
    }
    for (String field : new String[] {"password", "secret", "token"}) {
      if (body.getValue(field) instanceof String value && value.length() >= MIN_LENGTH) {
        SECRETS.putIfAbsent(value, "a " + field + " sent or received");
      }
    }
  }

  /** Secret to what it is. */
  public static Map<String, String> all() {
    return Map.copyOf(SECRETS);
  }
}
