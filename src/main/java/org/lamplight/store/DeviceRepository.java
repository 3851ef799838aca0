package org.lamplight.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;

/** Patrol devices and their credentials (hashes only). */
public final class DeviceRepository {

  /** A retired device is unknown: it can no longer connect. */
  private static final String SELECT_CREDENTIAL =
      "select unit_id, secret_hash from devices where id = $1 and retired_at is null";
  private static final String UPDATE_SECRET =
      "update devices set secret_hash = $2, secret_issued_at = now() where id = $1 and retired_at is null returning unit_id";

  /** A device's unit and stored secret hash (null when no secret was ever issued). */
  public record Credential(String deviceId, String unitId, String secretHash) {
  }

  private final Pool pool;

  public DeviceRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<Optional<Credential>> credential(String deviceId) {
    return pool.preparedQuery(SELECT_CREDENTIAL).execute(Tuple.of(deviceId))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.<Credential>empty();
          }
          Row r = rows.iterator().next();
          return Optional.of(new Credential(deviceId, r.getString("unit_id"), r.getString("secret_hash")));
        })
        .recover(StoreErrors::recover);
  }

  /** Replaces the secret hash; false when the device does not exist. */
  public Future<Boolean> replaceSecret(String deviceId, String secretHash) {
    return pool.preparedQuery(UPDATE_SECRET).execute(Tuple.of(deviceId, secretHash))
        .map(rows -> rows.rowCount() > 0)
        .recover(StoreErrors::recover);
  }
}
