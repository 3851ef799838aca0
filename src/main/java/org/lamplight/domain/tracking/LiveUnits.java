package org.lamplight.domain.tracking;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.lamplight.domain.geo.GridIndex;
import org.lamplight.domain.org.Device;
import org.lamplight.domain.org.Person;

/**
 * The live picture of every unit: latest fix, presence, duty and dispatch state, and a spatial
 * index for nearest-unit queries. A unit is a person; any of the person's devices reports for
 * it, and the unit is online while any of them is. Each device has its own presence and order
 * channel, so a phone running the field app and a positions-only app is one unit whose orders go
 * to the field app.
 *
 * <p>The units follow the county at run time ({@link #reconcile}): people added, changed, moved
 * to another post or retired, devices bound, rebound or retired, without a restart.
 *
 * <p>Safe for concurrent use: each unit is guarded by its own monitor, the index is updated in
 * place, changes of the county's structure are serialised, and changed units are queued once
 * until a reader (the console feed, the cluster replicator) drains them, which coalesces bursts
 * of pings.
 */
public final class LiveUnits {

  /** What a device's presence report changed. */
  public enum PresenceChange {
    /** The device was already so. */
    NONE,
    /** The device came or went; the unit stays as it was (another of its devices decides). */
    DEVICE,
    /** The device came or went, and with it the unit. */
    UNIT
  }

  /** What applying a fix did to the live state. */
  public enum FixOutcome {
    /** The fix is the newest: the unit moved there. */
    MOVED,
    /** Older than the current fix and plausible beside it: kept in history only. */
    OLDER,
    /** Same time-stamp as the current fix: nothing to do. */
    DUPLICATE,
    /** Implied speed from or to the current fix is impossible: kept in history, flagged, the unit does not move. */
    IMPLAUSIBLE
  }

  private final Map<String, UnitState> byUnit = new ConcurrentHashMap<>();
  private final Map<String, Attached> byDevice = new ConcurrentHashMap<>();
  /** Every unit ever known, by index handle; grown by copying when people are added (rare). */
  private volatile UnitState[] byHandle = new UnitState[0];
  private final Object structure = new Object();
  private final GridIndex index;
  private final FixValidator validator;
  private final ConcurrentLinkedQueue<UnitState> changed = new ConcurrentLinkedQueue<>();

  /** A device and the unit it reports for. */
  private record Attached(UnitState unit, DeviceState device) {
  }

  /** The people are the units; a device whose person is not among them is ignored. */
  public LiveUnits(Collection<Person> people, Collection<Device> devices, FixValidator validator, double cellSizeMeters) {
    this.validator = validator;
    this.index = new GridIndex(cellSizeMeters);
    reconcile(people, devices, false);
  }

  /**
   * Brings the units in line with the county's people and devices: new people become units, a
   * changed person (another post, name or phone) is updated in place, people no longer listed
   * are retired (they leave the map, the index and every query), and devices are bound to their
   * person, moved to another person or retired. A retired unit that comes back keeps its live
   * state. Changed units are reported to the next drain.
   */
  public void reconcile(Collection<Person> people, Collection<Device> devices) {
    reconcile(people, devices, true);
  }

  /** @param report whether readers are told: not at construction, when nobody is listening yet */
  private void reconcile(Collection<Person> people, Collection<Device> devices, boolean report) {
    synchronized (structure) {
      Map<String, List<Device>> devicesOf = new HashMap<>();
      devices.forEach(d -> devicesOf.computeIfAbsent(d.personId(), k -> new ArrayList<>()).add(d));
      Set<String> listed = new HashSet<>();
      List<UnitState> added = new ArrayList<>();
      for (Person p : people) {
        listed.add(p.id());
        UnitState s = byUnit.get(p.id());
        boolean changedHere;
        if (s == null) {
          s = new UnitState(byHandle.length + added.size(), p);
          added.add(s);
          byUnit.put(p.id(), s);
          changedHere = true;
        } else {
          changedHere = s.update(p);
        }
        if (bindDevices(s, devicesOf.getOrDefault(p.id(), List.of())) || changedHere) {
          PositionFix last = s.lastFix();
          if (last != null && !index.contains(s.handle)) {
            index.upsert(s.handle, last.lat(), last.lon()); // back in service where it was last seen
          }
          if (report) {
            markChanged(s);
          }
        }
      }
      if (!added.isEmpty()) {
        UnitState[] grown = Arrays.copyOf(byHandle, byHandle.length + added.size());
        for (UnitState s : added) {
          grown[s.handle] = s;
        }
        byHandle = grown;
      }
      for (UnitState s : byHandle) {
        if (!listed.contains(s.person().id())) {
          retire(s);
        }
      }
    }
  }

