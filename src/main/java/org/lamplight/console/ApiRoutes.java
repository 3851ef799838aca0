package org.lamplight.console;

import io.vertx.ext.web.Router;

/** A feature's REST routes under {@code /api}. */
public interface ApiRoutes {

  /** Routes anyone may call, mounted before authentication (login). Most features have none. */
  default void mountPublic(Router api) {
  }

  /** Routes behind bearer-token authentication. */
  void mount(Router api);
}
