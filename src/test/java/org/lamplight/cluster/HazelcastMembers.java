package org.lamplight.cluster;

import static org.lamplight.Await.await;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.lamplight.NodeProcess;
import org.lamplight.config.Config;
import org.lamplight.config.Keys;

/** Hazelcast members in this JVM, configured as a node configures them, for tests of the cluster's shared state. */
final class HazelcastMembers {

  private HazelcastMembers() {
  }

  /** Starts {@code n} members together and returns once each sees them all. */
  static List<HazelcastInstance> start(int n) throws Exception {
    List<Integer> ports = NodeProcess.freePorts(n);
    String members = ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<HazelcastInstance>> starting = new ArrayList<>();
      for (int port : ports) {
        starting.add(pool.submit(() -> member(members, port)));
      }
      List<HazelcastInstance> started = new ArrayList<>();
      for (Future<HazelcastInstance> member : starting) {
        started.add(member.get(60, TimeUnit.SECONDS));
      }
      await().until(() -> started.stream().allMatch(m -> m.getCluster().getMembers().size() == n));
      return started;
    } finally {
      pool.shutdown();
    }
  }

  private static HazelcastInstance member(String members, int port) {
    return Hazelcast.newHazelcastInstance(Cluster.hazelcastConfig(Config.defaults().with(Map.of(
        Keys.CLUSTER_MEMBERS, members, Keys.CLUSTER_PORT, port, Keys.CLUSTER_HOST, "127.0.0.1"))));
  }
}
