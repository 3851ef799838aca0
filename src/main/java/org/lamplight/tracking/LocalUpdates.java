package org.lamplight.tracking;

import org.lamplight.domain.tracking.DeviceStatus;
import org.lamplight.domain.tracking.PositionFix;

/**
 * Told about live-state changes that entered through this node's own gateways, never about
 * changes copied from other nodes, so a cluster can share each change once.
 */
public interface LocalUpdates {

  /** A single node shares nothing. */
  LocalUpdates NONE = new LocalUpdates() {
    @Override
    public void moved(PositionFix fix) {
    }

    @Override
    public void status(String deviceId, DeviceStatus status) {
    }
  };

  /** Tells both, first then second. */
  static LocalUpdates both(LocalUpdates first, LocalUpdates second) {
    return new LocalUpdates() {
      @Override
      public void moved(PositionFix fix) {
        first.moved(fix);
        second.moved(fix);
      }

      @Override
      public void status(String deviceId, DeviceStatus status) {
        first.status(deviceId, status);
        second.status(deviceId, status);
      }
    };
  }

  /** A fix moved its unit (the newest, plausible fix). */
  void moved(PositionFix fix);

  /** A device reported its duty or SOS state. */
  void status(String deviceId, DeviceStatus status);
}
