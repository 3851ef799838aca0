package org.lamplight.tracking;

import org.lamplight.domain.tracking.FixSource;
import org.lamplight.domain.tracking.RejectReason;

/** What the ingest path counts; a NOOP for tests and tools, Micrometer in a running node. */
public interface IngestMetrics {

  void accepted(FixSource source);

  void rejected(RejectReason reason);

  void implausible();

  void historyWritten(int rows);

  void historyDropped(int rows);

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
    public void historyWritten(int rows) {
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
