package org.lamplight.cluster;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.lamplight.dispatch.DispatchBus;
import org.lamplight.platform.Health;
import org.lamplight.domain.tracking.LiveUnits;
import org.lamplight.gateway.DeviceBus;
import org.lamplight.gateway.Presence;
import org.lamplight.store.IncidentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event-bus side of a cluster node: copies a member's live state when it joins, sends this
 * node's unit updates in batches and applies the others', keeps presence and the incident mirror
 * in step, serves commands forwarded to the incidents it owns, and has survivors adopt what
 * a departed node leaves behind.
 */
public final class ClusterVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterVerticle.class);
  private static final String FROM = "from";
  /** Catches what a membership event may have missed (e.g. the database was down just then). */
  private static final long SWEEP_MS = 30_000;
  private static final long COPY_TIMEOUT_MS = 10_000;

  private final Cluster cluster;
  private final UpdateBatches updates;
  private final long shareIntervalMs;
  private final ClusterPresence clusterPresence;
  private final Presence presence;
  private final IncidentMirror mirror;
  private final ClusterDispatchService dispatch;
  private final Adoption adoption;
  private final LiveStateTransfer transfer;
  private final IncidentRepository incidents;
  private final Health health;
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  /** Devices whose presence this node was told about while it copies a member's live state; then null. */
  private Set<String> heard = new HashSet<>();
  private UUID membership;

  public ClusterVerticle(Cluster cluster, LiveUnits units, UpdateBatches updates, long shareIntervalMs,
                         ClusterPresence clusterPresence, Presence presence, IncidentMirror mirror,
                         ClusterDispatchService dispatch, IncidentRepository incidents, Health health) {
    this.cluster = cluster;
    this.updates = updates;
    this.shareIntervalMs = shareIntervalMs;
    this.clusterPresence = clusterPresence;
    this.presence = presence;
    this.mirror = mirror;
    this.dispatch = dispatch;
    this.incidents = incidents;
    this.health = health;
    this.adoption = new Adoption(cluster.vertx(), cluster, incidents, dispatch.local());
    this.transfer = new LiveStateTransfer(units, clusterPresence);
  }

  @Override
  public Future<?> start() {
    EventBus bus = vertx.eventBus();
    String self = cluster.nodeId();
    consumers.add(bus.<Buffer>consumer(UpdateBatches.ADDRESS, m -> {
      if (!self.equals(m.headers().get(FROM))) {
        updates.apply(m.body());
      }
    }));
    DeliveryOptions fromHere = new DeliveryOptions().addHeader(FROM, self);
    vertx.setPeriodic(shareIntervalMs,
        id -> updates.drain().forEach(batch -> bus.publish(UpdateBatches.ADDRESS, batch, fromHere)));
    consumers.add(bus.<JsonObject>consumer(DeviceBus.CONNECTED, m -> clusterPresence.connected(m.body())));
    consumers.add(bus.<JsonObject>consumer(DeviceBus.PRESENCE, m -> {
      if (heard != null) {
        heard.add(m.body().getString("deviceId"));
      }
      if (!clusterPresence.announced(m.body())) {
        // another node's stale grace period ended after the device reconnected here
        bus.publish(DeviceBus.PRESENCE, m.body().copy().put("online", true));
      }
    }));
    consumers.add(bus.<JsonObject>consumer(DispatchBus.INCIDENTS, m -> mirror.changed(m.body())));
    consumers.add(bus.<JsonObject>consumer(ClusterDispatchService.address(self), dispatch::serve));
    consumers.add(bus.<Integer>consumer(LiveStateTransfer.ADDRESS + self, m -> m.reply(transfer.part(m.body()))));
    membership = cluster.listen((node, left) -> context.runOnContext(v -> membershipChanged(node, left)));
    vertx.setPeriodic(SWEEP_MS, id -> sweep());
    showMembers();
    return incidents.unfinished().map(open -> {
      mirror.load(open);
      sweep();
      return null;
    }).compose(v -> catchUp());
  }

  /** Copies the live state of the oldest other member, if there is one, before this node serves. */
  private Future<Void> catchUp() {
    String source = cluster.members().stream().filter(m -> !m.equals(cluster.nodeId())).findFirst().orElse(null);
    if (source == null) {
      heard = null;
      return Future.succeededFuture();
    }
    return copyFrom(source, 0)
        .onSuccess(v -> LOG.info("copied the live state of node {}", source))
        .recover(e -> {
          if (e instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS) {
            // it has not begun to serve either: it holds no state yet, and shares what its devices report
            LOG.info("node {} is starting too: no live state to copy; units show as they report", source);
          } else {
            LOG.warn("could not copy the live state of node {}: {}; units show as they report", source, e.getMessage());
          }
          return Future.succeededFuture();
        })
        .onComplete(ar -> heard = null);
  }

  private Future<Void> copyFrom(String source, int from) {
    return vertx.eventBus().<Buffer>request(LiveStateTransfer.ADDRESS + source, from,
            new DeliveryOptions().setSendTimeout(COPY_TIMEOUT_MS))
        .compose(reply -> {
          int next = transfer.apply(reply.body(), heard);
          return next < 0 ? Future.succeededFuture() : copyFrom(source, next);
        });
  }

  private void membershipChanged(String node, boolean left) {
    showMembers();
    if (!left) {
      return;
    }
    LOG.warn("cluster node {} left; {} member(s) remain", node, cluster.members().size());
    clusterPresence.orphanedBy(node).forEach(presence::dropped);
    sweep();
  }

  private Future<Integer> sweep() {
    return adoption.sweep().onFailure(e -> LOG.warn("adopting the incidents of departed nodes failed: {}", e.getMessage()));
  }

  private void showMembers() {
    health.up("cluster", new JsonObject().put("nodeId", cluster.nodeId()).put("members", new JsonArray(cluster.members())));
  }

  @Override
  public Future<?> stop() {
    cluster.unlisten(membership);
    return Future.join(consumers.stream().map(MessageConsumer::unregister).toList());
  }
}
