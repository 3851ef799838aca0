package org.lamplight.gateway.mqtt;

import org.lamplight.domain.tracking.PositionFix;

/** What an OwnTracks payload turned out to be. */
public sealed interface OwnTracksMessage {

  /** {@code _type=location}: a fix. */
  record Location(PositionFix fix) implements OwnTracksMessage {}

  /**
   * {@code _type=lwt}: the app's last will, so the device has gone offline.
   *
   * @param tstMs when the app first connected (the will's {@code tst}), epoch milliseconds
   */
  record Lwt(long tstMs) implements OwnTracksMessage {}

  /** Any other {@code _type} (transition, waypoint, card, status...): valid, not used. */
  record Other(String type) implements OwnTracksMessage {}
}
