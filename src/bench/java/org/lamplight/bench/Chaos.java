package org.lamplight.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.lamplight.FrozenDatabase;
import org.lamplight.NodeProcess;
import org.lamplight.sim.Credentials;
import org.lamplight.store.Database;

/**
 * {@code scripts/chaos}: a node of {@code target/lamplight.jar} on its embedded PostgreSQL under
 * ingest load (MQTT devices pinging at QoS 1) while incidents are reported over the API with
 * Idempotency-Keys and retries, and, round after round: the database frozen (SIGSTOP) and thawed,
 * the database killed (the node's supervisor restarts it), the node killed ({@code kill -9}) and
 * started again, a flood of idle connections on every port. Then it compares, for each fault,
 * the incidents reported while it was under way (from the fault until the next one) that were
 * acknowledged (201) with those stored, and fails when an acknowledged incident is missing, or one
 * is stored twice. Positions are counted too (sent, PUBACKed, rows in the history), without a
 * verdict: a PUBACK says a fix was taken, not that it was written (the history buffer is memory).
 */
public final class Chaos {

  private static final Path JAR = Path.of("target/lamplight.jar");
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
  private static final String USAGE = """
      usage: scripts/chaos [--duration 3m] [--devices 300] [--rate 300] [--flood 1500] [--data DIR]
        --duration  how long faults are injected (then the run settles and checks), e.g. 90s, 3m
        --devices   MQTT devices of the demo county sending positions (QoS 1)
        --rate      positions a second they send together
        --flood     idle connections opened on each port in a connection flood
        --data      the node's data directory (default target/chaos-<time>)""";

  private final Path dataDir;
  private final int devices;
  private final int rate;
  private final int flood;
  private final long startNs = System.nanoTime();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  /** Seconds from the start of each fault until /health answered 200 again, by fault. */
  private final Map<String, List<Long>> recoveries = new TreeMap<>();
  private final List<String> notes = new ArrayList<>();
  private volatile NodeProcess node;
  private volatile String phase = "steady";
  private LoadGenerator load;
  private long pingsSent;
  private long pingsAcked;

