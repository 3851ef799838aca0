package org.lamplight.tracking;

import org.lamplight.domain.tracking.HistoryRow;
import org.lamplight.domain.org.Person;
import org.lamplight.domain.tracking.DeviceStatus;
import org.lamplight.domain.tracking.DeviceRateLimiter;
import org.lamplight.domain.tracking.FixValidator;
import org.lamplight.domain.tracking.LiveUnits;
import org.lamplight.domain.tracking.LiveUnits.FixOutcome;
import org.lamplight.domain.tracking.Measurement;
import org.lamplight.domain.tracking.PositionFix;
import org.lamplight.domain.tracking.RejectReason;
import org.lamplight.domain.tracking.RejectedFixException;
import org.lamplight.domain.tracking.ValidFix;

/**
 * The path every decoded fix takes, whatever protocol brought it: validate (out-of-range
 * measurements are dropped from the fix), hold each device to its rate limit, update live state
 * and the index, queue for history. Thread-safe; called from the gateways' event loops.
 */
public final class PositionPipeline {

  private final FixValidator validator;
  private final DeviceRateLimiter limiter;
  private final LiveUnits units;
  private final HistoryBuffer history;
  private final IngestMetrics metrics;
  private final LocalUpdates updates;

  public PositionPipeline(FixValidator validator, DeviceRateLimiter limiter, LiveUnits units, HistoryBuffer history,
                          IngestMetrics metrics, LocalUpdates updates) {
    this.validator = validator;
    this.limiter = limiter;
    this.units = units;
    this.history = history;
    this.metrics = metrics;
    this.updates = updates;
  }

  /**
   * Accepts a fix, or throws {@link RejectedFixException} (already counted) saying why not.
   * A fix that is kept in live state or history is never refused for lack of buffer space:
   * that is counted separately as a history drop.
   */
  public FixOutcome accept(PositionFix sent, long nowMs) {
    ValidFix valid;
    Person person;
    FixOutcome outcome;
    try {
      valid = validator.validate(sent, nowMs);
      person = units.personByDevice(sent.deviceId())
          .orElseThrow(() -> new RejectedFixException(RejectReason.UNKNOWN_DEVICE, "unknown device " + sent.deviceId()));
      if (!limiter.tryTake(sent.deviceId(), nowMs)) {
        throw new RejectedFixException(RejectReason.RATE_LIMITED, "more fixes than the device's rate limit allows");
      }
      outcome = units.applyFix(valid.fix());
    } catch (RejectedFixException e) {
      metrics.rejected(e.reason());
      throw e;
    }
    PositionFix fix = valid.fix();
    for (Measurement m : valid.dropped()) {
      metrics.measurementDropped(m);
    }
    if (outcome != FixOutcome.DUPLICATE) {
      history.offer(new HistoryRow(person.id(), fix, outcome == FixOutcome.IMPLAUSIBLE));
    }
    if (outcome == FixOutcome.IMPLAUSIBLE) {
      metrics.implausible();
    } else {
      metrics.accepted(fix.source());
    }
    if (outcome == FixOutcome.MOVED) {
      updates.moved(fix);
    }
    return outcome;
  }

  /** Applies a device's duty and SOS report; true when that raised or cleared its SOS. */
  public boolean status(String deviceId, DeviceStatus status) {
    if (status.onDuty() != null) {
      units.setOnDuty(deviceId, status.onDuty());
    }
    boolean sosChanged = units.setSos(deviceId, status.sos());
    updates.status(deviceId, status);
    return sosChanged;
  }

  /** The unit carrying {@code deviceId}, or null for a device this node does not know. */
  public String unitOf(String deviceId) {
    return units.personByDevice(deviceId).map(Person::id).orElse(null);
  }

  /** Counts a refusal that happened before a fix existed (topic, payload, credentials). */
  public void rejected(RejectReason reason) {
    metrics.rejected(reason);
  }
}
