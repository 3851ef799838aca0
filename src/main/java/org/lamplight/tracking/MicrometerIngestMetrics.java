package org.lamplight.tracking;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.lamplight.domain.tracking.FixSource;
import org.lamplight.domain.tracking.Measurement;
import org.lamplight.domain.tracking.RejectReason;

/** Ingest counters, registered once so the hot path only increments. */
public final class MicrometerIngestMetrics implements IngestMetrics {

  private final Map<FixSource, Counter> accepted = new EnumMap<>(FixSource.class);
  private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
  private final Map<Measurement, Counter> measurementsDropped = new EnumMap<>(Measurement.class);
  private final Counter implausible;
  private final Counter historyWritten;
  private final Counter historyDropped;
  private final Counter historyOverShare;
  private final Counter historyWriteFailures;
  private final Counter historyRejected;

  public MicrometerIngestMetrics(MeterRegistry registry) {
    for (FixSource s : FixSource.values()) {
      accepted.put(s, Counter.builder("lamplight.fixes.accepted").tag("source", s.name().toLowerCase())
          .description("Position fixes accepted into live state").register(registry));
    }
    for (RejectReason r : RejectReason.values()) {
      rejected.put(r, Counter.builder("lamplight.device.messages.rejected").tag("reason", r.code())
          .description("Device messages refused, by reason").register(registry));
    }
    for (Measurement m : Measurement.values()) {
      measurementsDropped.put(m, Counter.builder("lamplight.fixes.measurements.dropped").tag("reason", m.dropReason())
          .description("Optional measurements left out of accepted fixes because they were out of range").register(registry));
    }
    implausible = Counter.builder("lamplight.fixes.implausible")
        .description("Fixes flagged as physically implausible jumps (kept in history, unit not moved)").register(registry);
    historyWritten = Counter.builder("lamplight.history.rows.written").register(registry);
    historyDropped = Counter.builder("lamplight.history.rows.dropped")
        .description("Fixes that could not be kept in history because the buffer was full").register(registry);
    historyOverShare = Counter.builder("lamplight.history.rows.over.share")
        .description("Fixes kept live but not in history because their unit held its share of the buffer (history.unit-buffer)")
        .register(registry);
    historyWriteFailures = Counter.builder("lamplight.history.write.failures").register(registry);
    historyRejected = Counter.builder("lamplight.history.rejected")
        .description("Fixes the database refused as data (values out of range), set aside from history").register(registry);
  }

  @Override
  public void accepted(FixSource source) {
    accepted.get(source).increment();
  }

  @Override
  public void rejected(RejectReason reason) {
    rejected.get(reason).increment();
  }

  @Override
  public void implausible() {
    implausible.increment();
  }

  @Override
  public void measurementDropped(Measurement measurement) {
    measurementsDropped.get(measurement).increment();
  }

  @Override
  public void historyWritten(int rows) {
    historyWritten.increment(rows);
  }

  @Override
  public void historyDropped(int rows) {
    historyDropped.increment(rows);
  }

  @Override
  public void historyOverShare(int rows) {
    historyOverShare.increment(rows);
  }

  @Override
  public void historyWriteFailed() {
    historyWriteFailures.increment();
  }

  @Override
  public void historyRejected() {
    historyRejected.increment();
  }
}
