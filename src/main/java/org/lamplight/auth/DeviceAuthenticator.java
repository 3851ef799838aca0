package org.lamplight.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.lamplight.store.DeviceRepository;

/**
 * Checks a device's id and secret against the stored slow hash. The PBKDF2 check runs on a
 * worker thread; a secret that verified once is remembered (as a SHA-256 of the secret, bound to
 * the stored hash) so reconnect storms do not cost a slow hash each. Re-issuing a secret changes
 * the stored hash, which invalidates the remembered one on every node.
 */
public final class DeviceAuthenticator {

  public enum Result { OK, UNKNOWN_DEVICE, NO_SECRET_ISSUED, BAD_SECRET }

  private record Verified(String storedHash, byte[] secretDigest) {
  }

  private final Vertx vertx;
  private final DeviceRepository devices;
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();

  public DeviceAuthenticator(Vertx vertx, DeviceRepository devices) {
    this.vertx = vertx;
    this.devices = devices;
  }

  public Future<Result> authenticate(String deviceId, String secret) {
    if (deviceId == null || secret == null) {
      return Future.succeededFuture(Result.BAD_SECRET);
    }
    return devices.credential(deviceId).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(Result.UNKNOWN_DEVICE);
      }
      String stored = found.get().secretHash();
      if (stored == null) {
        return Future.succeededFuture(Result.NO_SECRET_ISSUED);
      }
      byte[] digest = sha256(secret);
      Verified known = verified.get(deviceId);
      if (known != null && known.storedHash.equals(stored)) {
        return Future.succeededFuture(MessageDigest.isEqual(known.secretDigest, digest) ? Result.OK : Result.BAD_SECRET);
      }
      return vertx.executeBlocking(() -> SecretHash.verify(secret, stored), false).map(ok -> {
        if (ok) {
          verified.put(deviceId, new Verified(stored, digest));
          return Result.OK;
        }
        return Result.BAD_SECRET;
      });
    });
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
