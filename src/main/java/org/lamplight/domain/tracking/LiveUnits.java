package org.lamplight.domain.tracking;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.lamplight.domain.geo.GridIndex;
import org.lamplight.domain.org.Device;
import org.lamplight.domain.org.Person;

/**
 * The live picture of every unit: latest fix, presence, duty and dispatch state, and a spatial
 * index for nearest-unit queries. A unit is a person; any of the person's devices reports for
 * it. Safe for concurrent use: each unit is guarded by its own monitor, the index is updated in
 * place, and changed units are queued once until a reader (the console feed, the cluster
 * replicator) drains them, which coalesces bursts of pings.
 */
public final class LiveUnits {

  /** What applying a fix did to the live state. */
  public enum FixOutcome {
    /** The fix is the newest: the unit moved there. */
    MOVED,
    /** Older than the current fix: kept in history only. */
    OLDER,
    /** Same time-stamp as the current fix: nothing to do. */
    DUPLICATE,
    /** Implied speed is impossible: kept in history, flagged, the unit does not move. */
    IMPLAUSIBLE
  }

  private final Map<String, UnitState> byUnit;
  private final Map<String, UnitState> byDevice;
  private final UnitState[] byHandle;
  private final GridIndex index;
  private final FixValidator validator;
  private final ConcurrentLinkedQueue<UnitState> changed = new ConcurrentLinkedQueue<>();

  /** The people are the units; a device whose person is not among them is ignored. */
  public LiveUnits(Collection<Person> people, Collection<Device> devices, FixValidator validator, double cellSizeMeters) {
    this.validator = validator;
    this.index = new GridIndex(cellSizeMeters);
    this.byUnit = new HashMap<>(people.size() * 2);
    this.byDevice = new HashMap<>(devices.size() * 2);
    this.byHandle = new UnitState[people.size()];
    int handle = 0;
    for (Person p : people) {
      UnitState s = new UnitState(handle, p);
      byHandle[handle++] = s;
      byUnit.put(p.id(), s);
    }
    for (Device d : devices) {
      UnitState s = byUnit.get(d.personId());
      if (s != null) {
        byDevice.put(d.id(), s);
        if (s.device == null) {
          s.device = d.id();
        }
      }
    }
  }

  public int size() {
    return byHandle.length;
  }

  /** Units with a position: those in the spatial index. */
  public int tracked() {
    return index.size();
  }

  public Optional<UnitView> unit(String unitId) {
    UnitState s = byUnit.get(unitId);
    return s == null ? Optional.empty() : Optional.of(s.view());
  }

  public Optional<Person> personByDevice(String deviceId) {
    UnitState s = byDevice.get(deviceId);
    return s == null ? Optional.empty() : Optional.of(s.person);
  }

  /** Applies a validated fix of a known device; unknown devices are the caller's error. */
  public FixOutcome applyFix(PositionFix fix) {
    UnitState s = stateOfDevice(fix.deviceId());
    FixOutcome outcome;
    synchronized (s) {
      s.lastSeenMs = Math.max(s.lastSeenMs, System.currentTimeMillis());
      PositionFix current = s.fix;
      if (current != null && fix.timestampMs() < current.timestampMs()) {
        return FixOutcome.OLDER;
      }
      if (current != null && fix.timestampMs() == current.timestampMs()) {
        return FixOutcome.DUPLICATE;
      }
      if (current != null && validator.isImplausibleJump(current, fix)) {
        s.implausibleJumps++;
        return FixOutcome.IMPLAUSIBLE;
      }
      s.fix = fix;
      s.device = fix.deviceId();
      s.version++;
      outcome = FixOutcome.MOVED;
    }
    index.upsert(s.handle, fix.lat(), fix.lon());
    markChanged(s);
    return outcome;
  }

  /** Online/offline; returns true when that changed the unit's presence. */
  public boolean setOnline(String deviceId, boolean online) {
    UnitState s = stateOfDevice(deviceId);
    synchronized (s) {
      if (online) {
        s.lastSeenMs = System.currentTimeMillis();
        s.device = deviceId;
      }
      if (s.online == online) {
        return false;
      }
      s.online = online;
      s.version++;
    }
    markChanged(s);
    return true;
  }