  private Chaos(Path dataDir, int devices, int rate, int flood) {
    this.dataDir = dataDir;
    this.devices = devices;
    this.rate = rate;
    this.flood = flood;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        System.err.println(USAGE);
        System.exit(2);
      }
      o.put(args[i].substring(2), args[++i]);
    }
    if (!List.of("duration", "devices", "rate", "flood", "data").containsAll(o.keySet())) {
      System.err.println(USAGE);
      System.exit(2);
    }
    Path data = Path.of(o.getOrDefault("data", "target/chaos-" + LocalDateTime.now().format(STAMP)));
    Chaos chaos = new Chaos(data, Integer.parseInt(o.getOrDefault("devices", "300")),
        Integer.parseInt(o.getOrDefault("rate", "300")), Integer.parseInt(o.getOrDefault("flood", "1500")));
    System.exit(chaos.run(seconds(o.getOrDefault("duration", "3m"))) ? 0 : 1);
  }

  private static long seconds(String duration) {
    String d = duration.trim().toLowerCase(Locale.ROOT);
    return d.endsWith("m") ? Long.parseLong(d.substring(0, d.length() - 1)) * 60
        : Long.parseLong(d.endsWith("s") ? d.substring(0, d.length() - 1) : d);
  }

  private boolean run(long durationS) throws Exception {
    Files.createDirectories(dataDir);
    List<Integer> ports = NodeProcess.freePorts(3);
    Map<String, String> env = Map.of("LAMPLIGHT_HTTP_PORT", ports.get(0).toString(),
        "LAMPLIGHT_MQTT_PORT", ports.get(1).toString(), "LAMPLIGHT_OSMAND_PORT", ports.get(2).toString(),
        "LAMPLIGHT_MQTT_INSTANCES", "1", "LAMPLIGHT_INGEST_DEVICE_RATE", "100");
    log("starting Lamplight in " + dataDir + " (the first start makes the database and the demo county)");
    node = NodeProcess.startJar(JAR, dataDir, env, List.of("-Xmx1g"));
    KeyedReporter reporter = null;
    try {
      awaitUntil("the node serves", Duration.ofMinutes(4), node::ready);
      startLoad();
      reporter = new KeyedReporter(() -> node.http(), () -> phase, node.adminPassword(), 2, 400,
          dataDir.getFileName().toString());
      reporter.start();
      log("load: " + devices + " devices, " + rate + " positions/s at QoS 1; incidents reported by 2 clients");
      pause(10);
      List<Fault> cycle = List.of(new Fault("db-freeze", this::freezeDatabase), new Fault("db-kill", this::killDatabase),
          new Fault("node-kill", this::killNode), new Fault("flood", this::floodConnections));
      long end = System.nanoTime() + durationS * 1_000_000_000L;
      for (int round = 0; System.nanoTime() < end; round++) {
        Fault fault = cycle.get(round % cycle.size());
        phase = fault.name();
        long began = System.nanoTime();
        fault.injection().inject();
        awaitUntil("the node is healthy again", Duration.ofMinutes(2), this::healthy);
        recoveries.computeIfAbsent(fault.name(), k -> new ArrayList<>()).add((System.nanoTime() - began) / 1_000_000_000L);
        pause(8);
      }
      phase = "settling";
      log("faults over; letting every report be answered");
      reporter.stopReporting();
      if (!reporter.awaitSettled(Duration.ofMinutes(2))) {
        notes.add("some reports were still unanswered after two minutes");
      }
      stopLoad();
      return verdict(reporter);
    } finally {
      if (load != null) {
        load.close();
      }
      node.close();
    }
  }

  private interface Injection {
    void inject() throws Exception;
  }

  /** A fault by the one-word name its phase of the run is reported under. */
  private record Fault(String name, Injection injection) {
  }

  private void freezeDatabase() throws Exception {
    log("fault: database frozen (SIGSTOP of the postmaster and its processes) for 10 s");
    try (FrozenDatabase frozen = FrozenDatabase.freeze(dataDir.resolve("pg"))) {
      pause(10);
      notes.add("db-freeze: while frozen /health answered " + healthStatus());
    }
  }

  private void killDatabase() throws Exception {
    long postmaster = postmaster();
    log("fault: database killed (kill -9 " + postmaster + "); the node restarts it");
    new ProcessBuilder("kill", "-9", Long.toString(postmaster)).inheritIO().start().waitFor();
    awaitUntil("the node restarts its database", Duration.ofMinutes(2), () -> {
      try {
        return postmaster() != postmaster;
      } catch (IOException | RuntimeException gone) {
        return false; // no postmaster.pid while it is down
      }
    });
  }

  private long postmaster() throws IOException {
    return Long.parseLong(Files.readAllLines(dataDir.resolve("pg").resolve("postmaster.pid")).get(0).trim());
  }

  private void killNode() throws Exception {
    log("fault: node killed (kill -9 " + node.pid() + ") and started again");
    long killed = System.nanoTime();
    node.kill();
    stopLoad();
    node = node.restarted();
    awaitUntil("the node serves again", Duration.ofMinutes(3), node::ready);
    long serving = (System.nanoTime() - killed) / 1_000_000_000L;
    startLoad();
    notes.add("node-kill: serving again " + serving + " s after kill -9, every device connected after "
        + (System.nanoTime() - killed) / 1_000_000_000L + " s");
  }

  /** Idle connections from another loopback address, so the limits per address do not shut out the load. */
  private void floodConnections() throws Exception {
    log("fault: " + flood + " idle connections on each of the HTTP, MQTT and OsmAnd ports for 10 s");
    List<Socket> sockets = new ArrayList<>();
    int opened = 0;
    try {
      for (int port : new int[] {node.httpPort(), node.mqttPort(), node.osmandPort()}) {
        for (int i = 0; i < flood; i++) {
          Socket s = new Socket();
          try {
            s.bind(new InetSocketAddress("127.0.0.2", 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            opened++;
          } catch (IOException refused) {
            // a full backlog: the flood is as big as it gets
          }
          sockets.add(s);
        }
      }
      pause(10);
      notes.add("flood: with " + opened + " connections opened /health answered " + healthStatus());
    } finally {
      for (Socket s : sockets) {
        s.close();
      }
    }
  }

  private void startLoad() throws Exception {
    List<Credentials> credentials = Credentials.read(dataDir.resolve("demo-devices.csv"));
    SplittableRandom random = new SplittableRandom(7);
    List<LoadGenerator.Device> playing = credentials.stream().limit(devices)
        .map(c -> BenchRun.device(c, org.lamplight.domain.org.CountyGenerator.point(
            random.nextDouble() * org.lamplight.domain.org.CountyGenerator.WIDTH_KM,
            random.nextDouble() * org.lamplight.domain.org.CountyGenerator.HEIGHT_KM))).toList();
    for (int attempt = 1; load == null; attempt++) {
      LoadGenerator connecting = new LoadGenerator(new InetSocketAddress("127.0.0.1", node.mqttPort()), playing);
      try {
        connecting.awaitConnected(60_000);
        load = connecting;
      } catch (IllegalStateException refused) {
        // what a device does when its CONNACK refuses it: try again a little later
        connecting.close();
        notes.add("devices connecting, attempt " + attempt + ": " + refused.getMessage());
        if (attempt == 5) {
          throw refused;
        }
        pause(5);
      }
    }
    load.start(rate, 1);
  }

  private void stopLoad() throws Exception {
    if (load != null) {
      load.stop();
      LoadGenerator.Counts counts = load.counts();
      pingsSent += counts.sent();
      pingsAcked += counts.acked();
      load.close();
      load = null;
    }
  }

  private boolean verdict(KeyedReporter reporter) throws Exception {
    Map<String, String> acknowledged = reporter.acknowledged();
    Map<String, Integer> stored = stored();
    List<String> missing = acknowledged.keySet().stream().filter(d -> !stored.containsKey(d)).sorted().toList();
    List<String> doubled = stored.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted().toList();
    long elapsed = (System.nanoTime() - startNs) / 1_000_000_000L;
    System.out.println();
    System.out.printf(Locale.ROOT, "chaos run of %d min %02d s in %s%n", elapsed / 60, elapsed % 60, dataDir);
    notes.forEach(n -> System.out.println("  " + n));
    System.out.println("| phase | faults | fault start to /health 200 (s) | incidents reported | acknowledged (201) | stored |"
        + " acknowledged, missing | stored twice | stored, never acknowledged |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    Map<String, Integer> started = reporter.startedByPhase();
    for (String p : started.keySet()) {
      List<Long> back = recoveries.getOrDefault(p, List.of());
      System.out.printf(Locale.ROOT, "| %s | %d | %s | %d | %d | %d | %d | %d | %d |%n", p, back.size(),
          back.isEmpty() ? "" : back.stream().map(String::valueOf).collect(Collectors.joining(", ")), started.get(p),
          inPhase(acknowledged.keySet(), p), inPhase(stored.keySet(), p), inPhase(missing, p), inPhase(doubled, p),
          inPhase(stored.keySet().stream().filter(d -> !acknowledged.containsKey(d)).toList(), p));
    }
    System.out.printf(Locale.ROOT, "incidents: %d reported, %d acknowledged, %d refused; answers over all attempts: %s%n",
        reporter.started(), acknowledged.size(), reporter.refused().size(), reporter.answers());
    System.out.printf(Locale.ROOT, "positions: %,d sent by %d MQTT devices at QoS 1, %,d PUBACKed, %,d rows in the history%n",
        pingsSent, devices, pingsAcked, positionsStored());
    boolean pass = missing.isEmpty() && doubled.isEmpty() && reporter.refused().isEmpty()
        && acknowledged.size() == reporter.started();
    if (!missing.isEmpty()) {
      System.out.println("FAIL: acknowledged but missing: " + missing);
    }
    if (!doubled.isEmpty()) {
      System.out.println("FAIL: stored more than once: " + doubled);
    }
    if (!reporter.refused().isEmpty()) {
      System.out.println("FAIL: valid reports refused: " + reporter.refused());
    }
    if (acknowledged.size() != reporter.started()) {
      System.out.println("FAIL: " + (reporter.started() - acknowledged.size()) + " reports never got a 201");
    }
    System.out.println(pass ? "PASS: nothing acknowledged is missing, nothing is stored twice" : "FAILED");
    return pass;
  }

  private static long inPhase(Collection<String> descriptions, String phase) {
    return descriptions.stream().filter(d -> KeyedReporter.phaseOf(d).equals(phase)).count();
  }

  /** This run's incidents in the database, by description, with how often each is stored. */
  private Map<String, Integer> stored() throws IOException, SQLException {
    Map<String, Integer> out = new HashMap<>();
    try (Connection c = database();
         ResultSet rs = c.createStatement().executeQuery(
             "select description, count(*) from incidents where description like '" + KeyedReporter.PREFIX
                 + "%' group by description")) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getInt(2));
      }
    }
    return out;
  }

  /** Rows in the position history: the data directory is this run's own. */
  private long positionsStored() throws IOException, SQLException {
    try (Connection c = database(); ResultSet rs = c.createStatement().executeQuery("select count(*) from positions")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private Connection database() throws IOException, SQLException {
    return DriverManager.getConnection("jdbc:postgresql://localhost:" + node.pgPort() + "/postgres", "postgres",
        Database.embeddedPassword(dataDir));
  }

  private boolean healthy() {
    return healthStatus() == 200;
  }

  private int healthStatus() {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(node.http() + "/health")).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  private void awaitUntil(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("not the case after " + within.toSeconds() + " s: " + what);
      }
      Thread.sleep(200);
    }
  }

  private void log(String line) {
    long s = (System.nanoTime() - startNs) / 1_000_000_000L;
    System.out.printf(Locale.ROOT, "[%3d:%02d] %s%n", s / 60, s % 60, line);
  }

  private static void pause(long seconds) throws InterruptedException {
    Thread.sleep(seconds * 1000);
  }
}
