package org.lamplight.cluster;

import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import java.util.UUID;
import java.util.function.Predicate;
import org.lamplight.dispatch.DispatchModule;
import org.lamplight.dispatch.DispatchService;
import org.lamplight.dispatch.IncidentOwnership;
import org.lamplight.domain.dispatch.MapUnitClaims;
import org.lamplight.domain.dispatch.UnitClaims;
import org.lamplight.domain.tracking.LiveUnits;
import org.lamplight.gateway.GatewayModule;
import org.lamplight.platform.Deployer;
import org.lamplight.platform.Platform;
import org.lamplight.tracking.LocalUpdates;
import org.lamplight.tracking.TrackingModule;

/** A node on its own: no Hazelcast at all, everything in process. */
final class SingleNode implements Topology {

  private final Vertx vertx;
  private final String nodeId = UUID.randomUUID().toString().substring(0, 8);

  SingleNode(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public Vertx vertx() {
    return vertx;
  }

  @Override
  public String nodeId() {
    return nodeId;
  }

  @Override
  public LocalUpdates updates(LiveUnits units) {
    return LocalUpdates.NONE;
  }

  @Override
  public Predicate<String> connectedAnywhere(LiveUnits units, Predicate<String> connectedHere) {
    return connectedHere;
  }

  @Override
  public UnitClaims claims() {
    return new MapUnitClaims();
  }

  @Override
  public IncidentOwnership ownership() {
    return IncidentOwnership.SINGLE_NODE;
  }

  @Override
  public ThreadingModel dispatchThreading() {
    return ThreadingModel.EVENT_LOOP;
  }

  @Override
  public ClusterModule module(Platform platform, TrackingModule tracking, GatewayModule gateway,
                              DispatchModule dispatch) {
    return new ClusterModule() {
      @Override
      public DispatchService dispatch() {
        return dispatch.driver();
      }

      @Override
      public Future<Void> deploy(Deployer deployer) {
        return Future.succeededFuture();
      }
    };
  }
}
