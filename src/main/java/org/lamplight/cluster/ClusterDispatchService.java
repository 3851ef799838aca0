package org.lamplight.cluster;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import org.lamplight.dispatch.DispatchService;
import org.lamplight.dispatch.IncidentDriver;
import org.lamplight.store.IncidentJson;
import org.lamplight.domain.dispatch.DispatchEvent;
import org.lamplight.domain.dispatch.Incident;
import org.lamplight.store.IncidentRepository.AuditEntry;

/**
 * Dispatch as the API sees it in a cluster: a new incident is driven by the node that receives
 * it; a command about an existing one goes to its owner over the event bus (request/reply), or
 * is applied here after taking the incident over when its owner is gone. The list of unfinished
 * incidents is the whole cluster's, from the {@link IncidentMirror}.
 */
public final class ClusterDispatchService implements DispatchService {

  private static final String ADDRESS = "lamplight.cluster.dispatch.";
  private static final long FORWARD_TIMEOUT_MS = 5_000;
  /** Longer than failure detection takes, so a command outlives its owner's death. */
  private static final long RETRY_FOR_MS = 30_000;
  private static final long RETRY_DELAY_MS = 250;

  private final Vertx vertx;
  private final Cluster cluster;
  private final ClusterIncidentOwnership owners;
  private final IncidentDriver local;
  private final IncidentMirror mirror;

  public ClusterDispatchService(Vertx vertx, Cluster cluster, ClusterIncidentOwnership owners, IncidentDriver local,
                                IncidentMirror mirror) {
    this.vertx = vertx;
    this.cluster = cluster;
    this.owners = owners;
    this.local = local;
    this.mirror = mirror;
  }

  /** Where a node takes commands for the incidents it owns. */
  static String address(String nodeId) {
    return ADDRESS + nodeId;
  }

  @Override
  public Future<Incident> submit(DispatchEvent event, AuditEntry audit) {
    if (event instanceof DispatchEvent.Create || event instanceof DispatchEvent.DeviceReport) {
      return local.submit(event, audit);
    }
    return route(event, audit, System.currentTimeMillis() + RETRY_FOR_MS);
  }

  private Future<Incident> route(DispatchEvent event, AuditEntry audit, long deadline) {
    return ownerOf(event.incidentId()).compose(owner -> {
      if (owner == null) {
        return here(event, audit, deadline);
      }
      return vertx.eventBus().<JsonObject>request(address(owner), DispatchWire.command(event, audit),
              new DeliveryOptions().setSendTimeout(FORWARD_TIMEOUT_MS))
          .map(reply -> IncidentJson.fromJson(reply.body()))
          .recover(e -> retry(e, owner, event, audit, deadline));
    });
  }

  /** The live node other than this one that owns the incident, or null. */
  private Future<String> ownerOf(String incidentId) {
    Context context = vertx.getOrCreateContext();
    return Future.fromCompletionStage(owners.owner(incidentId), context)
        .map(owner -> owner == null || owner.equals(cluster.nodeId()) || !cluster.isMember(owner) ? null : owner);
  }

  /**
   * Applies the event on this node, taking the incident over first if nobody live drives it.
   * An incident that is unknown or finished is refused here as on a single node.
   */
  private Future<Incident> here(DispatchEvent event, AuditEntry audit, long deadline) {
    return local.adopt(event.incidentId()).compose(driven -> driven ? local.submit(event, audit)
        : ownerOf(event.incidentId()).compose(owner -> owner == null ? local.submit(event, audit)
            : route(event, audit, deadline)));
  }

  private Future<Incident> retry(Throwable e, String owner, DispatchEvent event, AuditEntry audit, long deadline) {
    if (DispatchWire.retryable(e, !cluster.isMember(owner)) && System.currentTimeMillis() < deadline) {
      return vertx.timer(RETRY_DELAY_MS).compose(t -> route(event, audit, deadline));
    }
    return Future.failedFuture(e instanceof ReplyException r ? DispatchWire.failure(r) : e);
  }

  /** Serves a command another node forwarded, if this node (still, or now) drives the incident. */
  void serve(Message<JsonObject> msg) {
    DispatchEvent event = DispatchWire.event(msg.body());
    local.adopt(event.incidentId()).onComplete(adopted -> {
      if (adopted.failed() || !adopted.result()) {
        msg.fail(DispatchWire.NOT_OWNER, "not the owner of incident " + event.incidentId());
        return;
      }
      local.submit(event, DispatchWire.audit(msg.body()))
          .onSuccess(incident -> msg.reply(IncidentJson.toJson(incident)))
          .onFailure(e -> DispatchWire.fail(msg, e));
    });
  }

  IncidentDriver local() {
    return local;
  }

  @Override
  public Collection<Incident> unfinished() {
    return mirror.all();
  }

  @Override
  public String stationOf(Incident incident) {
    return local.stationOf(incident);
  }
}
