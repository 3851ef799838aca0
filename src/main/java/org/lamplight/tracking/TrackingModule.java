package org.lamplight.tracking;

import io.micrometer.core.instrument.FunctionCounter;
import io.vertx.core.Future;
import java.util.function.Function;
import org.lamplight.config.Config;
import org.lamplight.config.Keys;
import org.lamplight.domain.org.County;
import org.lamplight.domain.org.CurrentCounty;
import org.lamplight.domain.tracking.DeviceRateLimiter;
import org.lamplight.domain.tracking.FixValidator;
import org.lamplight.domain.tracking.LiveUnits;
import org.lamplight.platform.Deployer;
import org.lamplight.platform.Module;
import org.lamplight.platform.Platform;
import org.lamplight.store.PositionRepository;

/**
 * Live state and history: every unit's latest fix, presence and dispatch state with the
 * spatial index, the pipeline every decoded fix goes through, and the batched history writer.
 */
public final class TrackingModule implements Module {

  /** Grid cell edge of the unit index: about the spacing of villages, so a query touches few cells. */
  private static final double INDEX_CELL_METERS = 1000;

  private final Config config;
  private final LiveUnits units;
  private final IngestMetrics metrics;
  private final HistoryBuffer history;
  private final PositionRepository positions;
  private final PositionPipeline pipeline;
  private final TrackBuffer tracks;

  /**
   * @param county the units follow its people and devices as it changes
   * @param sharing what this node's own devices changed goes here (a cluster shares it with the other nodes)
   */
  public TrackingModule(Platform platform, CurrentCounty county, Function<LiveUnits, LocalUpdates> sharing) {
    this.config = platform.config();
    FixValidator validator = new FixValidator(config.get(Keys.FIX_MAX_FUTURE), config.get(Keys.FIX_MAX_AGE),
        config.get(Keys.FIX_MAX_SPEED));
    County start = county.get();
    this.units = new LiveUnits(start.people(), start.devices(), validator, INDEX_CELL_METERS);
    county.onChange(c -> units.reconcile(c.people(), c.devices()));
    platform.registry().gauge("lamplight.units.tracked", units, LiveUnits::tracked);
    this.metrics = new MicrometerIngestMetrics(platform.registry());
    this.history = new HistoryBuffer(config.get(Keys.HISTORY_BUFFER), config.get(Keys.HISTORY_UNIT_BUFFER), metrics);
    platform.registry().gauge("lamplight.history.buffered", history, HistoryBuffer::size);
    this.positions = new PositionRepository(platform.pool());
    this.tracks = new TrackBuffer(config.get(Keys.COVERAGE_BUFFER));
    platform.registry().gauge("lamplight.coverage.buffered", tracks, TrackBuffer::size);
    FunctionCounter.builder("lamplight.coverage.dropped", tracks, TrackBuffer::dropped)
        .description("Fixes and duty changes coverage missed because its buffer was full").register(platform.registry());
    this.pipeline = new PositionPipeline(validator,
        new DeviceRateLimiter(config.get(Keys.INGEST_DEVICE_RATE), config.get(Keys.INGEST_DEVICE_BURST)), units, history,
        metrics, LocalUpdates.both(sharing.apply(units), tracks.reporting(units)));
  }

  @Override
  public Future<Void> deploy(Deployer deployer) {
    return deployer.deploy(() -> new HistoryWriterVerticle(history, positions, metrics, config.get(Keys.HISTORY_BATCH),
        config.get(Keys.HISTORY_FLUSH)), 1);
  }

  public LiveUnits units() {
    return units;
  }

  public PositionPipeline pipeline() {
    return pipeline;
  }

  /** What this node's own devices did, waiting for the coverage accounting. */
  public TrackBuffer tracks() {
    return tracks;
  }

  public PositionRepository positions() {
    return positions;
  }
}
