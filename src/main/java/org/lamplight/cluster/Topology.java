package org.lamplight.cluster;

import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import java.util.function.Predicate;
import org.lamplight.config.Config;
import org.lamplight.config.Keys;
import org.lamplight.dispatch.DispatchModule;
import org.lamplight.dispatch.IncidentOwnership;
import org.lamplight.domain.dispatch.UnitClaims;
import org.lamplight.domain.tracking.LiveUnits;
import org.lamplight.gateway.GatewayModule;
import org.lamplight.platform.Platform;
import org.lamplight.tracking.LocalUpdates;
import org.lamplight.tracking.TrackingModule;

/**
 * How a node works with others: the seams where cluster mode puts its own implementations.
 * A single node ({@link SingleNode}) keeps everything in process; a Hazelcast cluster
 * ({@link HazelcastTopology}) shares claims, incident ownership, presence and live state.
 * The node asks for the seams in the order it builds its modules: updates, presence, claims and
 * ownership first, then the module.
 */
public interface Topology {

  /** Builds the Vert.x instance, joining the cluster when {@code cluster.enabled}; blocks. */
  static Topology start(Config config, VertxBuilder builder, VertxOptions options) throws Exception {
    return config.get(Keys.CLUSTER_ENABLED)
        ? new HazelcastTopology(Cluster.join(builder, options, config), config)
        : new SingleNode(builder.with(options).build());
  }

  Vertx vertx();

  /** This node's id: its cluster member id, or a random one. */
  String nodeId();

  /** Where the position pipeline reports what this node's own devices changed. */
  LocalUpdates updates(LiveUnits units);

  /** Given whether a device is connected to this node, whether it is connected to any node. */
  Predicate<String> connectedAnywhere(LiveUnits units, Predicate<String> connectedHere);

  /** Who holds which unit. */
  UnitClaims claims();

  /** Which node drives which incident. */
  IncidentOwnership ownership();

  /** Where the dispatch driver runs: a worker when claims and ownership are blocking cluster calls. */
  ThreadingModel dispatchThreading();

  ClusterModule module(Platform platform, TrackingModule tracking, GatewayModule gateway, DispatchModule dispatch);
}
