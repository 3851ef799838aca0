package org.lamplight.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.lamplight.NodeProcess;

/**
 * Debian's Mosquitto, the ingest section's reference broker, in its own process on a free loopback
 * port with a generated configuration: anonymous, 1,000 in flight, 100,000 queued per client.
 */
final class Mosquitto implements AutoCloseable {

  final int port;
  final String version;
  private final Process process;

  private Mosquitto(int port, String version, Process process) {
    this.port = port;
    this.version = version;
    this.process = process;
  }

  static Mosquitto start(Path dir) throws Exception {
    int port = NodeProcess.freePorts(1).get(0);
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

  private static void waitForPort(int port, Process process, long timeoutMs) throws Exception {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException e) {
        if (!process.isAlive() || System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("Mosquitto does not listen on port " + port
              + (process.isAlive() ? "" : ": it exited; see mosquitto.log"));
        }
        Thread.sleep(100);
      }
    }
  }

  long cpuTicks() {
    return ProcessCpu.ticks(process.pid());
  }

  /** SIGTERM (an orderly stop), then SIGKILL if it takes longer than 30 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
