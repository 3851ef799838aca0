package org.lamplight.console;

import io.vertx.ext.web.Router;
import java.util.Map;

/**
 * A feature's REST routes under {@code /api}. Each route is an operation of openapi.yaml (its path
 * there starts with {@code /api}); requests are validated against it before the handler runs.
 */
public interface ApiRoutes {

  /** Routes anyone may call, mounted before authentication (login). Most features have none. */
  default void mountPublic(Router api) {
  }

  /**
   * Routes under {@code /device/} behind a device token (the field app's), which
   * {@link Requests#device} names. Most features have none.
   */
  default void mountDevice(Router api) {
  }

  /**
   * POST routes (paths under {@code /api}) whose body may be larger than the usual 64 KiB (an
   * upload), with their limit in bytes; such a body is read only once the token (an account's, or
   * under {@code /device/} a device's) is checked.
   */
  default Map<String, Long> largeBodies() {
    return Map.of();
  }

  /** Routes behind bearer-token authentication. */
  void mount(Router api);
}
