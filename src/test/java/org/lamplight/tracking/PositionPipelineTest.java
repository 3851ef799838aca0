package org.lamplight.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lamplight.domain.tracking.RejectionAssert.assertRejected;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.lamplight.TestUnits;
import org.lamplight.domain.tracking.HistoryRow;
import org.lamplight.domain.org.Person;
import org.lamplight.domain.tracking.DeviceRateLimiter;
import org.lamplight.domain.tracking.FixSource;
import org.lamplight.domain.tracking.FixValidator;
import org.lamplight.domain.tracking.Measurement;
import org.lamplight.domain.tracking.PositionFix;
import org.lamplight.domain.tracking.RejectReason;

class PositionPipelineTest {

  private static final long NOW = 1_700_000_000_000L;
  private static final double LAT = 33.80;
  private static final double LON = 114.50;

  private final Counting metrics = new Counting();
  private final List<Person> people = new ArrayList<>();

  private PositionPipeline pipeline(int units, DeviceRateLimiter limiter, HistoryBuffer history) {
    for (int i = 0; i < units; i++) {
      people.add(TestUnits.auxiliary("aux-" + i, "W1", LAT, LON));
    }
    FixValidator validator = new FixValidator(60_000, 86_400_000, 70);
    return new PositionPipeline(validator, limiter, TestUnits.live(people), history, metrics,
        LocalUpdates.NONE);
  }

  private static PositionFix fix(String deviceId, long ts, double altitude, double battery) {
    return new PositionFix(deviceId, LAT, LON, ts, 5, 1, 90, altitude, battery, FixSource.LAMPLIGHT);
  }

  @Test
  void anOutOfRangeMeasurementIsDroppedCountedAndTheFixStillReachesHistory() {
    HistoryBuffer history = new HistoryBuffer(100, 100, metrics);
    PositionPipeline p = pipeline(1, new DeviceRateLimiter(5, 50), history);
    p.accept(fix("dev-aux-0", NOW, -1e300, 1e308), NOW);
    List<HistoryRow> rows = new ArrayList<>();
    history.drainTo(rows, 10);
    assertThat(rows).hasSize(1);
    PositionFix stored = rows.get(0).fix();
    assertThat(PositionFix.has(stored.altitudeM())).isFalse();
    assertThat(PositionFix.has(stored.batteryPct())).isFalse();
    assertThat(stored.accuracyM()).isEqualTo(5);
    assertThat(metrics.dropped).containsEntry(Measurement.ALTITUDE, 1).containsEntry(Measurement.BATTERY, 1)
        .doesNotContainKey(Measurement.SPEED);
  }

  @Test
  void aDeviceOverItsRateIsRefusedAndCountedWhileOthersGoOn() {
    HistoryBuffer history = new HistoryBuffer(1000, 1000, metrics);
    PositionPipeline p = pipeline(2, new DeviceRateLimiter(5, 10), history);
    IntStream.range(0, 10).forEach(i -> p.accept(fix("dev-aux-0", NOW - 1000 + i, 20, 50), NOW));
    assertRejected(() -> p.accept(fix("dev-aux-0", NOW, 20, 50), NOW), RejectReason.RATE_LIMITED);
    p.accept(fix("dev-aux-1", NOW, 20, 50), NOW);
    assertThat(metrics.rejected).containsEntry(RejectReason.RATE_LIMITED, 1);
    assertThat(history.size()).isEqualTo(11);
  }

