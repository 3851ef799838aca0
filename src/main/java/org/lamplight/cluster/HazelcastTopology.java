package org.lamplight.cluster;

import io.micrometer.core.instrument.FunctionCounter;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import java.util.Objects;
import java.util.function.Predicate;
import org.lamplight.config.Config;
import org.lamplight.config.Keys;
import org.lamplight.dispatch.DispatchModule;
import org.lamplight.dispatch.DispatchService;
import org.lamplight.dispatch.IncidentOwnership;
import org.lamplight.domain.dispatch.UnitClaims;
import org.lamplight.domain.tracking.LiveUnits;
import org.lamplight.gateway.GatewayModule;
import org.lamplight.platform.Deployer;
import org.lamplight.platform.Platform;
import org.lamplight.tracking.LocalUpdates;
import org.lamplight.tracking.TrackingModule;

/** A member of a Hazelcast cluster of Lamplight nodes. */
final class HazelcastTopology implements Topology {

  private final Cluster cluster;
  private final Config config;
  private UpdateBatches updates;
  private ClusterPresence presence;
  private ClusterIncidentOwnership owners;

  HazelcastTopology(Cluster cluster, Config config) {
    this.cluster = cluster;
    this.config = config;
  }

  @Override
  public Vertx vertx() {
    return cluster.vertx();
  }

  @Override
  public String nodeId() {
    return cluster.nodeId();
  }

  @Override
  public LocalUpdates updates(LiveUnits units) {
    updates = new UpdateBatches(units);
    return updates;
  }

  @Override
  public Predicate<String> connectedAnywhere(LiveUnits units, Predicate<String> connectedHere) {
    presence = new ClusterPresence(cluster, units, connectedHere);
    return presence::connectedAnywhere;
  }

  @Override
  public UnitClaims claims() {
    return new ClusterUnitClaims(cluster);
  }

  @Override
  public IncidentOwnership ownership() {
    owners = new ClusterIncidentOwnership(cluster);
    return owners;
  }

  @Override
  public ThreadingModel dispatchThreading() {
    return ThreadingModel.WORKER;
  }

  @Override
  public ClusterModule module(Platform platform, TrackingModule tracking, GatewayModule gateway,
                              DispatchModule dispatch) {
    Objects.requireNonNull(updates, "updates() first");
    Objects.requireNonNull(presence, "connectedAnywhere() first");
    Objects.requireNonNull(owners, "ownership() first");
    IncidentMirror mirror = new IncidentMirror(tracking.units(), dispatch.driver()::drives);
    ClusterDispatchService routed = new ClusterDispatchService(cluster.vertx(), cluster, owners, dispatch.driver(), mirror);
    FunctionCounter.builder("lamplight.cluster.updates.dropped", updates, UpdateBatches::dropped)
        .description("Fixes and statuses not shared with the other nodes because too many were waiting")
        .register(platform.registry());
    return new ClusterModule() {
      @Override
      public DispatchService dispatch() {
        return routed;
      }

      @Override
      public Future<Void> deploy(Deployer deployer) {
        return deployer.deploy(() -> new ClusterVerticle(cluster, tracking.units(), updates,
            config.get(Keys.CLUSTER_SHARE_INTERVAL), presence, gateway.presence(), mirror, routed,
            dispatch.incidents(), platform.health()), 1);
      }
    };
  }
}
