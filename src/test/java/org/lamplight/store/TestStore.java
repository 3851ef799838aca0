package org.lamplight.store;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.lamplight.TestDatabase;
import org.lamplight.config.Config;
import org.lamplight.config.Keys;

/** A migrated database of its own on the shared test server, with a pool on a Vert.x of its own. */
record TestStore(Database db, Vertx vertx, Pool pool) implements AutoCloseable {

  /** A new database named after {@code prefix}, so that test classes never see each other's rows. */
  static TestStore open(String prefix) {
    Database db = Database.start(Config.defaults().with(Map.of(Keys.PG_URL, TestDatabase.url(prefix + "_" + System.nanoTime()))));
    Vertx vertx = Vertx.vertx();
    return new TestStore(db, vertx, db.pool(vertx));
  }

  @Override
  public void close() throws Exception {
    pool.close().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
    db.close();
  }
}
