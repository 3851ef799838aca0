package org.lamplight.bench;

import static org.lamplight.bench.BenchRun.progress;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.lamplight.domain.geo.GeoPoint;
import org.lamplight.domain.org.CountyGenerator;
import org.lamplight.sim.Credentials;

/**
 * Section 10: how many device connections one node holds, each pinging every 10 s, and the heap
 * each costs. The connections come from {@link IdleDevices} load tools, each a JVM of its own on
 * a loopback source address of its own, so that a tool's file limit is never the server's; the
 * count rises in steps until something stops it, and the section says what did.
 */
final class ConnectionsSection {

  /** Steps of equal size up to the limit (the last may be shorter); the heap is measured after each but the last. */
  private static final int STEPS = 3;
  /** Connections the load tools may be asked for at most, whatever the machine's file limit. */
  private static final int MOST = 30_000;
  /** Each tool holds at most this share of its own file limit, so the tools never stop the ramp. */
  private static final double TOOL_SHARE = 0.6;
  /** Long enough for every connection to send a ping and have it acknowledged. */
  private static final long HOLD_MS = IdleDevices.PING_EVERY_MS + IdleDevices.LATE_MS;
  /** For one step: on a busy shared machine credential checks slow down to a hundred a second. */
  private static final long CONNECT_BUDGET_MS = 120_000;
  /** After this the ramp goes to its last step: the section stays within about three minutes, the server's start included. */
  private static final long RAMP_BUDGET_MS = 100_000;
  /** Open files of a server with no device connected are well under this; at its limit less than this is left. */
  private static final int SERVER_FILES_MARGIN = 16;
  private static final int HUNDRED_THOUSAND = 100_000;
  /** How a JVM's failing {@code socket()} at its file limit reads (EMFILE). */
  private static final String TOOL_FILE_LIMIT = "Too many open files";

  /** A step: connections held (all pinging), the server's heap after GC then (or -1), its open files, its CPU. */
  private record Step(int connections, long heapBytes, long serverFiles, double acceptedPerS, CpuWindow.Usage cpu) {
  }

  /** One load tool: its process, its commands, its latest status. */
  private static final class Tool implements AutoCloseable {
    final Process process;
    final String source;
    final int devices;
    final PrintWriter commands;
    volatile IdleDevices.Status status = new IdleDevices.Status(0, 0, 0, 0, 0, 0, 0, "-");

    Tool(Process process, String source, int devices) {
      this.process = process;
      this.source = source;
      this.devices = devices;
      this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
      Thread reader = new Thread(this::read, "idle-devices-" + source);
      reader.setDaemon(true);
      reader.start();
    }