  /** True when the unit's devices changed. */
  private boolean bindDevices(UnitState s, List<Device> devices) {
    boolean changed = false;
    Set<String> ids = new HashSet<>();
    for (Device d : devices) {
      ids.add(d.id());
      Attached a = byDevice.get(d.id());
      if (a != null && a.unit() == s) {
        continue;
      }
      if (a != null) {
        a.unit().detach(a.device()); // the device moved to another person
      }
      DeviceState state = new DeviceState(d.id());
      s.attach(state);
      byDevice.put(d.id(), new Attached(s, state));
      changed = true;
    }
    for (DeviceState gone : s.devicesNotIn(ids)) {
      s.detach(gone);
      Attached a = byDevice.get(gone.id);
      if (a != null && a.device() == gone) {
        byDevice.remove(gone.id);
      }
      changed = true;
    }
    return changed;
  }

  private void retire(UnitState s) {
    for (DeviceState d : s.devicesNotIn(Set.of())) {
      s.detach(d);
      byDevice.remove(d.id);
    }
    if (s.retire()) {
      index.remove(s.handle);
      markChanged(s);
    }
  }

  /** Every unit ever known here, retired ones included: the bound of {@link #slice}. */
  public int known() {
    return byHandle.length;
  }

  /** Units with a position: those in the spatial index. */
  public int tracked() {
    return index.size();
  }

  /** The unit, retired or not; a retired unit's view says so. */
  public Optional<UnitView> unit(String unitId) {
    UnitState s = byUnit.get(unitId);
    return s == null ? Optional.empty() : Optional.of(s.view());
  }

  public Optional<Person> personByDevice(String deviceId) {
    Attached a = byDevice.get(deviceId);
    return a == null ? Optional.empty() : Optional.of(a.unit().person());
  }

  /** Applies a validated fix of a known device; unknown devices are the caller's error. */
  public FixOutcome applyFix(PositionFix fix) {
    Attached a = attached(fix.deviceId());
    UnitState s = a.unit();
    FixOutcome outcome;
    synchronized (s) {
      s.heard(a.device(), System.currentTimeMillis());
      a.device().source = fix.source();
      PositionFix current = s.fix;
      if (current != null && fix.timestampMs() == current.timestampMs()) {
        return FixOutcome.DUPLICATE;
      }
      // before the age check: a late older fix is judged too, or it would reach history as good
      if (current != null && validator.isImplausibleJump(current, fix)) {
        s.implausibleJumps++;
        return FixOutcome.IMPLAUSIBLE;
      }
      if (current != null && fix.timestampMs() < current.timestampMs()) {
        return FixOutcome.OLDER;
      }
      s.fix = fix;
      s.version++;
      outcome = FixOutcome.MOVED;
      if (s.retired) {
        return outcome; // a device retired a moment ago: nothing more to show
      }
    }
    index.upsert(s.handle, fix.lat(), fix.lon());
    markChanged(s);
    return outcome;
  }

  /** A device connected (or reported) or went away. */
  public PresenceChange setOnline(String deviceId, boolean online) {
    Attached a = attached(deviceId);
    UnitState s = a.unit();
    boolean unitChanged;
    synchronized (s) {
      DeviceState d = a.device();
      if (online) {
        s.heard(d, System.currentTimeMillis());
      }
      if (d.online == online) {
        return PresenceChange.NONE;
      }
      d.online = online;
      boolean unitOnline = s.anyOnline();
      unitChanged = unitOnline != s.online;
      s.online = unitOnline;
      s.version++;
    }
    markChanged(s);
    return unitChanged ? PresenceChange.UNIT : PresenceChange.DEVICE;
  }

  /** Whether the device is online now (unknown devices are not). */
  public boolean isOnline(String deviceId) {
    Attached a = byDevice.get(deviceId);
    if (a == null) {
      return false;
    }
    synchronized (a.unit()) {
      return a.device().online;
    }
  }

  /**
   * What the device can be told, as its connection showed (e.g. it subscribed to its orders);
   * true when that changed it.
   */
  public boolean setChannel(String deviceId, OrderChannel channel) {
    Attached a = attached(deviceId);
    UnitState s = a.unit();
    synchronized (s) {
      if (a.device().channel == channel) {
        return false;
      }
      a.device().channel = channel;
      s.version++;
    }
    markChanged(s);
    return true;
  }

  public OrderChannel channel(String deviceId) {
    Attached a = attached(deviceId);
    synchronized (a.unit()) {
      return a.device().channel;
    }
  }

