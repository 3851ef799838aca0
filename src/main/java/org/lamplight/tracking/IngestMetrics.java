package org.lamplight.tracking;

import org.lamplight.domain.tracking.FixSource;
import org.lamplight.domain.tracking.Measurement;
import org.lamplight.domain.tracking.RejectReason;

/** What the ingest path counts; a NOOP for tests and tools, Micrometer in a running node. */
public interface IngestMetrics {

  void accepted(FixSource source);

  void rejected(RejectReason reason);

  void implausible();

  /** An accepted fix lost one optional measurement that was out of range. */
  void measurementDropped(Measurement measurement);

  void historyWritten(int rows);

  void historyDropped(int rows);

  /** Rows refused because their unit already held its share of the history buffer. */
  void historyOverShare(int rows);

  void historyWriteFailed();

  /** One row the database refused as data (an out-of-range value), set aside so the rest is written. */
  void historyRejected();

  IngestMetrics NOOP = new IngestMetrics() {
    @Override
    public void accepted(FixSource source) {
    }

    @Override
    public void rejected(RejectReason reason) {
    }

    @Override
    public void implausible() {
    }

    @Override
    public void measurementDropped(Measurement measurement) {
    }

    @Override
    public void historyWritten(int rows) {
    }

    @Override
    public void historyOverShare(int rows) {
    }

    @Override
    public void historyDropped(int rows) {
    }

    @Override
    public void historyWriteFailed() {
    }

    @Override
    public void historyRejected() {
    }
  };
}
