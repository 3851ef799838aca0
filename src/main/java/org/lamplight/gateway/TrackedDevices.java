package org.lamplight.gateway;

import io.vertx.core.Future;
import java.util.function.Supplier;
import org.lamplight.tracking.PositionPipeline;

/**
 * Which unit a device reports for, as this node tracks it. A device whose credentials the
 * database accepts but this node does not track yet was created a moment ago (perhaps through
 * another node): the node catches up with the stored county before it answers.
 */
public final class TrackedDevices {

  private final PositionPipeline pipeline;
  private final Supplier<Future<Void>> catchUp;

  /** @param catchUp loads the stored county if it is newer than the one this node holds */
  public TrackedDevices(PositionPipeline pipeline, Supplier<Future<Void>> catchUp) {
    this.pipeline = pipeline;
    this.catchUp = catchUp;
  }

  /** The device's unit; null when the device is not in the county even after catching up. */
  public Future<String> unitOf(String deviceId) {
    String unit = pipeline.unitOf(deviceId);
    if (unit != null) {
      return Future.succeededFuture(unit);
    }
    return catchUp.get().map(v -> pipeline.unitOf(deviceId));
  }
}
