package org.lamplight.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;
import org.lamplight.domain.tracking.FixSource;
import org.lamplight.domain.tracking.LiveUnits;
import org.lamplight.domain.tracking.LiveUnits.PresenceChange;
import org.lamplight.domain.tracking.OrderChannel;
import org.lamplight.domain.tracking.RejectedFixException;

/**
 * Online/offline per device. A clean DISCONNECT or an OwnTracks will makes a device offline at
 * once; a dropped connection only after a grace period, so a phone that changes cell towers and
 * reconnects does not flap. HTTP devices (Traccar Client) have no connection: they go offline
 * when silent for {@code httpSilenceMs}.
 */
public final class Presence {

  private static final Set<FixSource> HTTP_SOURCES = EnumSet.of(FixSource.OSMAND, FixSource.TRACCAR_JSON);

  private final Vertx vertx;
  private final LiveUnits units;
  private final long graceMs;
  private final Predicate<String> connectedHere;

  public Presence(Vertx vertx, LiveUnits units, long graceMs, Predicate<String> connectedHere) {
    this.vertx = vertx;
    this.units = units;
    this.graceMs = graceMs;
    this.connectedHere = connectedHere;
  }

  public void online(String deviceId) {
    set(deviceId, true);
  }

  public void offline(String deviceId) {
    set(deviceId, false);
  }

  /** A device retired a moment ago (its connection closing now) is no longer anybody's: nothing to mark. */
  private void set(String deviceId, boolean online) {
    PresenceChange change;
    try {
      change = units.setOnline(deviceId, online);
    } catch (RejectedFixException e) {
      return;
    }
    changed(deviceId, online, change);
  }

  /** What the device can be told, as its connection shows; every node learns it with its presence. */
  public void channel(String deviceId, OrderChannel channel) {
    try {
      if (units.setChannel(deviceId, channel) && units.isOnline(deviceId)) {
        announce(deviceId, true, false);
      }
    } catch (RejectedFixException e) {
      // retired a moment ago: its connection is closing
    }
  }

  /** The connection dropped without DISCONNECT: offline unless it is back within the grace period. */
  public void dropped(String deviceId) {
    vertx.setTimer(Math.max(1, graceMs), id -> {
      if (!connectedHere.test(deviceId)) {
        offline(deviceId);
      }
    });
  }

  /** Marks HTTP devices offline when they have been silent too long; run periodically. */
  public void sweepSilentHttpDevices(long silenceMs) {
    long cutoff = System.currentTimeMillis() - silenceMs;
    for (String deviceId : units.onlineDevicesSilentSince(cutoff, HTTP_SOURCES)) {
      if (!connectedHere.test(deviceId)) {
        offline(deviceId);
      }
    }
  }

  private void changed(String deviceId, boolean online, PresenceChange change) {
    if (change != PresenceChange.NONE) {
      announce(deviceId, online, change == PresenceChange.UNIT);
    }
  }

  private void announce(String deviceId, boolean online, boolean unitChanged) {
    String unitId = units.personByDevice(deviceId).map(p -> p.id()).orElse(null);
    vertx.eventBus().publish(DeviceBus.PRESENCE, new JsonObject().put("deviceId", deviceId).put("unitId", unitId)
        .put("online", online).put("channel", units.channel(deviceId).wire()).put("unitChanged", unitChanged));
  }
}
