package org.lamplight.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.lamplight.TestDatabase;
import org.lamplight.NodeProcess;
import org.lamplight.domain.geo.GeoPoint;
import org.lamplight.sim.Credentials;

/**
 * {@code scripts/bench-cluster}: the same position load and the same dispatch sequence against a
 * single node, then clusters of 1, 2 and 3 nodes, each node its own JVM on this machine, all on
 * one embedded PostgreSQL (in this JVM, with the load generator and the consoles).
 *
 * <p>Per phase: MQTT devices ({@link LoadGenerator}, QoS 1), spread round-robin over the nodes,
 * publish positions at a fixed total rate. After a warm-up, one window measures PUBACK latency, each
 * node's CPU time, PostgreSQL's, and the age of positions when they reach a console on the first
 * and on the last node (a fix sent to another node crosses the cluster). A second window, under
 * the same load, creates incidents one after another on the last node; {@link Responder}s beside
 * the incidents' place, connected to the first node, accept their offers at once. After the 3-node phase the owner of an open incident is killed
 * (SIGKILL) and a command about it is sent to a survivor, which answers once it took it over.
 */
public final class ClusterBench {

  private static final int RESPONDERS = 4;
  private static final double LAT = 33.79;
  private static final double LON = 114.53;
  private static final String PLANS = """
      plans:
        - type: traffic
          severity: 1
          units: 1
          notify_officer: false
          assign_officer: false
          offer_timeout_ms: 30000
          radius_m: 3000
          max_fix_age_ms: 600000
          levels: []
      """;

  private final int rate;
  private final int deviceCount;
  private final int warmupS;
  private final int measureS;
  private final List<String> phases;
  private final Map<String, String> secrets = new HashMap<>();
  private final List<String> rows = new ArrayList<>();
  private Path plans;

  private ClusterBench(Map<String, String> options) {
    rate = Integer.parseInt(options.getOrDefault("rate", "1000"));
    deviceCount = Integer.parseInt(options.getOrDefault("devices", "400"));
    warmupS = Integer.parseInt(options.getOrDefault("warmup", "30"));
    measureS = Integer.parseInt(options.getOrDefault("measure", "15"));
    phases = List.of(options.getOrDefault("phases", "single,2,3").split(","));
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    new ClusterBench(options).run();
    System.exit(0);
  }