  public void setOnDuty(String deviceId, boolean onDuty) {
    UnitState s = stateOfDevice(deviceId);
    synchronized (s) {
      if (s.onDuty == onDuty) {
        return;
      }
      s.onDuty = onDuty;
      s.version++;
    }
    markChanged(s);
  }

  /** Raises or clears a unit's SOS; true when that changed it. */
  public boolean setSos(String deviceId, boolean sos) {
    UnitState s = stateOfDevice(deviceId);
    synchronized (s) {
      if (s.sos == sos) {
        return false;
      }
      s.sos = sos;
      s.version++;
    }
    markChanged(s);
    return true;
  }

  /** The dispatch engine's view of a unit (available, offered, assigned, enroute, on_scene). */
  public void setDispatchState(String unitId, String state, String incidentId) {
    UnitState s = byUnit.get(unitId);
    if (s == null) {
      return;
    }
    synchronized (s) {
      // in a cluster every node mirrors every incident, often the state the unit already has
      if (state.equals(s.dispatchState) && Objects.equals(incidentId, s.incidentId)) {
        return;
      }
      s.dispatchState = state;
      s.incidentId = incidentId;
      s.version++;
    }
    markChanged(s);
  }

  /**
   * Up to {@code limit} units nearest to (lat, lon) within {@code radiusM} that pass
   * {@code filter}, nearest first, each with its distance.
   */
  public List<Near> nearest(double lat, double lon, double radiusM, int limit, Predicate<UnitView> filter) {
    int[] ids = new int[limit];
    double[] dist = new double[limit];
    int n = index.nearest(lat, lon, radiusM, limit, filter == null ? null : h -> filter.test(byHandle[h].view()), ids, dist);
    List<Near> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new Near(byHandle[ids[i]].view(), dist[i]));
    }
    return out;
  }

  public record Near(UnitView unit, double distanceM) {
  }

  public List<UnitView> all() {
    List<UnitView> out = new ArrayList<>(byHandle.length);
    for (UnitState s : byHandle) {
      out.add(s.view());
    }
    return out;
  }

  /** Up to {@code count} units from position {@code from} of a fixed order, to copy the live state in parts. */
  public List<UnitView> slice(int from, int count) {
    int to = Math.min(byHandle.length, from + count);
    List<UnitView> out = new ArrayList<>(Math.max(0, to - from));
    for (int i = from; i < to; i++) {
      out.add(byHandle[i].view());
    }
    return out;
  }

  /** Hands every unit changed since the last drain to {@code sink}, once each. */
  public void drainChanged(Consumer<UnitView> sink) {
    UnitState s;
    while ((s = changed.poll()) != null) {
      s.queued = false;
      sink.accept(s.view());
    }
  }

  /** Online units last seen before {@code cutoffMs} whose latest fix came from {@code sources}. */
  public List<String> onlineDevicesSilentSince(long cutoffMs, java.util.Set<FixSource> sources) {
    List<String> out = new ArrayList<>();
    for (UnitState s : byHandle) {
      synchronized (s) {
        if (s.online && s.lastSeenMs < cutoffMs && s.fix != null && sources.contains(s.fix.source())) {
          out.add(s.fix.deviceId());
        }
      }
    }
    return out;
  }

  private void markChanged(UnitState s) {
    boolean enqueue;
    synchronized (s) {
      enqueue = !s.queued;
      s.queued = true;
    }
    if (enqueue) {
      changed.add(s);
    }
  }

  private UnitState stateOfDevice(String deviceId) {
    UnitState s = byDevice.get(deviceId);
    if (s == null) {
      throw new RejectedFixException(RejectReason.UNKNOWN_DEVICE, "unknown device " + deviceId);
    }
    return s;
  }

  /** Mutable per-unit state; every field but the immutable ones is guarded by the instance monitor. */
  private static final class UnitState {
    final int handle;
    final Person person;
    /** The device the unit was last heard from; at first its first device; null for a person without one. */
    String device;
    PositionFix fix;
    boolean online;
    boolean onDuty = true;
    boolean sos;
    long lastSeenMs;
    long version;
    long implausibleJumps;
    String dispatchState = "available";
    String incidentId;
    boolean queued;

    UnitState(int handle, Person person) {
      this.handle = handle;
      this.person = person;
    }

    synchronized UnitView view() {
      return new UnitView(person, device, fix, online, onDuty, sos, lastSeenMs, dispatchState, incidentId, version);
    }
  }
}
