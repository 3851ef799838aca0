package org.lamplight.edge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.lamplight.edge.ConnectionLimits.Admission;

/** What one listener counts about its connections: open, refused by a limit, closed for silence. */
public final class ListenerMetrics {

  private final Map<Admission, Counter> refused = new EnumMap<>(Admission.class);
  private final Counter headerTimeouts;

  public ListenerMetrics(MeterRegistry registry, String listener, ConnectionLimits limits) {
    for (Admission a : new Admission[] {Admission.OVER_ADDRESS_LIMIT, Admission.OVER_LISTENER_LIMIT}) {
      refused.put(a, Counter.builder("lamplight.connections.refused").tag("listener", listener).tag("reason", a.reason())
          .description("Connections closed at once because a connection limit was reached").register(registry));
    }
    headerTimeouts = Counter.builder("lamplight.connections.timed.out").tag("listener", listener)
        .description("Connections closed because they sent no complete request (or CONNECT) in time").register(registry);
    Gauge.builder("lamplight.connections.open", limits, ConnectionLimits::open).tag("listener", listener)
        .description("Connections open on the listener").register(registry);
  }

  public void refused(Admission why) {
    refused.get(why).increment();
  }

  public void timedOut() {
    headerTimeouts.increment();
  }
}