  public void setOnDuty(String deviceId, boolean onDuty) {
    UnitState s = attached(deviceId).unit();
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
    UnitState s = attached(deviceId).unit();
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
    UnitState[] handles = byHandle;
    int[] ids = new int[limit];
    double[] dist = new double[limit];
    int n = index.nearest(lat, lon, radiusM, limit, filter == null ? null : h -> filter.test(handles[h].view()), ids,
        dist);
    List<Near> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new Near(handles[ids[i]].view(), dist[i]));
    }
    return out;
  }

  public record Near(UnitView unit, double distanceM) {
  }

  /** Every unit that is not retired. */
  public List<UnitView> all() {
    UnitState[] handles = byHandle;
    List<UnitView> out = new ArrayList<>(handles.length);
    for (UnitState s : handles) {
      UnitView v = s.view();
      if (!v.retired()) {
        out.add(v);
      }
    }
    return out;
  }

  /** Up to {@code count} units from position {@code from} of a fixed order, to copy the live state in parts. */
  public List<UnitView> slice(int from, int count) {
    UnitState[] handles = byHandle;
    int to = Math.min(handles.length, from + count);
    List<UnitView> out = new ArrayList<>(Math.max(0, to - from));
    for (int i = from; i < to; i++) {
      out.add(handles[i].view());
    }
    return out;
  }

  /** Hands every unit changed since the last drain to {@code sink}, once each. */
  public void drainChanged(Consumer<UnitView> sink) {
    UnitState s;
    while ((s = changed.poll()) != null) {
      synchronized (s) {
        s.queued = false;
      }
      sink.accept(s.view());
    }
  }

  /** Online devices last heard before {@code cutoffMs} whose latest fix came over one of {@code sources}. */
  public List<String> onlineDevicesSilentSince(long cutoffMs, Set<FixSource> sources) {
    List<String> out = new ArrayList<>();
    for (UnitState s : byHandle) {
      synchronized (s) {
        for (DeviceState d : s.devices) {
          if (d.online && d.lastSeenMs < cutoffMs && d.source != null && sources.contains(d.source)) {
            out.add(d.id);
          }
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

  private Attached attached(String deviceId) {
    Attached a = byDevice.get(deviceId);
    if (a == null) {
      throw new RejectedFixException(RejectReason.UNKNOWN_DEVICE, "unknown device " + deviceId);
    }
    return a;
  }

  /** One device's own part of the live state; guarded by its unit's monitor. */
  private static final class DeviceState {
    final String id;
    boolean online;
    long lastSeenMs;
    OrderChannel channel = OrderChannel.NONE;
    FixSource source;

    DeviceState(String id) {
      this.id = id;
    }
  }

  /** Mutable per-unit state; every field but the handle is guarded by the instance monitor. */
  private static final class UnitState {
    final int handle;
    private Person person;
    final List<DeviceState> devices = new ArrayList<>(2);
    /** The device the unit was last heard from; null until one is heard. */
    DeviceState lastHeard;
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
    boolean retired;

    UnitState(int handle, Person person) {
      this.handle = handle;
      this.person = person;
    }

    synchronized Person person() {
      return person;
    }

    synchronized PositionFix lastFix() {
      return fix;
    }

    synchronized boolean isRetired() {
      return retired;
    }

    /** A person listed again: the newest record, and back in service if it was retired; true when that changed it. */
    synchronized boolean update(Person p) {
      if (p.equals(person) && !retired) {
        return false;
      }
      person = p;
      retired = false;
      version++;
      return true;
    }

    /** True when it was in service until now. */
    synchronized boolean retire() {
      if (retired) {
        return false;
      }
      retired = true;
      online = false;
      version++;
      return true;
    }

    synchronized void attach(DeviceState d) {
      devices.add(d);
      version++;
    }

    synchronized void detach(DeviceState d) {
      devices.remove(d);
      if (lastHeard == d) {
        lastHeard = null;
      }
      online = anyOnline();
      version++;
    }

    synchronized List<DeviceState> devicesNotIn(Set<String> ids) {
      return devices.stream().filter(d -> !ids.contains(d.id)).toList();
    }

    /** Caller holds the monitor. */
    void heard(DeviceState d, long nowMs) {
      d.lastSeenMs = Math.max(d.lastSeenMs, nowMs);
      lastSeenMs = Math.max(lastSeenMs, nowMs);
      lastHeard = d;
    }

    /** Caller holds the monitor. */
    boolean anyOnline() {
      for (DeviceState d : devices) {
        if (d.online) {
          return true;
        }
      }
      return false;
    }

    /** Orders go to the online device with the best channel (the latest heard of equals), else the last heard. */
    private DeviceState orderDevice() {
      DeviceState best = null;
      for (DeviceState d : devices) {
        if (d.online && (best == null || d.channel.compareTo(best.channel) > 0
            || (d.channel == best.channel && d.lastSeenMs > best.lastSeenMs))) {
          best = d;
        }
      }
      if (best != null) {
        return best;
      }
      return lastHeard != null ? lastHeard : devices.isEmpty() ? null : devices.get(0);
    }

    synchronized UnitView view() {
      DeviceState orders = orderDevice();
      OrderChannel channel = online && orders != null && orders.online ? orders.channel : OrderChannel.NONE;
      return new UnitView(person, orders == null ? null : orders.id, channel, fix, online, onDuty, sos, lastSeenMs,
          dispatchState, incidentId, version, retired);
    }
  }
}