  @Test
  void oneFloodingDeviceCannotCrowdFiftyOthersOutOfHistory() {
    // The database is down: nothing drains. A limit raised as a benchmark would raise it.
    HistoryBuffer history = new HistoryBuffer(1_000, 100, metrics);
    PositionPipeline p = pipeline(51, new DeviceRateLimiter(1_000_000, 1_000_000), history);
    for (int i = 0; i < 100_000; i++) {
      p.accept(fix("dev-aux-0", NOW - 100_000 + i, 20, 50), NOW);
    }
    for (int d = 1; d <= 50; d++) {
      for (int i = 0; i < 10; i++) {
        p.accept(fix("dev-aux-" + d, NOW - 10 + i, 20, 50), NOW);
      }
    }
    List<HistoryRow> rows = new ArrayList<>();
    history.drainTo(rows, 10_000);
    Map<String, Integer> perUnit = new HashMap<>();
    rows.forEach(r -> perUnit.merge(r.unitId(), 1, Integer::sum));
    assertThat(perUnit.get("aux-0")).isEqualTo(100);
    for (int d = 1; d <= 50; d++) {
      assertThat(perUnit.get("aux-" + d)).as("aux-" + d).isEqualTo(10);
    }
    assertThat(metrics.overShare).isEqualTo(100_000 - 100);
    assertThat(metrics.historyDropped).isZero();
  }

  @Test
  void aUnitGetsItsShareBackAsTheWriterDrains() {
    HistoryBuffer history = new HistoryBuffer(1_000, 2, metrics);
    PositionPipeline p = pipeline(1, new DeviceRateLimiter(1_000, 1_000), history);
    IntStream.range(0, 3).forEach(i -> p.accept(fix("dev-aux-0", NOW - 10 + i, 20, 50), NOW));
    assertThat(history.size()).isEqualTo(2);
    history.drainTo(new ArrayList<>(), 1);
    p.accept(fix("dev-aux-0", NOW, 20, 50), NOW);
    assertThat(history.size()).isEqualTo(2);
    assertThat(metrics.overShare).isEqualTo(1);
  }

  @Test
  void aFullBufferIsCountedAsDropped() {
    HistoryBuffer history = new HistoryBuffer(3, 10, metrics);
    PositionPipeline p = pipeline(1, new DeviceRateLimiter(1_000, 1_000), history);
    IntStream.range(0, 5).forEach(i -> p.accept(fix("dev-aux-0", NOW - 10 + i, 20, 50), NOW));
    assertThat(history.size()).isEqualTo(3);
    assertThat(metrics.historyDropped).isEqualTo(2);
    assertThat(metrics.overShare).isZero();
  }

  @Test
  void aLateFarOffFixReachesHistoryFlaggedAndIsCountedImplausible() {
    HistoryBuffer history = new HistoryBuffer(100, 100, metrics);
    PositionPipeline p = pipeline(1, new DeviceRateLimiter(5, 50), history);
    p.accept(fix("dev-aux-0", NOW, 20, 50), NOW);
    p.accept(fix("dev-aux-0", NOW - 2_000, 20, 50), NOW);
    p.accept(new PositionFix("dev-aux-0", LAT + 1, LON, NOW - 1_000, 5, 1, 90, 20, 50, FixSource.LAMPLIGHT), NOW);
    List<HistoryRow> rows = new ArrayList<>();
    history.drainTo(rows, 10);
    assertThat(rows).extracting(HistoryRow::implausible).containsExactly(false, false, true);
    assertThat(metrics.accepted).isEqualTo(2);
    assertThat(metrics.implausible).isEqualTo(1);
  }

  private static final class Counting implements IngestMetrics {
    final Map<RejectReason, Integer> rejected = new EnumMap<>(RejectReason.class);
    final Map<Measurement, Integer> dropped = new EnumMap<>(Measurement.class);
    int historyDropped;
    int overShare;
    int accepted;
    int implausible;

    @Override
    public void accepted(FixSource source) {
      accepted++;
    }

    @Override
    public void rejected(RejectReason reason) {
      rejected.merge(reason, 1, Integer::sum);
    }

    @Override
    public void implausible() {
      implausible++;
    }

    @Override
    public void measurementDropped(Measurement measurement) {
      dropped.merge(measurement, 1, Integer::sum);
    }

    @Override
    public void historyWritten(int rows) {
    }

    @Override
    public void historyRejected() {
    }

    @Override
    public void historyDropped(int rows) {
      historyDropped += rows;
    }

    @Override
    public void historyOverShare(int rows) {
      overShare += rows;
    }

    @Override
    public void historyWriteFailed() {
    }
  }
}
