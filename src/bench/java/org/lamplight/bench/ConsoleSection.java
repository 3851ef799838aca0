package org.lamplight.bench;

import static org.lamplight.bench.BenchRun.progress;

import java.net.InetSocketAddress;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Section 5: how old a unit's position is when it reaches {@code --consoles} consoles on the
 * WebSocket feed while the devices ping at the top QoS 1 rate the ingest section found (or
 * {@code --console-rate} pings/s), and how many bytes each console is sent, on the server the
 * ingest and history sections share.
 */
final class ConsoleSection {

  /** The #17 goal: this many consoles at the top ingest rate with ping → console p99 ≤ 250 ms. */
  private static final int GOAL_CONSOLES = 200;
  private static final long GOAL_P99_US = 250_000;
  /** The rate when neither the ingest section nor {@code --console-rate} gives one. */
  private static final int STATED_RATE = 2_000;

  private final BenchRun run;

  ConsoleSection(BenchRun run) {
    this.run = run;
  }

  /** {@code ingest} is the ingest section when it ran first, else null. */
  void run(LamplightServer l, LoadGenerator gen, long consoleTickMs, IngestSection ingest) throws Exception {
    int count = run.options.consoles();
    IngestSection.Step top = ingest == null ? null : ingest.lamplightTopQos1();
    int given = run.options.consoleRate();
    int rate = given > 0 ? given : top != null ? top.offered() : STATED_RATE;
    boolean atTop = top != null && rate == top.offered();
    String whence = atTop ? "the top QoS 1 rate of section 1" : given > 0 ? "as given with --console-rate"
        : ingest == null ? "a stated rate: the ingest section did not run" : "a stated rate: no QoS 1 step of section 1 passed";
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

          %d consoles on `/ws` (admin scope: every unit; one selector thread reads their frames as bytes and
          acknowledges each `units` message, as the browser console does) while %d
          devices ping %,d/s in total at QoS 0 (%s; about %.1f pings per device per second, %s).
          *Ping → console* is the age of each unit's position when its `units` message arrives (fix time →
          arrival, ms resolution): it contains the wait for the next tick, up to one tick. A console that has
          not acknowledged its last message skips ticks and then gets the units as they are (no backlog), so
          *unit positions delivered* shows how much of the feed the consoles could take.
          *Tick → console* is arrival minus the message's `at`: the fan-out itself. *Bytes per console* is what
          each console's socket received per second (WebSocket frames, headers included). %d s window.

          | consoles | unit positions delivered/s (all consoles) | bytes per console per second | ping → console p50 / p99 / p99.9 | tick → console p50 / p99 | CPU |
          |---|---|---|---|---|---|
          | %d | %s | %s | %s / %s / %s | %s | %s |
          """, count, gen.connections(), rate, whence, (double) rate / gen.connections(),
          shown((double) rate / gen.connections() * consoleTickMs / 1000, consoleTickMs),
          run.options.windowMs() / 1000, count, Report.rate(delivered), Report.rate(bytesPerConsole),
          Report.time(ping.getValueAtPercentile(50)), Report.time(p99), Report.time(ping.getValueAtPercentile(99.9)),
          Report.p50p99(tick), cpu.summary()));
      boolean fast = ping.getTotalCount() > 0 && p99 <= GOAL_P99_US;
      boolean met = fast && count >= GOAL_CONSOLES;
      run.report.goal(5, "Consoles attached at the top ingest rate with ping → console p99 ≤ 250 ms; bytes per console"
              + " per second", "≥ " + GOAL_CONSOLES, String.format(Locale.ROOT, "%d consoles at %,d pings/s (%s): p99 %s"
              + " (tick %d ms, fan-out p99 %s), %s bytes per console per second", count, rate, atTop ? "top QoS 1 rate"
              : "not the top ingest rate", Report.time(p99), consoleTickMs, Report.time(Report.p99(tick)),
              Report.rate(bytesPerConsole)),
          met && !atTop ? null : Boolean.valueOf(met));
      if (!met) {
        run.report.note(5, String.format(Locale.ROOT, "Console: %sa ping waits for the next %d ms tick before it is sent, so"
                + " ping → console is up to one tick plus the fan-out, and even an instant fan-out leaves the p99 near"
                + " %.0f ms; here the fan-out itself (tick → console) had p99 %s, while CPU went: %s.",
            count < GOAL_CONSOLES ? "only " + count + " consoles were attached (--consoles); " : "", consoleTickMs,
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
