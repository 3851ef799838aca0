package org.lamplight.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lamplight.Await.await;

import com.hazelcast.core.HazelcastInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Claims and ownership on two Hazelcast members in this JVM, configured as a node configures them. */
class HazelcastStateTest {

  static HazelcastInstance first;
  static HazelcastInstance second;
  static Cluster a;
  static Cluster b;

  @BeforeAll
  static void start() throws Exception {
    List<HazelcastInstance> members = HazelcastMembers.start(2);
    first = members.get(0);
    second = members.get(1);
    a = new Cluster(null, first);
    b = new Cluster(null, second);
  }

  @AfterAll
  static void stop() {
    first.getLifecycleService().terminate();
    second.getLifecycleService().terminate();
  }

  @Test
  void twoMembersRacingForTheSameUnitsNeverBothHoldOne() throws Exception {
    ClusterUnitClaims onA = new ClusterUnitClaims(a);
    ClusterUnitClaims onB = new ClusterUnitClaims(b);
    List<String> units = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      units.add("race-" + i);
    }
    Map<String, List<String>> winners = new ConcurrentHashMap<>();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (ClusterUnitClaims claims : List.of(onA, onB)) {
        for (String incident : List.of("fire-" + claims.hashCode(), "crash-" + claims.hashCode())) {
          done.add(pool.submit((Callable<Void>) () -> {
            go.await();
            for (String unit : units) {
              if (claims.tryClaim(unit, incident)) {
                winners.computeIfAbsent(unit, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(incident);
              }
            }
            return null;
          }));
        }
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdown();
    }
    assertThat(winners).hasSize(units.size());
    winners.forEach((unit, incidents) -> assertThat(incidents).as(unit).hasSize(1));
    for (String unit : units) {
      String holder = winners.get(unit).get(0);
      await().until(() -> onA.holder(unit).orElse("").equals(holder) && onB.holder(unit).orElse("").equals(holder));
    }
  }

  @Test
  void retainFreesWhatTheStoredIncidentNoLongerHolds() {
    ClusterUnitClaims onA = new ClusterUnitClaims(a);
    ClusterUnitClaims onB = new ClusterUnitClaims(b);
    onA.tryClaim("keep-1", "crashed");
    onA.tryClaim("drop-1", "crashed");
    onA.tryClaim("other-1", "elsewhere");

    onB.retain("crashed", Set.of("keep-1"));

    assertThat(onB.holder("keep-1")).contains("crashed");
    await().until(() -> onA.holder("drop-1").isEmpty());
    assertThat(onA.holder("other-1")).contains("elsewhere");
    assertThat(onB.tryClaim("drop-1", "next")).isTrue();
  }

  @Test
  void openingAnIncidentAnotherNodeOwnsFailsAndLeavesItsOwner() {
    ClusterIncidentOwnership onA = new ClusterIncidentOwnership(a);
    ClusterIncidentOwnership onB = new ClusterIncidentOwnership(b);
    assertThat(onA.opened("inc-reported")).isTrue();

    assertThat(onB.opened("inc-reported")).as("the same report sent again to another node").isFalse();
    assertThat(b.incidentOwners().get("inc-reported")).isEqualTo(a.nodeId());
    assertThat(onA.opened("inc-reported")).as("already ours").isTrue();
  }

  @Test
  void aLiveOwnerKeepsItsIncidentAndOnlyOneNodeTakesOverAGoneOnesIncident() throws Exception {
    ClusterIncidentOwnership onA = new ClusterIncidentOwnership(a);
    ClusterIncidentOwnership onB = new ClusterIncidentOwnership(b);
    onA.opened("inc-live");
    assertThat(onB.adopt("inc-live")).isFalse();
    assertThat(onA.adopt("inc-live")).as("already ours").isTrue();

    // an owner that is no longer a member, as a killed node leaves its entries behind
    a.incidentOwners().set("inc-orphan", "a-node-that-died");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch go = new CountDownLatch(1);
      Future<Boolean> byA = pool.submit(() -> {
        go.await();
        return onA.adopt("inc-orphan");
      });
      Future<Boolean> byB = pool.submit(() -> {
        go.await();
        return onB.adopt("inc-orphan");
      });
      go.countDown();
      assertThat(List.of(byA.get(30, TimeUnit.SECONDS), byB.get(30, TimeUnit.SECONDS)).stream()
          .filter(Boolean::booleanValue).collect(Collectors.toList())).hasSize(1);
    } finally {
      pool.shutdown();
    }

    onA.closed("inc-live");
    assertThat(a.incidentOwners().get("inc-live")).isNull();
  }
}
