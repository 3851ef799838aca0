package org.lamplight.bench;

import static org.lamplight.bench.BenchRun.progress;

import java.net.InetSocketAddress;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Section 5: how old a unit's position is when it reaches {@code --consoles} consoles on the
 * WebSocket feed while the devices ping {@code --console-rate} pings/s, and how many bytes each
 * console is sent, on the server the ingest and history sections share.
 */
final class ConsoleSection {

  private final BenchRun run;

  ConsoleSection(BenchRun run) {
    this.run = run;
  }

  void run(LamplightServer l, LoadGenerator gen, long consoleTickMs) throws Exception {
    int count = run.options.consoles();
    int rate = run.options.consoleRate();
    progress("Lamplight: " + count + " consoles under " + rate + " pings/s");
    try (ConsoleClients consoles = new ConsoleClients(new InetSocketAddress("127.0.0.1", l.node.httpPort()), l.api.token(),
        count)) {
      consoles.awaitOpen(60_000);
      run.awaitQuiet(l::cpuWindow);
      gen.start(rate, 0);
      Thread.sleep(run.options.warmupMs());
      consoles.pingToConsoleSinceLastCall();
      consoles.tickToConsoleSinceLastCall();
      long positions0 = consoles.positions();
      long bytes0 = consoles.bytes();
      CpuWindow window = l.cpuWindow();
      Thread.sleep(run.options.windowMs());
      CpuWindow.Usage cpu = window.end();
      run.disturbedBy(cpu);
      Histogram ping = consoles.pingToConsoleSinceLastCall();
      Histogram tick = consoles.tickToConsoleSinceLastCall();
      double delivered = (consoles.positions() - positions0) / cpu.seconds();
      double bytesPerConsole = (consoles.bytes() - bytes0) / cpu.seconds() / count;
      gen.stop();
      double p99 = Report.p99(ping);
      progress("console: ping → console p50/p99 " + Report.p50p99(ping) + ", tick → console " + Report.p50p99(tick)
          + ", " + Report.rate(bytesPerConsole) + " bytes per console per second");
      run.report.section(5, String.format(Locale.ROOT, """
          ## 5. Console fan-out

          %d consoles on `/ws` (admin scope: every unit; one selector thread reads their frames as bytes) while %d
          devices ping %,d/s in total (about %.1f pings per device per second, %s).
          *Ping → console* is the age of each unit's position when its `units` message arrives (fix time →
          arrival, ms resolution): it contains the wait for the next tick, up to one tick.
          *Tick → console* is arrival minus the message's `at`: the fan-out itself. *Bytes per console* is what
          each console's socket received per second (WebSocket frames, headers included). %d s window.

          | consoles | unit positions delivered/s (all consoles) | bytes per console per second | ping → console p50 / p99 / p99.9 | tick → console p50 / p99 | CPU |
          |---|---|---|---|---|---|
          | %d | %s | %s | %s / %s / %s | %s | %s |
          """, count, gen.connections(), rate, (double) rate / gen.connections(),
          shown((double) rate / gen.connections() * consoleTickMs / 1000, consoleTickMs),
          run.options.windowMs() / 1000, count, Report.rate(delivered), Report.rate(bytesPerConsole),
          Report.time(ping.getValueAtPercentile(50)), Report.time(p99), Report.time(ping.getValueAtPercentile(99.9)),
          Report.p50p99(tick), cpu.summary()));
      boolean met = ping.getTotalCount() > 0 && p99 <= 250_000;
      run.report.goal(5, "Console: ping → WebSocket p99 with " + count + " consoles", "≤ 250 ms", Report.time(p99)
          + " (tick " + consoleTickMs + " ms; fan-out p99 " + Report.time(Report.p99(tick)) + ")", met);
      if (!met) {
        run.report.note(5, String.format(Locale.ROOT, "Console: a ping waits for the next %d ms tick before it is sent, so"
                + " ping → console is up to one tick plus the fan-out, and even an instant fan-out leaves the p99 near"
                + " %.0f ms; here the fan-out itself (tick → console) had p99 %s, while CPU went: %s.", consoleTickMs,
            0.99 * consoleTickMs, Report.time(Report.p99(tick)), cpu.summary()));
      }
    } finally {
      gen.stop();
    }
  }

  /** How the pings of one device relate to the console's ticks. */
  private static String shown(double perTick, long tickMs) {
    return perTick < 1 ? "fewer than one per " + tickMs + " ms tick, so nearly every ping is shown"
        : String.format(Locale.ROOT, "about %.1f per %d ms tick, of which a console is shown the last", perTick, tickMs);
  }
}
