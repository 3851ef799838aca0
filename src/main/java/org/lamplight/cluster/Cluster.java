package org.lamplight.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.NearCacheConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.lamplight.config.Config;
import org.lamplight.config.ConfigException;
import org.lamplight.config.Keys;

/**
 * This node's membership of a Lamplight cluster: Hazelcast (TCP-IP join list only; multicast,
 * auto-detection and phone-home off) under a clustered Vert.x, so the event bus spans the nodes.
 * A node's id is its Hazelcast member UUID: incident owners are recorded by it, and a node that
 * is no longer a member owns nothing.
 */
public final class Cluster {

  private static final String NAME = "lamplight";
  private static final String UNIT_CLAIMS = "lamplight.unit-claims";
  private static final String INCIDENT_OWNERS = "lamplight.incident-owners";

  private final Vertx vertx;
  private final HazelcastInstance hazelcast;
  private final String nodeId;
  private final IMap<String, String> unitClaims;
  private final IMap<String, String> incidentOwners;

  Cluster(Vertx vertx, HazelcastInstance hazelcast) {
    this.vertx = vertx;
    this.hazelcast = hazelcast;
    this.nodeId = hazelcast.getCluster().getLocalMember().getUuid().toString();
    // proxies are made once here: making one is a blocking cluster operation
    this.unitClaims = hazelcast.getMap(UNIT_CLAIMS);
    this.incidentOwners = hazelcast.getMap(INCIDENT_OWNERS);
  }

  /** Joins (or forms) the cluster and returns once this node is a member; blocks. */
  public static Cluster join(VertxBuilder builder, VertxOptions options, Config config) throws Exception {
    if (config.get(Keys.PG_URL).isBlank()) {
      throw new ConfigException("cluster.enabled needs every node on one shared PostgreSQL: set pg.url ("
          + Keys.PG_URL.envName() + ")");
    }
    String host = config.get(Keys.CLUSTER_HOST);
    options.getEventBusOptions().setHost(host).setClusterPublicHost(host).setPort(config.get(Keys.CLUSTER_BUS_PORT));
    HazelcastClusterManager manager = new HazelcastClusterManager(hazelcastConfig(config));
    Vertx vertx = builder.with(options).withClusterManager(manager).buildClustered()
        .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    return new Cluster(vertx, manager.getHazelcastInstance());
  }

  static com.hazelcast.config.Config hazelcastConfig(Config config) {
    // Vert.x's own structures (event-bus subscriptions, HA and node info) as its default-cluster.xml
    // has them; built here, since that file names an older schema and Hazelcast warns at each start
    com.hazelcast.config.Config hz = new com.hazelcast.config.Config();
    hz.addMultiMapConfig(new MultiMapConfig("__vertx.subs").setBackupCount(1)
        .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));
    hz.addMapConfig(new MapConfig("__vertx.haInfo").setBackupCount(1));
    hz.addMapConfig(new MapConfig("__vertx.nodeInfo").setBackupCount(1));
    hz.setClusterName(NAME);
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    // nothing reads Hazelcast's own metrics (Management Center is not used); collecting them costs CPU
    hz.getMetricsConfig().setEnabled(false);
    hz.setProperty("hazelcast.logging.type", "slf4j");
    hz.setProperty("hazelcast.local.localAddress", config.get(Keys.CLUSTER_HOST));
    hz.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    hz.setProperty("hazelcast.max.no.heartbeat.seconds",
        String.valueOf(Math.max(2, config.get(Keys.CLUSTER_FAILURE_TIMEOUT) / 1000)));
    // ranking asks who holds each of up to 64 nearby units: a local copy answers, which every
    // change invalidates at once (not in batches); claiming itself always goes to the partition owner
    hz.getMapConfig(UNIT_CLAIMS).setNearCacheConfig(new NearCacheConfig().setInvalidateOnChange(true)
        .setCacheLocalEntries(true).setInMemoryFormat(InMemoryFormat.OBJECT));
    hz.setProperty("hazelcast.map.invalidation.batch.enabled", "false");
    NetworkConfig network = hz.getNetworkConfig();
    network.setPort(config.get(Keys.CLUSTER_PORT)).setPortAutoIncrement(true);
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(Arrays.stream(config.get(Keys.CLUSTER_MEMBERS).split(","))
        .map(String::trim).filter(m -> !m.isEmpty()).toList());
    return hz;
  }

  public Vertx vertx() {
    return vertx;
  }

  public String nodeId() {
    return nodeId;
  }

  /** Whether the node is a member now (a node that died or left is not). */
  public boolean isMember(String id) {
    for (Member m : hazelcast.getCluster().getMembers()) {
      if (m.getUuid().toString().equals(id)) {
        return true;
      }
    }
    return false;
  }

  /** Ids of the members now, oldest first. */
  public List<String> members() {
    return hazelcast.getCluster().getMembers().stream().map(m -> m.getUuid().toString()).toList();
  }

  /** unit → the incident holding it ({@link ClusterUnitClaims}). */
  IMap<String, String> unitClaims() {
    return unitClaims;
  }

  /** incident → the node driving it ({@link ClusterIncidentOwnership}). */
  IMap<String, String> incidentOwners() {
    return incidentOwners;
  }

  /**
   * Calls {@code changed} with the id of a member that joined (false) or left (true), on a
   * Hazelcast thread; returns the registration for {@link #unlisten}.
   */
  UUID listen(MembershipChange changed) {
    return hazelcast.getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent e) {
        changed.changed(e.getMember().getUuid().toString(), false);
      }

      @Override
      public void memberRemoved(MembershipEvent e) {
        changed.changed(e.getMember().getUuid().toString(), true);
      }
    });
  }

  void unlisten(UUID registration) {
    hazelcast.getCluster().removeMembershipListener(registration);
  }

  @FunctionalInterface
  interface MembershipChange {
    void changed(String nodeId, boolean left);
  }
}