  private void run() throws Exception {
    TestDatabase.url();
    plans = Files.createTempFile("bench-plans", ".yaml");
    Files.writeString(plans, PLANS);
    System.out.printf(Locale.ROOT, "%d devices, %d positions/s in total, %d s warm-up, %d s measured per phase; %d cores%n",
        deviceCount, rate, warmupS, measureS, Runtime.getRuntime().availableProcessors());
    for (String phase : phases) {
      phase(phase);
    }
    System.out.println();
    System.out.println("| nodes | positions/s acked | PUBACK p50 / p99 ms | CPU of each node, % of a core"
        + " | CPU of all nodes, ms per 1000 positions | PostgreSQL, kernel and the rest, % of a core"
        + " | load generator + consoles, % of a core | console, same node p50 / p99 ms"
        + " | console, other node p50 / p99 ms | create → 201 p50 / p99 ms | create → offer at device p50 / p99 ms"
        + " | accept → console p50 / p99 ms |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
    rows.forEach(System.out::println);
  }

  private void phase(String phase) throws Exception {
    boolean single = phase.equals("single");
    int n = single ? 1 : Integer.parseInt(phase);
    Map<String, String> env = Map.of("LAMPLIGHT_DISPATCH_PLANS", plans.toString(), "LAMPLIGHT_MQTT_INSTANCES", "2");
    List<String> jvm = List.of("-Xmx768m");
    List<NodeProcess> nodes = single ? List.of(NodeProcess.start("single", env, jvm)) : NodeProcess.startCluster(n, env, jvm);
    try {
      waitFor(() -> nodes.stream().allMatch(NodeProcess::ready), 180);
      if (!single) {
        waitFor(() -> nodes.stream().allMatch(x -> x.members().size() == n), 60);
      }
      System.out.printf(Locale.ROOT, "%n== %s: %d node(s) ready%n", single ? "single node (cluster off)" : n + "-node cluster", n);
      measure(phase, nodes);
      if (n == 3) {
        failover(nodes);
      }
    } finally {
      nodes.forEach(NodeProcess::terminate);
      for (NodeProcess node : nodes) {
        node.close();
      }
    }
  }

  private void measure(String phase, List<NodeProcess> nodes) throws Exception {
    NodeProcess first = nodes.get(0);
    NodeProcess last = nodes.get(nodes.size() - 1);
    JsonArray units = new JsonArray(first.get("/api/units").body());
    // the first units answer offers beside the incidents' place, connected to the first node;
    // the others ping, spread round-robin over the nodes
    List<Responder> responders = new ArrayList<>();
    for (int i = 0; i < RESPONDERS; i++) {
      responders.add(new Responder(credentials(first, units.getJsonObject(i)),
          new GeoPoint(LAT + 0.001 * (i + 1), LON), first.mqttPort()));
    }
    List<List<LoadGenerator.Device>> perNode = new ArrayList<>();
    nodes.forEach(n -> perNode.add(new ArrayList<>()));
    Map<String, Integer> nodeOfUnit = new HashMap<>();
    for (int i = RESPONDERS; i < RESPONDERS + deviceCount && i < units.size(); i++) {
      JsonObject u = units.getJsonObject(i);
      Credentials c = credentials(first, u);
      int node = i % nodes.size();
      JsonObject home = u.getJsonObject("home");
      perNode.get(node).add(new LoadGenerator.Device(c.deviceId(), c.deviceId(), c.secret(), home.getDouble("lat"),
          home.getDouble("lon")));
      nodeOfUnit.put(u.getString("id"), node);
    }
    List<LoadGenerator> load = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      LoadGenerator g = new LoadGenerator(new InetSocketAddress("127.0.0.1", nodes.get(i).mqttPort()), perNode.get(i));
      g.awaitConnected(60_000);
      load.add(g);
    }
    Console near = new Console(first, 0, nodeOfUnit);
    Console far = new Console(last, nodes.size() - 1, nodeOfUnit);

    load.forEach(g -> g.start(rate / nodes.size(), 1));
    Thread.sleep(warmupS * 1000L);

    long[] cpuBefore = nodes.stream().mapToLong(NodeProcess::cpuMillis).toArray();
    long machineBefore = machineCpuMillis();
    long benchBefore = ownCpuMillis();
    long ackedBefore = load.stream().mapToLong(g -> g.counts().acked()).sum();
    load.forEach(LoadGenerator::pubackLatencySinceLastCall);
    near.reset();
    far.reset();
    long start = System.nanoTime();
    Thread.sleep(measureS * 1000L);
    double seconds = (System.nanoTime() - start) / 1e9;
    long[] cpuAfter = nodes.stream().mapToLong(NodeProcess::cpuMillis).toArray();
    long machineAfter = machineCpuMillis();
    long benchAfter = ownCpuMillis();
    long acked = load.stream().mapToLong(g -> g.counts().acked()).sum() - ackedBefore;
    Histogram puback = new Histogram(3);
    load.forEach(g -> puback.add(g.pubackLatencySinceLastCall()));

    // then dispatch under the same load, one incident after another
    Histogram created = new Histogram(3);
    Histogram offered = new Histogram(3);
    Histogram accepted = new Histogram(3);
    long dispatchStart = System.nanoTime();
    int incidents = 0;
    while (System.nanoTime() - dispatchStart < measureS * 1_000_000_000L) {
      dispatchOne(first, last, responders, far, created, offered, accepted);
      incidents++;
    }
    for (LoadGenerator g : load) {
      g.stop();
      g.close();
    }

    StringBuilder perNodeCpu = new StringBuilder();
    long cpuTotal = 0;
    for (int i = 0; i < nodes.size(); i++) {
      long cpu = cpuAfter[i] - cpuBefore[i];
      cpuTotal += cpu;
      perNodeCpu.append(i == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.0f", cpu / 10.0 / seconds));
    }
    long others = (machineAfter - machineBefore) - cpuTotal - (benchAfter - benchBefore);
    String row = String.format(Locale.ROOT, "| %s | %.0f | %s | %s | %.0f | %.0f | %.0f | %s | %s | %s | %s | %s |",
        phase.equals("single") ? "1 (cluster off)" : phase, acked / seconds, ms(puback, 1000.0), perNodeCpu,
        cpuTotal * 1000.0 / acked, others / 10.0 / seconds, (benchAfter - benchBefore) / 10.0 / seconds,
        ms(near.local, 1), nodes.size() == 1 ? "–" : ms(far.remote, 1), ms(created, 1000.0), ms(offered, 1000.0),
        ms(accepted, 1000.0));
    System.out.println(row + "  (" + incidents + " incidents)");
    rows.add(row);
    near.close();
    far.close();
    for (Responder r : responders) {
      r.close();
    }
  }

  private Credentials credentials(NodeProcess node, JsonObject unit) {
    String deviceId = unit.getString("deviceId");
    return new Credentials(deviceId, unit.getString("id"), secrets.computeIfAbsent(deviceId, node::issueSecret));
  }

  /** One incident on the last node, offered to a responder on the first, accepted, resolved and closed. */
  private void dispatchOne(NodeProcess first, NodeProcess last, List<Responder> responders, Console console,
                           Histogram created, Histogram offered, Histogram accepted) throws Exception {
    long t0 = System.nanoTime();
    HttpResponse<String> r = last.post("/api/incidents", new JsonObject().put("type", "traffic").put("severity", 1)
        .put("lat", LAT).put("lon", LON).put("description", "bench"));
    long t1 = System.nanoTime();
    if (r.statusCode() != 201) {
      throw new IllegalStateException("create: " + r.statusCode() + " " + r.body());
    }
    String id = NodeProcess.json(r).getString("id");
    // each responder accepts the moment its offer arrives
    long offerAt = CompletableFuture.anyOf(responders.stream().map(x -> x.offer(id)).toArray(CompletableFuture[]::new))
        .thenApply(Long.class::cast).get(30, TimeUnit.SECONDS);
    created.recordValue((t1 - t0) / 1000);
    offered.recordValue((offerAt - t0) / 1000);
    accepted.recordValue((console.awaitAccepted(id) - offerAt) / 1000);
    first.post("/api/incidents/" + id + "/resolve", new JsonObject());
    first.post("/api/incidents/" + id + "/close", new JsonObject());
  }

  /** kill -9 of the node owning an open incident; a survivor answers a command about it once it took it over. */
  private void failover(List<NodeProcess> nodes) throws Exception {
    NodeProcess owner = nodes.get(2);
    NodeProcess survivor = nodes.get(0);
    String id = NodeProcess.json(owner.post("/api/incidents", new JsonObject().put("type", "traffic")
        .put("severity", 1).put("lat", 34.5).put("lon", 115.5).put("description", "nobody near"))).getString("id");
    owner.kill();
    long t0 = System.nanoTime();
    long membersAt = -1;
    while (true) {
      if (membersAt < 0 && survivor.members().size() == 2) {
        membersAt = System.nanoTime();
      }
      HttpResponse<String> r = survivor.post("/api/incidents/" + id + "/cancel", new JsonObject());
      if (r.statusCode() == 200) {
        break;
      }
      Thread.sleep(50);
    }
    long answered = System.nanoTime();
    if (membersAt < 0) {
      membersAt = answered;
    }
    String line = String.format(Locale.ROOT, "failover: node 3 killed (SIGKILL); survivors saw it leave after %.1f s;"
        + " a cancel sent to node 1 for node 3's incident was answered 200 after %.1f s", (membersAt - t0) / 1e9,
        (answered - t0) / 1e9);
    System.out.println(line);
    rows.add("");
    rows.add(line);
  }

  private static String ms(Histogram h, double perMs) {
    if (h.getTotalCount() == 0) {
      return "–";
    }
    return String.format(Locale.ROOT, "%.1f / %.1f", h.getValueAtPercentile(50) / perMs, h.getValueAtPercentile(99) / perMs);
  }

  private static long ownCpuMillis() {
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
  }

  /** Busy CPU time of the whole machine so far (all cores), from /proc/stat. */
  private static long machineCpuMillis() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < f.length && i <= 8; i++) {
        if (i != 4 && i != 5) { // idle, iowait
          busy += Long.parseLong(f[i]);
        }
      }
      return busy * 10; // 100 ticks a second
    } catch (java.io.IOException e) {
      return 0;
    }
  }

  private interface Condition {
    boolean holds() throws Exception;
  }

  private static void waitFor(Condition condition, int seconds) throws Exception {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("not ready after " + seconds + " s");
      }
      Thread.sleep(200);
    }
  }

  /**
   * A console's feed: the age of every position it is shown (now minus the fix's time, both
   * this machine's clock), split by whether the device is connected to the console's node; and
   * when each incident's acceptance arrives.
   */
  private static final class Console {
    final int node;
    final Map<String, Integer> nodeOfUnit;
    final ConcurrentHistogram local = new ConcurrentHistogram(3);
    final ConcurrentHistogram remote = new ConcurrentHistogram(3);
    final Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
    final WebSocket socket;

    Console(NodeProcess n, int node, Map<String, Integer> nodeOfUnit) {
      this.node = node;
      this.nodeOfUnit = nodeOfUnit;
      this.socket = n.console(this::received);
    }

    private void received(JsonObject m) {
      long now = System.currentTimeMillis();
      if ("units".equals(m.getString("type"))) {
        for (Object o : m.getJsonArray("units")) {
          JsonObject u = (JsonObject) o;
          JsonObject p = u.getJsonObject("position");
          Integer at = nodeOfUnit.get(u.getString("id"));
          if (p != null && at != null) {
            (at == node ? local : remote).recordValue(Math.max(0, now - p.getLong("ts")));
          }
        }
      } else if ("incident".equals(m.getString("type")) && "accepted".equals(m.getJsonObject("event").getString("event"))) {
        acceptedAt.put(m.getJsonObject("incident").getString("id"), System.nanoTime());
      }
    }

    long awaitAccepted(String incidentId) throws InterruptedException {
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (!acceptedAt.containsKey(incidentId)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("acceptance of " + incidentId + " never reached the console");
        }
        Thread.sleep(1);
      }
      return acceptedAt.get(incidentId);
    }

    void reset() {
      local.reset();
      remote.reset();
    }

    void close() {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }
  }
}
