package org.lamplight.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lamplight.TestUnits;
import org.lamplight.domain.org.Person;
import org.lamplight.domain.tracking.DeviceStatus;
import org.lamplight.domain.tracking.FixSource;
import org.lamplight.domain.tracking.DeviceRateLimiter;
import org.lamplight.domain.tracking.FixValidator;
import org.lamplight.domain.tracking.LiveUnits;
import org.lamplight.domain.tracking.PositionFix;
import org.lamplight.domain.tracking.RejectedFixException;
import org.lamplight.domain.tracking.UnitView;
import org.lamplight.tracking.HistoryBuffer;
import org.lamplight.tracking.IngestMetrics;
import org.lamplight.tracking.PositionPipeline;

class UpdateBatchesTest {

  private static final List<Person> PEOPLE = List.of(person("aux-1"), person("aux-2"));
  private static final FixValidator VALIDATOR = new FixValidator(60_000, 86_400_000, 70);

  private final LiveUnits here = TestUnits.live(PEOPLE);
  private final LiveUnits there = TestUnits.live(PEOPLE);
  private final UpdateBatches shared = new UpdateBatches(here);
  private final UpdateBatches received = new UpdateBatches(there);
  private final PositionPipeline pipeline = new PositionPipeline(VALIDATOR, new DeviceRateLimiter(5, 50), here,
      new HistoryBuffer(100, 100, IngestMetrics.NOOP), IngestMetrics.NOOP, shared);

  private static Person person(String id) {
    return TestUnits.auxiliary(id, "W1", 33.7, 114.5);
  }

  private static PositionFix fix(String deviceId, double lat, long ts) {
    return new PositionFix(deviceId, lat, 114.5, ts, 5, PositionFix.ABSENT, 90, PositionFix.ABSENT, 80, FixSource.OWNTRACKS);
  }

  private void share() {
    shared.drain().forEach(received::apply);
  }

  @Test
  void aStalledShareHoldsNoMoreThanItsBoundAndCountsWhatItDrops() {
    for (int i = 0; i < UpdateBatches.MAX_QUEUED + 5; i++) {
      shared.moved(fix("dev-aux-1", 33.71, i + 1L));
    }
    shared.status("dev-aux-2", new DeviceStatus(false, false, PositionFix.ABSENT));
    assertThat(shared.dropped()).isEqualTo(6);
    assertThat(shared.drain().stream().mapToInt(received::apply).sum()).isEqualTo(UpdateBatches.MAX_QUEUED);
    shared.status("dev-aux-2", new DeviceStatus(false, false, PositionFix.ABSENT));
    share();
    assertThat(shared.dropped()).as("room again once shared").isEqualTo(6);
    assertThat(there.unit("aux-2").orElseThrow().onDuty()).isFalse();
  }

  @Test
  void fixesThatMovedAUnitHereMoveItOnTheOtherNodeWithEveryMeasurement() {
    long now = System.currentTimeMillis();
    pipeline.accept(fix("dev-aux-1", 33.71, now - 1000), now);
    pipeline.accept(fix("dev-aux-2", 33.72, now - 1000), now);
    share();

    UnitView u = there.unit("aux-1").orElseThrow();
    assertThat(u.fix()).isEqualTo(fix("dev-aux-1", 33.71, now - 1000));
    assertThat(Double.isNaN(u.fix().speedMps())).isTrue();
    assertThat(there.unit("aux-2").orElseThrow().fix().lat()).isEqualTo(33.72);
    List<String> changed = new java.util.ArrayList<>();
    there.drainChanged(v -> changed.add(v.person().id()));
    assertThat(changed).as("marked changed for the other node's consoles").containsExactlyInAnyOrder("aux-1", "aux-2");
  }

  @Test
  void onlyFixesThatMovedAUnitAreShared() {
    long now = System.currentTimeMillis();
    pipeline.accept(fix("dev-aux-1", 33.71, now - 1000), now);
    pipeline.accept(fix("dev-aux-1", 33.70, now - 2000), now); // older: history only
    pipeline.accept(fix("dev-aux-1", 33.71, now - 1000), now); // duplicate
    assertThatThrownBy(() -> pipeline.accept(fix("dev-aux-9", 33.71, now), now)).isInstanceOf(RejectedFixException.class);

    List<Buffer> batches = shared.drain();
    assertThat(batches).hasSize(1);
    assertThat(received.apply(batches.get(0))).isEqualTo(1);
    assertThat(shared.drain()).as("nothing new").isEmpty();
  }

  @Test
  void statusesAreSharedAndAnUnknownDeviceIsSkipped() {
    pipeline.status("dev-aux-1", new DeviceStatus(false, true, PositionFix.ABSENT));
    pipeline.status("dev-aux-2", new DeviceStatus(null, false, PositionFix.ABSENT));
    Buffer foreign = UpdateBatches.encode(List.of(fix("dev-aux-9", 33.7, 1)), List.of(new UpdateBatches.Status("dev-aux-9", true, true)));
    received.apply(foreign);
    share();

    assertThat(there.unit("aux-1").orElseThrow().onDuty()).isFalse();
    assertThat(there.unit("aux-1").orElseThrow().sos()).isTrue();
    assertThat(there.unit("aux-2").orElseThrow().onDuty()).as("duty not mentioned").isTrue();
  }

  @Test
  void aLargeBacklogIsSplitIntoBoundedMessages() {
    long now = System.currentTimeMillis();
    for (int i = 0; i < UpdateBatches.MAX_PER_MESSAGE + 10; i++) {
      shared.moved(fix("dev-aux-1", 33.7 + i * 1e-6, now - 100_000 + i));
    }
    List<Buffer> batches = shared.drain();
    assertThat(batches).hasSize(2);
    assertThat(batches.stream().mapToInt(received::apply).sum()).isEqualTo(UpdateBatches.MAX_PER_MESSAGE + 10);
    assertThat(there.unit("aux-1").orElseThrow().fix().timestampMs()).isEqualTo(now - 100_000 + UpdateBatches.MAX_PER_MESSAGE + 9);
  }
}
