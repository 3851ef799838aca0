package org.lamplight.console;

import io.vertx.ext.web.Router;

/** A feature's REST routes, mounted under {@code /api} behind bearer-token authentication. */
public interface ApiRoutes {
  void mount(Router api);
}
