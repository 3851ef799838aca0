package org.lamplight.platform;

import io.vertx.core.Future;

/**
 * A feature of a node (tracking, gateways, dispatch, console, cluster): it builds its own parts
 * from what its constructor is given and deploys its verticles. {@code Node} lists the modules
 * in the order they start; they stop in reverse.
 */
public interface Module {

  /** Deploys the module's verticles through {@code deployer}; completes once they serve. */
  Future<Void> deploy(Deployer deployer);
}
