package org.lamplight.bench;

import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Where the CPU went between its start and {@link #end()}: the server under test (and its
 * PostgreSQL, if any), this JVM (the load tools), and everything else on the machine.
 */
final class CpuWindow {

  /** Percentages of one core (a two-core machine has 200%), and the window's length. */
  record Usage(double serverPct, double postgresPct, double loadToolsPct, double othersPct, double seconds) {
    double serverTotalPct() {
      return serverPct + postgresPct;
    }

    /** CPU the server (with its PostgreSQL) spent per message at {@code perSecond} messages a second, in µs. */
    double microsPerMessage(double perSecond) {
      return serverTotalPct() / 100 * 1e6 / perSecond;
    }

    String summary() {
      return String.format(Locale.ROOT, "server %.0f%%%s, load tools %.0f%%, other programs %.0f%%", serverTotalPct(),
          postgresPct > 0 ? String.format(Locale.ROOT, " (PostgreSQL %.0f%%)", postgresPct) : "", loadToolsPct, othersPct);
    }
  }

  private static final long SELF = ProcessHandle.current().pid();

  private final LongSupplier server;
  private final LongSupplier postgres;
  private final LongSupplier tools;
  private final long startNs = System.nanoTime();
  private final long server0;
  private final long postgres0;
  private final long self0;
  private final long machine0 = ProcessCpu.machineTicks();

  CpuWindow(LongSupplier server, LongSupplier postgres) {
    this(server, postgres, () -> 0);
  }

  /** {@code tools}: load tools in processes of their own, counted with this JVM as the load tools. */
  CpuWindow(LongSupplier server, LongSupplier postgres, LongSupplier tools) {
    this.server = server;
    this.postgres = postgres;
    this.tools = tools;
    this.server0 = server.getAsLong();
    this.postgres0 = postgres.getAsLong();
    this.self0 = loadToolTicks();
  }

  private long loadToolTicks() {
    return ProcessCpu.ticks(SELF) + tools.getAsLong();
  }

  Usage end() {
    double seconds = (System.nanoTime() - startNs) / 1e9;
    double serverTicks = server.getAsLong() - server0;
    double postgresTicks = postgres.getAsLong() - postgres0;
    double selfTicks = loadToolTicks() - self0;
    // per-process and machine counters are sampled a moment apart: a quiet machine can come out slightly negative
    double others = Math.max(0, ProcessCpu.machineTicks() - machine0 - serverTicks - postgresTicks - selfTicks);
    return new Usage(pct(serverTicks, seconds), pct(postgresTicks, seconds), pct(selfTicks, seconds), pct(others, seconds),
        seconds);
  }

  private static double pct(double ticks, double seconds) {
    return ticks / ProcessCpu.TICKS_PER_SECOND / seconds * 100;
  }
}
