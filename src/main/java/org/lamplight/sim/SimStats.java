package org.lamplight.sim;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** What the simulated devices did so far; updated from any thread. */
public final class SimStats {

  final AtomicInteger connected = new AtomicInteger();
  final LongAdder pings = new LongAdder();
  final LongAdder offers = new LongAdder();
  final LongAdder accepts = new LongAdder();
  final LongAdder declines = new LongAdder();
  final LongAdder enroute = new LongAdder();
  final LongAdder onScene = new LongAdder();
  final LongAdder clears = new LongAdder();
  final LongAdder cancels = new LongAdder();
  final LongAdder dutyChanges = new LongAdder();
  final LongAdder ledgerEntries = new LongAdder();
  final LongAdder incidentsCreated = new LongAdder();
  final LongAdder refused = new LongAdder();
  final LongAdder errors = new LongAdder();

  public int connected() {
    return connected.get();
  }

  public long pings() {
    return pings.sum();
  }

  public long offers() {
    return offers.sum();
  }

  public long accepts() {
    return accepts.sum();
  }

  /** Counts one message a device sent on its events topic. */
  void replied(String action) {
    switch (action) {
      case "accept" -> accepts.increment();
      case "decline" -> declines.increment();
      case "enroute" -> enroute.increment();
      case "onscene" -> onScene.increment();
      case "clear" -> clears.increment();
      default -> throw new IllegalArgumentException("not a reply: " + action);
    }
  }

  String progress(int devices, double pingsPerSecond, String openIncidents) {
    return String.format("connected %d/%d, %.0f pings/s, offers %d, accepts %d, declines %d, incidents open %s",
        connected(), devices, pingsPerSecond, offers(), accepts(), declines.sum(), openIncidents);
  }

  String summary(int devices, double seconds) {
    return String.format("""
        simulated %d devices for %.0f s
          pings             %d (%.1f/s)
          offers            %d: accepted %d, declined %d, unanswered %d
          enroute/onscene/clear  %d / %d / %d, cancelled %d
          duty changes      %d
          ledger entries    %d
          incidents created %d
          refused connections %d, errors %d""",
        devices, seconds, pings(), pings() / Math.max(seconds, 1e-9), offers(), accepts(), declines.sum(),
        Math.max(0, offers() - accepts() - declines.sum()), enroute.sum(), onScene.sum(), clears.sum(), cancels.sum(),
        dutyChanges.sum(), ledgerEntries.sum(), incidentsCreated.sum(), refused.sum(), errors.sum());
  }
}
