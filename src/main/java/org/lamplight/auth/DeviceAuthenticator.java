package org.lamplight.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.lamplight.domain.tracking.DeviceIds;
import org.lamplight.store.DeviceRepository;
import org.lamplight.store.DeviceRepository.Credential;
import org.lamplight.store.StoreException;
import org.lamplight.store.StoreException.Kind;

/**
 * Checks a device's id and secret against the stored slow hash. The PBKDF2 check runs on a
 * worker thread; a secret that verified once is remembered (as a SHA-256 of the secret, bound to
 * the stored hash) so reconnect storms do not cost a slow hash each. Re-issuing a secret changes
 * the stored hash, which invalidates the remembered one on every node.
 */
public final class DeviceAuthenticator {

  public enum Result { OK, UNKNOWN_DEVICE, NO_SECRET_ISSUED, BAD_SECRET }

  /** The result, with the credential that verified when it is OK (a device token is bound to it). */
  public record Verification(Result result, Credential credential) {

    static Verification refused(Result result) {
      return new Verification(result, null);
    }
  }

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
    return verify(deviceId, secret).map(Verification::result);
  }

  /**
   * A device id of the wrong shape is refused as a bad secret without a query (a NUL in it would
   * fail the query like an outage); so is one the database refuses as data (SQLSTATE 22, 23).
   */
  public Future<Verification> verify(String deviceId, String secret) {
    if (!DeviceIds.isValid(deviceId) || secret == null) {
      return Future.succeededFuture(Verification.refused(Result.BAD_SECRET));
    }
    return devices.credential(deviceId).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(Verification.refused(Result.UNKNOWN_DEVICE));
      }
      Credential credential = found.get();
      String stored = credential.secretHash();
      if (stored == null) {
        return Future.succeededFuture(Verification.refused(Result.NO_SECRET_ISSUED));
      }
      byte[] digest = SecretHash.sha256(secret);
      Verified known = verified.get(deviceId);
      if (known != null && known.storedHash.equals(stored)) {
        return Future.succeededFuture(MessageDigest.isEqual(known.secretDigest, digest)
            ? new Verification(Result.OK, credential) : Verification.refused(Result.BAD_SECRET));
      }
      return vertx.executeBlocking(() -> SecretHash.verify(secret, stored), false).map(ok -> {
        if (ok) {
          verified.put(deviceId, new Verified(stored, digest));
          return new Verification(Result.OK, credential);
        }
        return Verification.refused(Result.BAD_SECRET);
      });
    }, e -> e instanceof StoreException se && se.kind() == Kind.INVALID_DATA
        ? Future.succeededFuture(Verification.refused(Result.BAD_SECRET)) : Future.failedFuture(e));
  }
}
