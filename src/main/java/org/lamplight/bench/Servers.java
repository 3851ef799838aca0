package org.lamplight.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.lamplight.auth.SecretHash;
import org.lamplight.sim.LamplightApi;

/** The servers under test, each run as its own process on free loopback ports, and stopped in order. */
final class Servers {

  private Servers() {
  }

  /** Debian's Mosquitto with a generated configuration: anonymous, 1,000 in flight, 100,000 queued per client. */
  static final class Mosquitto implements AutoCloseable {
    final int port;
    final String version;
    private final Process process;

    private Mosquitto(int port, String version, Process process) {
      this.port = port;
      this.version = version;
      this.process = process;
    }

    static Mosquitto start(Path dir) throws Exception {
      int port = freePort();
      Path conf = Files.writeString(dir.resolve("mosquitto.conf"), String.join("\n",
          "listener " + port + " 127.0.0.1", "allow_anonymous true", "max_inflight_messages 1000",
          "max_queued_messages 100000", "persistence false", "log_dest stderr", "log_type error", ""));
      Process p = new ProcessBuilder("/usr/sbin/mosquitto", "-c", conf.toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
      waitForPort(port, p, 10_000);
      return new Mosquitto(port, version(), p);
    }

    private static String version() throws IOException, InterruptedException {
      Process p = new ProcessBuilder("/usr/sbin/mosquitto", "-h").redirectErrorStream(true).start();
      String first = new String(p.getInputStream().readAllBytes()).lines().findFirst().orElse("mosquitto");
      p.waitFor();
      return first.replace("mosquitto version ", "");
    }

    long cpuTicks() {
      return ProcessCpu.ticks(process.pid());
    }

    @Override
    public void close() throws InterruptedException {
      stop(process);
    }
  }

  /** {@code target/lamplight.jar} on an embedded PostgreSQL in a fresh data directory, with the demo county. */
  static final class Lamplight implements AutoCloseable {
    final int httpPort;
    final int mqttPort;
    final int pgPort;
    final int osmandPort;
    final Path dataDir;
    final String adminPassword = SecretHash.randomSecret(12);
    private final Process process;
    private long postmaster = -1;

    private Lamplight(Path jar, Path dataDir, Map<String, String> settings) throws IOException {
      this.dataDir = dataDir;
      this.httpPort = freePort();
      this.mqttPort = freePort();
      this.pgPort = freePort();
      this.osmandPort = freePort();
      ProcessBuilder pb = new ProcessBuilder("java", "-Xmx2g", "-jar", jar.toString())
          .redirectErrorStream(true).redirectOutput(dataDir.resolve("server.log").toFile());
      Map<String, String> env = pb.environment();
      env.keySet().removeIf(k -> k.startsWith("LAMPLIGHT_")); // the defaults, not whatever this shell has set
      env.put("LAMPLIGHT_DATA_DIR", dataDir.toString());
      env.put("LAMPLIGHT_HTTP_HOST", "127.0.0.1");
      env.put("LAMPLIGHT_HTTP_PORT", String.valueOf(httpPort));
      env.put("LAMPLIGHT_MQTT_HOST", "127.0.0.1");
      env.put("LAMPLIGHT_MQTT_PORT", String.valueOf(mqttPort));
      env.put("LAMPLIGHT_OSMAND_HOST", "127.0.0.1");
      env.put("LAMPLIGHT_OSMAND_PORT", String.valueOf(osmandPort));
      env.put("LAMPLIGHT_PG_EMBEDDED_PORT", String.valueOf(pgPort));
      env.put("LAMPLIGHT_ADMIN_PASSWORD", adminPassword);
      // The load comes from one address, each simulated device far above a patrol device's rate.
      env.put("LAMPLIGHT_INGEST_DEVICE_RATE", "100000");
      env.put("LAMPLIGHT_INGEST_DEVICE_BURST", "100000");
      env.put("LAMPLIGHT_HISTORY_UNIT_BUFFER", "200000");
      env.put("LAMPLIGHT_MQTT_MAX_CONNECTIONS_PER_ADDRESS", "10000");
      env.put("LAMPLIGHT_OSMAND_MAX_CONNECTIONS_PER_ADDRESS", "4000");
      env.put("LAMPLIGHT_HTTP_MAX_CONNECTIONS_PER_ADDRESS", "4000");
      env.putAll(settings);
      this.process = pb.start();
    }

    /**
     * Starts the server with the defaults plus {@code settings} (environment variables) and waits
     * until {@code /health} answers 200 (first start creates the database and county).
     */
    static Lamplight start(Path jar, Path dataDir, Map<String, String> settings) throws Exception {
      Lamplight l = new Lamplight(jar, dataDir, settings);
      try {
        waitForPort(l.httpPort, l.process, 180_000);
        LamplightApi api = l.api();
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
          try {
            api.text("/health");
            break;
          } catch (RuntimeException e) {
            if (System.currentTimeMillis() > deadline) {
              throw e;
            }
            Thread.sleep(200);
          }
        }
        return l;
      } catch (Exception e) {
        l.close();
        throw new IllegalStateException("Lamplight did not start; see " + dataDir.resolve("server.log"), e);
      }
    }

    URI http() {
      return URI.create("http://127.0.0.1:" + httpPort);
    }

    LamplightApi api() {
      return new LamplightApi(http());
    }

    Prometheus metrics() {
      return new Prometheus(api().text("/metrics"));
    }

    /** CPU of the JVM alone, and apart of its embedded PostgreSQL (which may or may not be its descendant). */
    CpuWindow cpuWindow() {
      return new CpuWindow(() -> ProcessCpu.ticks(process.pid()), this::postgresTicks);
    }

    /** The embedded PostgreSQL is found by its data directory on its command line. */
    private long postgresTicks() {
      if (postmaster < 0) {
        OptionalLong pid = ProcessCpu.pidWithCommandLine(dataDir.resolve("pg").toString());
        postmaster = pid.orElseThrow(() -> new IllegalStateException("the embedded PostgreSQL process was not found"));
      }
      return ProcessCpu.treeTicks(postmaster);
    }

    @Override
    public void close() throws InterruptedException {
      stop(process);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void waitForPort(int port, Process process, long timeoutMs) throws Exception {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException e) {
        if (!process.isAlive() || System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("nothing listens on port " + port + (process.isAlive() ? "" : ": the process exited"));
        }
        Thread.sleep(100);
      }
    }
  }

  /** SIGTERM (an orderly stop), then SIGKILL if it takes longer than 30 s. */
  private static void stop(Process p) throws InterruptedException {
    p.destroy();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
    }
  }
}
