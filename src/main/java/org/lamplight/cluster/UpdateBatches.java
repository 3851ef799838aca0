package org.lamplight.cluster;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.lamplight.domain.tracking.DeviceStatus;
import org.lamplight.domain.tracking.FixSource;
import org.lamplight.domain.tracking.LiveUnits;
import org.lamplight.domain.tracking.PositionFix;
import org.lamplight.domain.tracking.RejectedFixException;
import org.lamplight.tracking.LocalUpdates;

/**
 * Shares live state between nodes in batches, never one distributed write per ping: the fixes
 * and statuses this node's devices reported are queued here and sent every
 * {@code cluster.share-interval} as one event-bus message (a compact binary batch); the other
 * nodes apply them to their {@link LiveUnits}, which marks the units changed for their consoles.
 * All nodes run the same version, so enum ordinals are stable on the wire.
 */
public final class UpdateBatches implements LocalUpdates {

  /** Published; each node ignores its own batches. */
  public static final String ADDRESS = "lamplight.cluster.fixes";
  /** Keeps one message (~80 bytes a fix) well under a megabyte. */
  static final int MAX_PER_MESSAGE = 8_192;
  /**
   * Fixes and statuses held between two shares at most (a few megabytes): a stalled share drops
   * the newest beyond it, counted, which costs the other nodes nothing lasting, since a unit's
   * next fix or status carries its whole live state again.
   */
  static final int MAX_QUEUED = 8 * MAX_PER_MESSAGE;
  private static final FixSource[] SOURCES = FixSource.values();
  private static final byte DUTY_UNSAID = 2;

  private final LiveUnits units;
  private final ConcurrentLinkedQueue<PositionFix> fixes = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Status> statuses = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicLong dropped = new AtomicLong();

  record Status(String deviceId, Boolean onDuty, boolean sos) {
  }

  public UpdateBatches(LiveUnits units) {
    this.units = units;
  }

  @Override
  public void moved(PositionFix fix) {
    if (room()) {
      fixes.add(fix);
    }
  }

  @Override
  public void status(String deviceId, DeviceStatus status) {
    if (room()) {
      statuses.add(new Status(deviceId, status.onDuty(), status.sos()));
    }
  }

  private boolean room() {
    if (queued.incrementAndGet() > MAX_QUEUED) {
      queued.decrementAndGet();
      dropped.incrementAndGet();
      return false;
    }
    return true;
  }

  /** Fixes and statuses not shared because {@value #MAX_QUEUED} were waiting already. */
  public long dropped() {
    return dropped.get();
  }

  /** Everything queued since the last call, as batches; empty when there was nothing. */
  public List<Buffer> drain() {
    List<Buffer> out = new ArrayList<>();
    while (!fixes.isEmpty() || !statuses.isEmpty()) {
      List<PositionFix> f = new ArrayList<>();
      List<Status> s = new ArrayList<>();
      PositionFix fix;
      while (f.size() < MAX_PER_MESSAGE && (fix = fixes.poll()) != null) {
        f.add(fix);
      }
      Status st;
      while (s.size() < MAX_PER_MESSAGE && (st = statuses.poll()) != null) {
        s.add(st);
      }
      queued.addAndGet(-(f.size() + s.size()));
      out.add(encode(f, s));
    }
    return out;
  }

  /** Applies a batch another node sent; returns the number of fixes in it. */
  public int apply(Buffer batch) {
    int[] pos = {0};
    int fixCount = batch.getInt(pos[0]);
    pos[0] += 4;
    for (int i = 0; i < fixCount; i++) {
      PositionFix fix = readFix(batch, pos);
      try {
        units.applyFix(fix);
      } catch (RejectedFixException e) {
        // a device this node does not know (added after it started): its gateway refuses it too
      }
    }
    int statusCount = batch.getInt(pos[0]);
    pos[0] += 4;
    for (int i = 0; i < statusCount; i++) {
      String deviceId = string(batch, pos);
      byte duty = batch.getByte(pos[0]);
      boolean sos = batch.getByte(pos[0] + 1) != 0;
      pos[0] += 2;
      try {
        if (duty != DUTY_UNSAID) {
          units.setOnDuty(deviceId, duty == 1);
        }
        units.setSos(deviceId, sos);
      } catch (RejectedFixException e) {
        // as for fixes
      }
    }
    return fixCount;
  }

  static Buffer encode(List<PositionFix> fixes, List<Status> statuses) {
    Buffer b = Buffer.buffer(8 + fixes.size() * 90 + statuses.size() * 24);
    b.appendInt(fixes.size());
    fixes.forEach(f -> appendFix(b, f));
    b.appendInt(statuses.size());
    for (Status s : statuses) {
      appendString(b, s.deviceId());
      b.appendByte(s.onDuty() == null ? DUTY_UNSAID : (byte) (s.onDuty() ? 1 : 0)).appendByte((byte) (s.sos() ? 1 : 0));
    }
    return b;
  }

  static void appendFix(Buffer b, PositionFix f) {
    appendString(b, f.deviceId());
    b.appendDouble(f.lat()).appendDouble(f.lon()).appendLong(f.timestampMs()).appendDouble(f.accuracyM())
        .appendDouble(f.speedMps()).appendDouble(f.headingDeg()).appendDouble(f.altitudeM())
        .appendDouble(f.batteryPct()).appendByte((byte) f.source().ordinal());
  }

  static PositionFix readFix(Buffer b, int[] pos) {
    String deviceId = string(b, pos);
    int p = pos[0];
    pos[0] += 65;
    return new PositionFix(deviceId, b.getDouble(p), b.getDouble(p + 8), b.getLong(p + 16), b.getDouble(p + 24),
        b.getDouble(p + 32), b.getDouble(p + 40), b.getDouble(p + 48), b.getDouble(p + 56), SOURCES[b.getByte(p + 64)]);
  }

  static void appendString(Buffer b, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    b.appendShort((short) bytes.length).appendBytes(bytes);
  }

  static String string(Buffer b, int[] pos) {
    int length = b.getUnsignedShort(pos[0]);
    String s = b.getString(pos[0] + 2, pos[0] + 2 + length, "UTF-8");
    pos[0] += 2 + length;
    return s;
  }
}
