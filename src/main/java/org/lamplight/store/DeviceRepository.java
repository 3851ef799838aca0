package org.lamplight.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Patrol devices and their credentials (hashes only). */
public final class DeviceRepository {

  /** A retired device is unknown: it can no longer connect. */
  private static final String SELECT_CREDENTIAL =
      "select unit_id, secret_hash from devices where id = $1 and retired_at is null";
  private static final String UPDATE_SECRET =
      "update devices set secret_hash = $2, secret_issued_at = now() where id = $1 and retired_at is null returning unit_id";

  private static final String REVOKE_SECRET =
      "update devices set secret_hash = null, secret_issued_at = null where id = $1 and retired_at is null returning unit_id";
  private static final String SECRETS_ISSUED = "select id, secret_issued_at from devices";

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

  /** Replaces the secret hash with its audit entry; false (nothing written) when there is no such device. */
  public Future<Boolean> replaceSecret(String deviceId, String secretHash, AuditLog.Entry audit) {
    return secretChange(UPDATE_SECRET, Tuple.of(deviceId, secretHash), audit);
  }

  /** Takes the secret away (the device can no longer connect until a new one is issued); false when there is no such device. */
  public Future<Boolean> revokeSecret(String deviceId, AuditLog.Entry audit) {
    return secretChange(REVOKE_SECRET, Tuple.of(deviceId), audit);
  }

  /** When each device's secret was issued; a device without a secret maps to null. */
  public Future<Map<String, Long>> secretsIssued() {
    return pool.query(SECRETS_ISSUED).execute().map(rows -> {
      Map<String, Long> out = new HashMap<>();
      rows.forEach(r -> {
        OffsetDateTime at = r.getOffsetDateTime("secret_issued_at");
        out.put(r.getString("id"), at == null ? null : at.toInstant().toEpochMilli());
      });
      return out;
    }).recover(StoreErrors::recover);
  }

  private Future<Boolean> secretChange(String sql, Tuple args, AuditLog.Entry audit) {
    return pool.withTransaction(tx -> tx.preparedQuery(sql).execute(args).compose(rows -> rows.rowCount() == 0
            ? Future.succeededFuture(false) : AuditLog.write(tx, audit).map(true)))
        .recover(StoreErrors::recover);
  }

  /** Replaces the secret hash; false when the device does not exist. */
  public Future<Boolean> replaceSecret(String deviceId, String secretHash) {
    return pool.preparedQuery(UPDATE_SECRET).execute(Tuple.of(deviceId, secretHash))
        .map(rows -> rows.rowCount() > 0)
        .recover(StoreErrors::recover);
  }
}
