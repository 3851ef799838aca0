package org.lamplight.console;

import io.vertx.ext.web.Router;

/**
 * A feature's REST routes under {@code /api}. Each route is an operation of openapi.yaml (its path
 * there starts with {@code /api}); requests are validated against it before the handler runs.
 */
public interface ApiRoutes {

  /** Routes anyone may call, mounted before authentication (login). Most features have none. */
  default void mountPublic(Router api) {
  }

  /** Routes behind bearer-token authentication. */
  void mount(Router api);
}
