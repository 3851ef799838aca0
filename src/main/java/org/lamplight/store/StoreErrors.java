package org.lamplight.store;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import org.lamplight.domain.Refusal;
import org.lamplight.store.StoreException.Kind;

/** The one place where database errors become {@link StoreException}s. */
public final class StoreErrors {

  private StoreErrors() {
  }

  public static StoreException translate(Throwable t) {
    if (t instanceof StoreException se) {
      return se;
    }
    if (t instanceof PgException pg) {
      String state = pg.getSqlState();
      if ("23505".equals(state)) {
        return new StoreException(Kind.DUPLICATE, pg.getErrorMessage(), t);
      }
      if ("23503".equals(state)) {
        return new StoreException(Kind.MISSING_REFERENCE, pg.getErrorMessage(), t);
      }
      if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
        return new StoreException(Kind.INVALID_DATA, pg.getErrorMessage() + " (" + state + ")", t);
      }
    }
    return new StoreException(Kind.UNAVAILABLE, "database unavailable: " + t.getMessage(), t);
  }

  /** Use as {@code future.recover(StoreErrors::recover)}; a {@link Refusal} from inside a transaction fails it as it is. */
  public static <T> Future<T> recover(Throwable t) {
    return Future.failedFuture(t instanceof Refusal ? t : translate(t));
  }
}
