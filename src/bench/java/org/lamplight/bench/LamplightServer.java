package org.lamplight.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import org.lamplight.NodeProcess;
import org.lamplight.sim.LamplightApi;

/**
 * A Lamplight server a section measures: {@code target/lamplight.jar} started by {@link NodeProcess}
 * in a data directory of its own, with an admin session on its API, its metrics, and its CPU.
 */
final class LamplightServer implements AutoCloseable {

  private static final Path JAR = Path.of("target/lamplight.jar");
  /** The first start creates the database and the county: with 100k units that takes minutes. */
  private static final Duration START = Duration.ofMinutes(4);

  /** The load comes from one address, each simulated device far above a patrol device's rate. */
  private static final Map<String, String> LOAD_LIMITS = Map.of(
      "LAMPLIGHT_INGEST_DEVICE_RATE", "100000",
      "LAMPLIGHT_INGEST_DEVICE_BURST", "100000",
      "LAMPLIGHT_HISTORY_UNIT_BUFFER", "200000",
      "LAMPLIGHT_MQTT_MAX_CONNECTIONS_PER_ADDRESS", "10000",
      "LAMPLIGHT_OSMAND_MAX_CONNECTIONS_PER_ADDRESS", "4000",
      "LAMPLIGHT_HTTP_MAX_CONNECTIONS_PER_ADDRESS", "4000");

  final NodeProcess node;
  final LamplightApi api;
  private long postmaster = -1;

  private LamplightServer(NodeProcess node, LamplightApi api) {
    this.node = node;
    this.api = api;
  }

  /** Starts the server with the defaults plus {@code settings} (environment variables) and waits until it serves. */
  static LamplightServer start(Path dataDir, Map<String, String> settings) throws Exception {
    Map<String, String> env = new HashMap<>(LOAD_LIMITS);
    env.putAll(settings);
    List<String> jvm = new ArrayList<>(List.of("-Xmx2g"));
    // e.g. a flight recording of the server under load: LAMPLIGHT_BENCH_SERVER_JVM='-XX:StartFlightRecording=filename=x.jfr'
    String extra = System.getenv("LAMPLIGHT_BENCH_SERVER_JVM");
    if (extra != null && !extra.isBlank()) {
      jvm.addAll(List.of(extra.trim().split("\\s+")));
    }
    NodeProcess node = NodeProcess.startJar(JAR, dataDir, env, jvm);
    try {
      long deadline = System.nanoTime() + START.toNanos();
      while (!node.ready()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("not ready after " + START.toSeconds() + " s");
        }
        Thread.sleep(200);
      }
      return new LamplightServer(node, new LamplightApi(node.http()).login("admin", node.adminPassword()));
    } catch (Exception e) {
      node.close();
      throw new IllegalStateException("Lamplight did not start; see " + dataDir.resolve("server.log"), e);
    }
  }

  Prometheus metrics() {
    return new Prometheus(api.text("/metrics"));
  }

  /** CPU of the JVM alone, and apart of its embedded PostgreSQL (which may or may not be its descendant). */
  CpuWindow cpuWindow() {
    return cpuWindow(() -> 0);
  }

  /** The same, with load tools that run in processes of their own ({@code toolTicks}) counted with this JVM's. */
  CpuWindow cpuWindow(LongSupplier toolTicks) {
    return new CpuWindow(() -> ProcessCpu.ticks(node.pid()), this::postgresTicks, toolTicks);
  }

  /** The embedded PostgreSQL is found by its data directory on its command line. */
  private long postgresTicks() {
    if (postmaster < 0) {
      OptionalLong pid = ProcessCpu.pidWithCommandLine(node.dataDir().resolve("pg").toString());
      postmaster = pid.orElseThrow(() -> new IllegalStateException("the embedded PostgreSQL process was not found"));
    }
    return ProcessCpu.treeTicks(postmaster);
  }

  /** After an overloaded step the history writer may still be catching up: let it, so the next part starts idle. */
  void awaitHistoryWritten() throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (metrics().get("lamplight_history_buffered") > 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(250);
    }
  }

  @Override
  public void close() throws InterruptedException {
    node.close();
  }
}
