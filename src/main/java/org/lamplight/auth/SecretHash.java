package org.lamplight.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Slow salted hashes for passwords and device secrets: PBKDF2-HMAC-SHA256, stored as
 * {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} so the cost can be raised without a migration.
 */
public final class SecretHash {

  /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
  public static final int PASSWORD_ITERATIONS = 210_000;
  private static final String PREFIX = "pbkdf2-sha256";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

  private SecretHash() {
  }

  public static String hash(String secret, int iterations) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return PREFIX + "$" + iterations + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(derive(secret, salt, iterations));
  }

  public static boolean verify(String secret, String stored) {
    if (secret == null || stored == null) {
      return false;
    }
    String[] parts = stored.split("\\$");
    if (parts.length != 4 || !PREFIX.equals(parts[0])) {
      return false;
    }
    try {
      int iterations = Integer.parseInt(parts[1]);
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] expected = Base64.getDecoder().decode(parts[3]);
      return MessageDigest.isEqual(expected, derive(secret, salt, iterations));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** A fast digest, for remembering or fingerprinting what a slow hash already verified. */
  static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] derive(String secret, byte[] salt, int iterations) {
    try {
      PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, iterations, 256);
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
    }
  }
}
