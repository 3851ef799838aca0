package org.lamplight.patrol;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/** Who changed what in coverage, the ledger and the evaluation: a row of {@code audit_log} in the change's transaction. */
final class Audit {

  private static final String INSERT = "insert into audit_log (actor, action, target, details) values ($1, $2, $3, $4)";

  private Audit() {
  }

  static Future<Void> add(SqlConnection conn, String actor, String action, String target, JsonObject details) {
    return conn.preparedQuery(INSERT).execute(Tuple.of(actor, action, target, details)).mapEmpty();
  }
}
