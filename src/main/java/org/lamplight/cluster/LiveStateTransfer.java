package org.lamplight.cluster;

import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Set;
import org.lamplight.domain.tracking.LiveUnits;
import org.lamplight.domain.tracking.OrderChannel;
import org.lamplight.domain.tracking.PositionFix;
import org.lamplight.domain.tracking.RejectedFixException;
import org.lamplight.domain.tracking.UnitView;

/**
 * Brings a node that joins a running cluster up to date: it copies a member's live state (latest
 * fix, presence, duty, SOS, where each device is connected) in parts, before it serves. What the
 * node heard itself meanwhile wins: fixes by time-stamp, and presence it was told about since it
 * started is left as it is.
 */
final class LiveStateTransfer {

  /** Followed by the serving node's id; the request is the position to start from. */
  static final String ADDRESS = "lamplight.cluster.live-state.";
  static final int PART = 4_096;
  private static final int ONLINE = 1;
  private static final int ON_DUTY = 2;
  private static final int SOS = 4;
  private static final int FIX = 8;
  private static final OrderChannel[] CHANNELS = OrderChannel.values();

  private final LiveUnits units;
  private final ClusterPresence presence;

  LiveStateTransfer(LiveUnits units, ClusterPresence presence) {
    this.units = units;
    this.presence = presence;
  }

  /**
   * Units from {@code from}: {@code next (-1 after the last part), count}, then per unit its flags,
   * its fix, the device orders go to with that device's channel, and the node it is connected to.
   */
  Buffer part(int from) {
    List<UnitView> views = units.slice(from, PART);
    int next = from + views.size() < units.known() ? from + views.size() : -1;
    Buffer b = Buffer.buffer(8 + views.size() * 140).appendInt(next).appendInt(views.size());
    for (UnitView u : views) {
      String deviceId = u.deviceId() == null ? "" : u.deviceId(); // "": a person without a device
      b.appendByte((byte) ((u.online() ? ONLINE : 0) | (u.onDuty() ? ON_DUTY : 0) | (u.sos() ? SOS : 0)
          | (u.fix() != null ? FIX : 0)));
      if (u.fix() != null) {
        UpdateBatches.appendFix(b, u.fix());
      }
      UpdateBatches.appendString(b, deviceId);
      b.appendByte((byte) u.channel().ordinal());
      String node = deviceId.isEmpty() ? null : presence.nodeOf(deviceId);
      UpdateBatches.appendString(b, node == null ? "" : node);
    }
    return b;
  }

  /**
   * Applies a part another node sent; returns where the next part starts, or -1.
   *
   * @param heard devices whose presence this node was told about since it started
   */
  int apply(Buffer part, Set<String> heard) {
    int[] pos = {8};
    int count = part.getInt(4);
    for (int i = 0; i < count; i++) {
      int flags = part.getByte(pos[0]++);
      PositionFix fix = (flags & FIX) != 0 ? UpdateBatches.readFix(part, pos) : null;
      String deviceId = UpdateBatches.string(part, pos);
      OrderChannel channel = CHANNELS[part.getByte(pos[0]++)];
      String node = UpdateBatches.string(part, pos);
      try {
        if (fix != null) {
          units.applyFix(fix);
        }
        if (!deviceId.isEmpty() && !heard.contains(deviceId)) {
          units.setOnline(deviceId, (flags & ONLINE) != 0);
          units.setChannel(deviceId, channel);
          units.setOnDuty(deviceId, (flags & ON_DUTY) != 0);
          units.setSos(deviceId, (flags & SOS) != 0);
        }
      } catch (RejectedFixException e) {
        // a device this node does not know
      }
      if (!node.isEmpty()) {
        presence.connectedEarlier(deviceId, node);
      }
    }
    return part.getInt(0);
  }
}
