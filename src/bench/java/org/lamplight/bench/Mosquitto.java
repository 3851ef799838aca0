package org.lamplight.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lamplight.NodeProcess;

/**
 * Debian's Mosquitto, the ingest section's reference broker, in its own process on a free loopback
 * port with a generated configuration: anonymous, 1,000 in flight, 100,000 queued per client.
 */
final class Mosquitto extends ServerProcess {

  final int port;
  final String version;

  private Mosquitto(int port, String version, Process process) {
    super(process);
    this.port = port;
    this.version = version;
  }

  static Mosquitto start(Path dir) throws Exception {
    int port = NodeProcess.freePorts(1).get(0);
    Path conf = Files.writeString(dir.resolve("mosquitto.conf"), String.join("\n",
        "listener " + port + " 127.0.0.1", "allow_anonymous true", "max_inflight_messages 1000",
        "max_queued_messages 100000", "persistence false", "log_dest stderr", "log_type error", ""));
    Process p = launch(port, dir.resolve("mosquitto.log"), 10_000, "Mosquitto", "/usr/sbin/mosquitto", "-c",
        conf.toString());
    return new Mosquitto(port, version(), p);
  }

  private static String version() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("/usr/sbin/mosquitto", "-h").redirectErrorStream(true).start();
    String first = new String(p.getInputStream().readAllBytes()).lines().findFirst().orElse("mosquitto");
    p.waitFor();
    return first.replace("mosquitto version ", "");
  }
}