    private void read() {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          if (line.startsWith(IdleDevices.Status.PREFIX)) {
            status = IdleDevices.Status.parse(line);
          } else {
            progress("connections tool " + source + ": " + line);
          }
        }
      } catch (IOException e) {
        // the tool ended
      }
    }

    void command(String line) {
      commands.println(line);
    }

    @Override
    public void close() throws InterruptedException {
      command("quit");
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private final BenchRun run;

  ConnectionsSection(BenchRun run) {
    this.run = run;
  }

  void run() throws Exception {
    long hardLimit = ProcessFiles.hardLimit(ProcessHandle.current().pid());
    int ceiling = (int) Math.min(MOST, hardLimit);
    // a node at its file limit holds fewer connections than the limit: these devices are enough to reach it
    int devices = ceiling + 100;
    progress("Lamplight: starting a county of " + devices + " devices for the connections section");
    Path dataDir = Files.createDirectories(run.work.resolve("lamplight-connections"));
    Map<String, String> settings = Map.of("LAMPLIGHT_DEMO_EXTRA_UNITS", String.valueOf(devices - run.demoUnits),
        "LAMPLIGHT_MQTT_MAX_CONNECTIONS", String.valueOf(10 * devices),
        "LAMPLIGHT_MQTT_MAX_CONNECTIONS_PER_ADDRESS", String.valueOf(10 * devices));
    List<Step> steps = new ArrayList<>();
    String stoppedBy;
    String stoppedByKind;
    int held;
    int retried;
    long serverLimit;
    int toolCount;
    long toolLimit;
    try (LamplightServer l = LamplightServer.start(dataDir, settings)) {
      long pid = l.node.pid();
      serverLimit = ProcessFiles.limit(pid);
      List<Credentials> credentials = Credentials.read(dataDir.resolve("demo-devices.csv"));
      toolCount = (int) Math.max(2, Math.ceil(devices / (TOOL_SHARE * hardLimit)));
      List<Tool> tools = startTools(l, credentials, toolCount);
      try {
        toolLimit = ProcessFiles.limit(tools.get(0).process.pid());
        steps.add(measure(l, 0, tools));
        long rampStarted = System.currentTimeMillis();
        int stepSize = Math.max(1000, ceiling / STEPS / 1000 * 1000);
        String stop = null;
        for (int target = stepSize; stop == null; target += stepSize) {
          // past its budget the ramp goes straight to its last step: the limit is the figure that counts
          boolean last = target >= ceiling || System.currentTimeMillis() - rampStarted > RAMP_BUDGET_MS;
          int wanted = last ? devices : target;
          progress("connections: " + (last ? "opening until something stops it" : "opening " + wanted));
          open(tools, wanted);
          stop = awaitOpened(tools, wanted);
          if (stop == null && !last) {
            // the window of the measurement is one ping period: every connection pings in it
            Step step = measure(l, up(tools), tools);
            stop = problems(tools);
            if (stop == null) {
              steps.add(step);
            }
          } else if (stop == null) {
            stop = "every device (" + devices + ") connected";
          }
        }
        tools.forEach(t -> t.command("giveup"));
        long serverFiles = ProcessFiles.open(pid);
        progress("connections: stopped by " + stop + "; server has " + serverFiles + " files open of " + serverLimit);
        // what is held after the stop must stay up and pinging for a whole ping period
        Thread.sleep(HOLD_MS);
        String after = dropsOrLate(tools);
        held = after == null ? up(tools) : -1;
        retried = tools.stream().mapToInt(t -> t.status.retried()).sum();
        stoppedBy = whatStopped(stop, serverFiles, serverLimit) + (after == null ? "" : "; then " + after);
        stoppedByKind = stopKind(stop, serverFiles, serverLimit);
        progress("connections: held " + up(tools) + (after == null ? ", all pinging" : ", " + after));
      } finally {
        for (Tool t : tools) {
          t.close();
        }
      }
    }
    report(steps, held, retried, stoppedBy, stoppedByKind, hardLimit, serverLimit, toolCount, toolLimit, devices);
  }

  /** The devices shared out over the tools, each on its own loopback source address (127.0.0.2, .3, ...). */
  private List<Tool> startTools(LamplightServer l, List<Credentials> credentials, int count) throws IOException {
    SplittableRandom rnd = new SplittableRandom(4);
    List<List<String>> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      lines.add(new ArrayList<>());
    }
    for (int i = 0; i < credentials.size(); i++) {
      Credentials c = credentials.get(i);
      GeoPoint at = CountyGenerator.point(rnd.nextDouble() * CountyGenerator.WIDTH_KM,
          rnd.nextDouble() * CountyGenerator.HEIGHT_KM);
      lines.get(i % count).add(String.join(",", c.deviceId(), c.deviceId(), c.secret(),
          String.valueOf(at.lat()), String.valueOf(at.lon())));
    }
    List<Tool> tools = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String source = "127.0.0." + (2 + i);
      Path file = Files.write(run.work.resolve("idle-devices-" + i + ".csv"), lines.get(i));
      Process p = new ProcessBuilder("java", "-Xmx512m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
          IdleDevices.class.getName(), "127.0.0.1", String.valueOf(l.node.mqttPort()), source, file.toString())
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      tools.add(new Tool(p, source, lines.get(i).size()));
    }
    return tools;
  }

  private static void open(List<Tool> tools, int wanted) {
    int each = (int) Math.ceil((double) wanted / tools.size());
    tools.forEach(t -> t.command("open " + each));
  }

  /** Waits until the tools hold {@code wanted} connections; what stopped them instead, or null. */
  private static String awaitOpened(List<Tool> tools, int wanted) throws InterruptedException {
    long deadline = System.currentTimeMillis() + CONNECT_BUDGET_MS;
    while (true) {
      Thread.sleep(500);
      for (Tool t : tools) {
        if (t.status.stopped()) {
          return t.status.stoppedBy() + " (tool on " + t.source + ")";
        }
        if (!t.process.isAlive()) {
          throw new IllegalStateException("the load tool on " + t.source + " ended (exit " + t.process.exitValue() + ")");
        }
      }
      int pending = tools.stream().mapToInt(t -> t.status.pending()).sum();
      if (up(tools) >= Math.min(wanted, tools.stream().mapToInt(t -> t.devices).sum()) && pending == 0) {
        return null;
      }
      if (System.currentTimeMillis() > deadline) {
        return "connecting took longer than " + CONNECT_BUDGET_MS / 1000 + " s";
      }
    }
  }

  private static String problems(List<Tool> tools) {
    for (Tool t : tools) {
      if (t.status.stopped()) {
        return t.status.stoppedBy() + " (tool on " + t.source + ")";
      }
    }
    return dropsOrLate(tools);
  }

  /** Connections the server closed, or that did not have their last ping acknowledged in time; null when none. */
  private static String dropsOrLate(List<Tool> tools) {
    int dropped = tools.stream().mapToInt(t -> t.status.dropped()).sum();
    int late = tools.stream().mapToInt(t -> t.status.late()).sum();
    return dropped == 0 && late == 0 ? null
        : String.format(Locale.ROOT, "%d connections dropped by the server, %d with a ping unacknowledged for over %d s",
            dropped, late, IdleDevices.LATE_MS / 1000);
  }

  private static int up(List<Tool> tools) {
    return tools.stream().mapToInt(t -> t.status.up()).sum();
  }

  /** The server's heap after a full GC, its open files, and the pings it accepted over one ping period. */
  private Step measure(LamplightServer l, int connections, List<Tool> tools) throws Exception {
    double fixes0 = l.metrics().get("lamplight_fixes_accepted_total");
    CpuWindow window = l.cpuWindow(() -> tools.stream().mapToLong(t -> ProcessCpu.ticks(t.process.pid())).sum());
    Thread.sleep(IdleDevices.PING_EVERY_MS);
    CpuWindow.Usage cpu = window.end();
    run.disturbedBy(cpu);
    double accepted = (l.metrics().get("lamplight_fixes_accepted_total") - fixes0) / cpu.seconds();
    long heap = ProcessFiles.heapAfterGc(l.node.pid());
    long files = ProcessFiles.open(l.node.pid());
    progress(String.format(Locale.ROOT, "connections: %,d held, heap after GC %.1f MiB, %,d files open, %s fixes/s, %s",
        connections, heap / 1048576.0, files, Report.rate(accepted), cpu.summary()));
    return new Step(connections, heap, files, accepted, cpu);
  }

  /** Which limit stopped the ramp, in a few words for the goals table. */
  private static String stopKind(String stop, long serverFiles, long serverLimit) {
    return serverFiles >= serverLimit - SERVER_FILES_MARGIN ? "the server's file limit"
        : stop.contains(TOOL_FILE_LIMIT) ? "a load tool's file limit" : "not a file limit, see below";
  }

  /** The stop in words: the server's file limit when it had (nearly) all its files open. */
  private static String whatStopped(String stop, long serverFiles, long serverLimit) {
    if (serverFiles >= serverLimit - SERVER_FILES_MARGIN) {
      return String.format(Locale.ROOT, "the server's file limit: its process had %,d files open of the %,d it may (%s)",
          serverFiles, serverLimit, stop);
    }
    return stop + String.format(Locale.ROOT, " (the server had %,d files open of %,d)", serverFiles, serverLimit);
  }

  /** Least-squares slope of heap over connections, in bytes per connection; -1 with fewer than two steps. */
  static double bytesPerConnection(List<long[]> connectionsAndHeap) {
    int n = connectionsAndHeap.size();
    if (n < 2) {
      return -1;
    }
    double mx = connectionsAndHeap.stream().mapToDouble(p -> p[0]).average().orElseThrow();
    double my = connectionsAndHeap.stream().mapToDouble(p -> p[1]).average().orElseThrow();
    double sxy = 0;
    double sxx = 0;
    for (long[] p : connectionsAndHeap) {
      sxy += (p[0] - mx) * (p[1] - my);
      sxx += (p[0] - mx) * (p[0] - mx);
    }
    return sxx == 0 ? -1 : sxy / sxx;
  }

  private void report(List<Step> steps, int held, int retried, String stoppedBy, String stoppedByKind, long hardLimit,
                      long serverLimit, int toolCount, long toolLimit, int devices) {
    double perConnection = bytesPerConnection(steps.stream().map(s -> new long[] {s.connections(), s.heapBytes()}).toList());
    long baseline = steps.isEmpty() ? 0 : steps.get(0).heapBytes();
    double hundredK = perConnection < 0 ? -1 : perConnection * HUNDRED_THOUSAND;
    StringBuilder t = new StringBuilder(String.format(Locale.ROOT, """
        ## 10. Device connections one node holds

        A server of its own (`target/lamplight.jar`, embedded PostgreSQL, `-Xmx2g`) with the demo county grown to
        %,d devices. Raised for this section only, through the environment: `mqtt.max-connections` and
        `mqtt.max-connections-per-address` to %,d (defaults 10,000 and 1,000); the per-device ingest rate and the
        other listeners' per-address limits as in every section. Device logins are throttled only after failed
        attempts (`auth.throttle.*`), which a device with its own secret never makes, so they are left as they are.
        The connections come from %d load tools (`IdleDevices`), each a JVM of its own with a loopback source
        address of its own (127.0.0.2, ...), each asked for at most %.0f%% of its own file limit (%,d), so no tool's
        limit can stop the count: every process here has the machine's hard limit of %,d open files (`ulimit -Hn`;
        a JVM raises its soft limit to it; the server's JVM may open %,d). Each device connects with a %d s keep-alive and
        clean session, then sends one native position ping at QoS 1 every %d s (the first at a random moment of
        its first period); a connection counts as *pinging* while its latest ping was acknowledged within %d s.
        The count rises in steps of equal size (at most %d awaiting their CONNACK per tool, as each CONNECT is a
        credential check in PostgreSQL; a CONNACK "server unavailable" is tried again %d s later, %d times at
        most, as the field app does; after %d s of steps the next is the last); after each step the
        server's CPU and accepted fixes are taken over one ping period, in which every connection pings, then its
        heap after a full GC (`jcmd PID GC.run`, then `GC.heap_info`). The last step opens connections until
        something stops it; connections still awaiting their CONNACK then are given up (a connection waits %d s
        for it at most), and what is held must stay up and pinging for another %d s.

        | connections held | heap after GC | server's open files | fixes accepted/s | CPU |
        |---|---|---|---|---|
        """, devices, 10 * devices, toolCount, TOOL_SHARE * 100, toolLimit, hardLimit, serverLimit,
        IdleDevices.KEEP_ALIVE_S, IdleDevices.PING_EVERY_MS / 1000, IdleDevices.LATE_MS / 1000,
        IdleDevices.MAX_PENDING, IdleDevices.RETRY_AFTER_MS / 1000, IdleDevices.RETRIES, RAMP_BUDGET_MS / 1000, IdleDevices.CONNACK_TIMEOUT_MS / 1000, HOLD_MS / 1000));
    for (Step s : steps) {
      t.append(String.format(Locale.ROOT, "| %,d | %.1f MiB | %,d | %s | %s |%n", s.connections(),
          s.heapBytes() / 1048576.0, s.serverFiles(), Report.rate(s.acceptedPerS()), s.cpu().summary()));
    }
    t.append(String.format(Locale.ROOT, """

        - Held at the end: %s. Stopped by %s. CONNECTs tried again after "server unavailable": %,d.
        - Heap per connection (least-squares slope of the heap after GC over the steps above; it includes the
          connection's session and the unit's live state, which every pinging device makes tracked): %s; for
          100,000 connections %s on top of the %.0f MiB the server uses with none.
        """, held < 0 ? "not all pinging (see the stop)" : String.format(Locale.ROOT, "%,d connections, all pinging, none dropped", held),
        stoppedBy, retried, perConnection < 0 ? "–" : String.format(Locale.ROOT, "%,.0f bytes", perConnection),
        hundredK < 0 ? "–" : String.format(Locale.ROOT, "%,.0f MiB", hundredK / 1048576.0), baseline / 1048576.0));
    run.report.section(10, t.toString());
    long target = Math.min(18_000, hardLimit * 9 / 10);
    run.report.goal(10, "Device connections one node holds, each pinging every 10 s; heap per connection",
        String.format(Locale.ROOT, "as many as the file limit allows: ≥ %,d (limit %,d)", target, hardLimit),
        String.format(Locale.ROOT, "%s (stopped by %s); %s per connection, %s for 100,000", held < 0 ? "not all pinging"
                : String.format(Locale.ROOT, "%,d", held), stoppedByKind,
            perConnection < 0 ? "–" : String.format(Locale.ROOT, "%,.0f bytes", perConnection),
            hundredK < 0 ? "–" : String.format(Locale.ROOT, "%,.0f MiB", hundredK / 1048576.0)),
        held >= target && perConnection >= 0);
    if (held < target || !stoppedByKind.equals("the server's file limit")) {
      run.report.note(10, "Connections: stopped by " + stoppedBy + ".");
    }
  }
}
