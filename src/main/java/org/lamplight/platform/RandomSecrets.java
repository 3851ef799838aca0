package org.lamplight.platform;

import java.security.SecureRandom;
import java.util.Base64;

/** Random secrets Lamplight generates: device secrets, passwords, signing keys. */
public final class RandomSecrets {

  private static final SecureRandom RANDOM = new SecureRandom();

  private RandomSecrets() {
  }

  /** A random URL-safe secret with {@code bytes} bytes of entropy. */
  public static String generate(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
