package org.lamplight.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.lamplight.store.DeviceRepository;
import org.lamplight.store.DeviceRepository.Credential;

/**
 * Long-lived bearer tokens for devices that log in over HTTP (the field app), so a phone stays
 * logged in without keeping its secret. A token is bound to the device's secret as it was at
 * login: issuing a new secret, revoking it or retiring the device ends every token issued before,
 * which {@link #verify} checks on every use. Device tokens are signed with a key of their own,
 * derived from the node's signing key, so a device token is never taken for an account's.
 */
public final class DeviceTokens {

  /** The device a valid token speaks for. */
  public record DeviceIdentity(String deviceId, String unitId) {
  }

  /** A token that does not (or no longer) speak for a device; its message is safe to show. */
  public static final class Refused extends RuntimeException {

    public Refused(String message) {
      super(message, null, false, false);
    }
  }

  private static final String PURPOSE = "lamplight device tokens v1";
  private static final String TYPE = "device";

  private final JWTAuth jwt;
  private final DeviceRepository devices;
  private final long ttlSeconds;

  public DeviceTokens(Vertx vertx, String signingKey, DeviceRepository devices, long ttlMillis) {
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(derivedKey(signingKey))));
    this.devices = devices;
    this.ttlSeconds = Math.max(60, ttlMillis / 1000);
  }

  /** A token for a device whose secret was just verified against {@code credential}. */
  public String issue(Credential credential) {
    JsonObject claims = new JsonObject().put("sub", credential.deviceId()).put("typ", TYPE)
        .put("sf", fingerprint(credential.secretHash()));
    return jwt.generateToken(claims, new JWTOptions().setExpiresInSeconds((int) Math.min(Integer.MAX_VALUE, ttlSeconds)));
  }

  public long ttlSeconds() {
    return ttlSeconds;
  }

  /**
   * The device the token speaks for; fails with {@link Refused} when it is malformed, expired, not
   * a device token, or its device's secret changed since, and with a store error when the
   * database cannot say.
   */
  public Future<DeviceIdentity> verify(String token) {
    if (token == null || token.isBlank()) {
      return Future.failedFuture(new Refused("a device token is required (POST /api/device/login)"));
    }
    return jwt.authenticate(new TokenCredentials(token))
        .recover(e -> Future.failedFuture(new Refused("the device token is invalid or expired")))
        .compose(user -> {
          JsonObject p = user.principal();
          String deviceId = p.getString("sub");
          if (!TYPE.equals(p.getString("typ")) || deviceId == null) {
            return Future.failedFuture(new Refused("not a device token"));
          }
          return devices.credential(deviceId).compose(found -> {
            Credential c = found.orElse(null);
            if (c == null || c.secretHash() == null || !fingerprint(c.secretHash()).equals(p.getString("sf"))) {
              return Future.failedFuture(new Refused("the device's secret changed; log in again"));
            }
            return Future.succeededFuture(new DeviceIdentity(deviceId, c.unitId()));
          });
        });
  }

  /** Names the stored hash without revealing anything of it or of the secret. */
  private static String fingerprint(String secretHash) {
    byte[] digest = SecretHash.sha256(PURPOSE + "\n" + secretHash);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
  }

  private static String derivedKey(String signingKey) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(signingKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(PURPOSE.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
