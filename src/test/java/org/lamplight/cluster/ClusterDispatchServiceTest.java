package org.lamplight.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lamplight.Await.await;

import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.lamplight.dispatch.IncidentDriver;
import org.lamplight.domain.dispatch.DispatchEvent;
import org.lamplight.domain.dispatch.Incident;
import org.lamplight.store.IncidentRepository.AuditEntry;
import org.lamplight.store.StoreException;

/**
 * Commands forwarded to an incident's owner, from a node of two Hazelcast members whose owner
 * is played on the local event bus. The tests run in order: the last one has the owner leave.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterDispatchServiceTest {

  static Vertx vertx;
  static HazelcastInstance first;
  static HazelcastInstance second;
  static Cluster here;
  static Cluster owner;

  @BeforeAll
  static void start() throws Exception {
    List<HazelcastInstance> members = HazelcastMembers.start(2);
    first = members.get(0);
    second = members.get(1);
    vertx = Vertx.vertx();
    here = new Cluster(vertx, first);
    owner = new Cluster(null, second);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await();
    first.getLifecycleService().terminate();
    second.getLifecycleService().terminate();
  }

  @Test
  @Order(1)
  void aCommandItsLiveOwnerDoesNotAnswerInTimeIsNotSentAgainAndTheClientIsAskedToRetry() throws Exception {
    AtomicInteger delivered = new AtomicInteger();
    // an owner busy with the incident's earlier events and a slow write answers after the timeout
    MessageConsumer<JsonObject> slowOwner = vertx.eventBus()
        .consumer(ClusterDispatchService.address(owner.nodeId()), msg -> delivered.incrementAndGet());
    here.incidentOwners().set("inc-slow", owner.nodeId());
    LocalDriver local = new LocalDriver();
    try {
      Future<Incident> escalated = service(local).submit(new DispatchEvent.Escalate("inc-slow", "ann"), null);

      await().until(escalated::isComplete);
      assertThat(escalated.cause()).isInstanceOf(StoreException.class);
      assertThat(((StoreException) escalated.cause()).kind()).isEqualTo(StoreException.Kind.UNAVAILABLE);
      assertThat(delivered).hasValue(1);
      assertThat(local.applied).isEmpty();
    } finally {
      slowOwner.unregister().await();
    }
  }

  @Test
  @Order(2)
  void aCommandWhoseOwnerLeftBeforeAnsweringGoesToTheNodeThatTakesTheIncidentOver() throws Exception {
    AtomicInteger delivered = new AtomicInteger();
    MessageConsumer<JsonObject> leavingOwner = vertx.eventBus()
        .consumer(ClusterDispatchService.address(owner.nodeId()), msg -> {
          delivered.incrementAndGet();
          vertx.executeBlocking(() -> {
            second.shutdown();
            return null;
          });
        });
    here.incidentOwners().set("inc-left", owner.nodeId());
    LocalDriver local = new LocalDriver();
    try {
      DispatchEvent escalate = new DispatchEvent.Escalate("inc-left", "ann");
      Future<Incident> escalated = service(local).submit(escalate, null);

      await().until(escalated::isComplete);
      assertThat(escalated.succeeded()).as(String.valueOf(escalated.cause())).isTrue();
      assertThat(delivered).hasValue(1);
      assertThat(local.applied).containsExactly(escalate);
    } finally {
      leavingOwner.unregister().await();
    }
  }

  private static ClusterDispatchService service(IncidentDriver local) {
    return new ClusterDispatchService(vertx, here, new ClusterIncidentOwnership(here), local,
        new IncidentMirror(null, id -> false));
  }

  /** This node's dispatch: takes over whatever it is asked to and records what it applies. */
  private static final class LocalDriver implements IncidentDriver {

    final Queue<DispatchEvent> applied = new ConcurrentLinkedQueue<>();

    @Override
    public Future<Incident> submit(DispatchEvent event, AuditEntry audit) {
      applied.add(event);
      return Future.succeededFuture();
    }

    @Override
    public Future<Boolean> adopt(String incidentId) {
      return Future.succeededFuture(true);
    }

    @Override
    public boolean drives(String incidentId) {
      return false;
    }

    @Override
    public Collection<Incident> unfinished() {
      return List.of();
    }

    @Override
    public String stationOf(Incident incident) {
      return null;
    }
  }
}
