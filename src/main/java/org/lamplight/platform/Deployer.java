package org.lamplight.platform;

import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Deploys verticles and remembers them, so a node can undeploy them in reverse order. */
public final class Deployer {

  private final Vertx vertx;
  private final List<String> deployments = new ArrayList<>();

  public Deployer(Vertx vertx) {
    this.vertx = vertx;
  }

  public Future<Void> deploy(Supplier<? extends Deployable> verticle, int instances) {
    return deploy(verticle, new DeploymentOptions().setInstances(instances));
  }

  public Future<Void> deploy(Supplier<? extends Deployable> verticle, DeploymentOptions options) {
    return vertx.deployVerticle(verticle::get, options).onSuccess(deployments::add).mapEmpty();
  }

  /** Undeploys everything, the last deployed first; completes when all are gone or failed. */
  public Future<Void> undeployAll() {
    Future<Void> undeployed = Future.succeededFuture();
    for (int i = deployments.size() - 1; i >= 0; i--) {
      String id = deployments.get(i);
      undeployed = undeployed.eventually(() -> vertx.undeploy(id));
    }
    return undeployed;
  }
}
