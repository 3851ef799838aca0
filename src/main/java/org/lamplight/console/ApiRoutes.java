package org.lamplight.console;

import io.vertx.ext.web.Router;

/**
 * A feature's REST routes under {@code /api}. Each route is an operation of openapi.yaml (its path
 * there starts with {@code /api}); requests are validated against it before the handler runs.
 */
public interface ApiRoutes {

  /**
   * Handlers that must see a request before the API's common ones, e.g. a larger body limit for
   * one route than the API's 64 KiB. Most features have none.
   */
  default void mountFirst(Router api) {
  }

  /** Routes anyone may call, mounted before authentication (login). Most features have none. */
  default void mountPublic(Router api) {
  }

  /**
   * Routes under {@code /device/} behind a device token (the field app's), which
   * {@link Requests#device} names. Most features have none.
   */
  default void mountDevice(Router api) {
  }

  /** Routes behind bearer-token authentication. */
  void mount(Router api);
}
