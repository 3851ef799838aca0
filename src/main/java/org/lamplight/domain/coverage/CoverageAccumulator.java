package org.lamplight.domain.coverage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.lamplight.domain.area.VillageIndex;
import org.lamplight.domain.coverage.TrackEvent.Duty;
import org.lamplight.domain.coverage.TrackEvent.Fix;
import org.lamplight.domain.geo.GeoPoint;

/**
 * Patrol coverage, computed as fixes arrive: {@link #accept} one event at a time, and now and
 * then {@link #drain} the per-day increments to add to the stored rows. Keeps one
 * {@link UnitTrack} per unit plus the increments not drained yet (at most one per village-day and
 * unit-day touched since the last drain).
 *
 * <p>Not thread safe: feed it from one thread, or give each thread its own accumulator and send
 * all of one unit's events to the same one (the drained increments add up either way).
 *
 * <p>The definition, interval by interval (see {@code package-info} for the whole of it): for two
 * consecutive points of a unit on duty, the interval between them counts for at most max-gap,
 * placed at its start. It is presence in a village when both points lie in that village, and
 * extends the unit's run there; a point elsewhere, an interval longer than max-gap or going off
 * duty ends the run. A run counts as one visit once its presence reaches min-visit.
 */
public final class CoverageAccumulator {

  /** What became of an event. */
  public enum Outcome {
    /** Taken into account. */
    COUNTED,
    /** Not later than the unit's last point (out of order or a duplicate): ignored. */
    STALE,
    /** A fix flagged as an implausible jump: ignored. */
    IMPLAUSIBLE,
    /** A duty change to the duty the unit already has: nothing to do. */
    UNCHANGED
  }

  private final VillageIndex villages;
  private final UnitPosts posts;
  private final long maxGapMs;
  private final long minVisitMs;
  private final Days days;
  private final Map<String, UnitTrack> tracks = new HashMap<>();
  private final Map<DayKey, VillageDayChange> villageChanges = new HashMap<>();
  private final Map<DayKey, UnitDayChange> unitChanges = new HashMap<>();

  public CoverageAccumulator(VillageIndex villages, UnitPosts posts, CoverageSettings settings) {
    this(villages, posts, settings, List.of());
  }

  /** Carries on from tracks saved by {@link #tracks()}. */
  public CoverageAccumulator(VillageIndex villages, UnitPosts posts, CoverageSettings settings,
      Collection<UnitTrack> restored) {
    this.villages = villages;
    this.posts = posts;
    this.maxGapMs = settings.maxGapMs();
    this.minVisitMs = settings.minVisitMs();
    this.days = new Days(settings.zone());
    restored.forEach(t -> tracks.put(t.unitId(), t));
  }

  /**
   * Coverage of a past range from history: the events of every unit in time order (fixes and
   * duty changes interleaved; the list is sorted by time here, keeping the order of equal times),
   * giving the totals of the days first..last. The same as the incremental path fed the same
   * events. A run already under way at the range's start counts only from the first event given,
   * so start the events early enough (the day before is enough unless a unit stayed in one
   * village all that day).
   */
  public static CoverageTotals recompute(VillageIndex villages, UnitPosts posts,
      CoverageSettings settings, List<? extends TrackEvent> events, LocalDate first, LocalDate last) {
    CoverageAccumulator accumulator = new CoverageAccumulator(villages, posts, settings);
    events.stream().sorted(Comparator.comparingLong(TrackEvent::atMs)).forEach(accumulator::accept);
    CoverageTotals totals = new CoverageTotals();
    totals.add(accumulator.drain());
    return totals.between(first, last);
  }

  public Outcome accept(TrackEvent event) {
    if (event instanceof Fix fix) {
      return fix(fix);
    }
    return duty((Duty) event);
  }

  private Outcome fix(Fix fix) {
    if (fix.implausible()) {
      return Outcome.IMPLAUSIBLE;
    }
    UnitTrack track = current(fix.unitId());
    if (fix.atMs() <= track.atMs()) {
      return Outcome.STALE;
    }
    String village = villages.villageAt(fix.lat(), fix.lon(), track.village()).orElse(null);
    if (!track.placed()) {
      tracks.put(fix.unitId(), new UnitTrack(fix.unitId(), track.onDuty(), fix.atMs(), fix.lat(),
          fix.lon(), village, 0, false));
    } else {
      double distanceM = GeoPoint.distanceMeters(track.lat(), track.lon(), fix.lat(), fix.lon());
      tracks.put(fix.unitId(), advance(track, fix.atMs(), fix.lat(), fix.lon(), village, distanceM));
    }
    return Outcome.COUNTED;
  }

  /**
   * A duty change is a point where the unit's last fix put it: the interval up to it counts under
   * the old duty, and the run ends. One time-stamped before the last point takes effect there.
   */
  private Outcome duty(Duty duty) {
    UnitTrack track = current(duty.unitId());
    if (track.onDuty() == duty.onDuty()) {
      return Outcome.UNCHANGED;
    }
    UnitTrack at = track;
    if (track.placed() && duty.atMs() > track.atMs()) {
      at = advance(track, duty.atMs(), track.lat(), track.lon(), track.village(), 0);
    }
    tracks.put(duty.unitId(), new UnitTrack(duty.unitId(), duty.onDuty(), at.atMs(), at.lat(), at.lon(),
        at.village(), 0, false));
    return Outcome.COUNTED;
  }

  /** Credits the interval from the track's last point to the next one and returns the next track. */
  private UnitTrack advance(UnitTrack track, long endMs, double lat, double lon, String village,
      double distanceM) {
    String unitId = track.unitId();
    if (!track.onDuty()) {
      return new UnitTrack(unitId, false, endMs, lat, lon, village, 0, false);
    }
    long from = track.atMs();
    long credited = Math.min(endMs - from, maxGapMs);
    long to = from + credited;
    boolean silent = endMs - from > maxGapMs;
    boolean stayed = track.village() != null && track.village().equals(village);
    boolean onPost = stayed && posts.villagesOf(unitId).contains(track.village());
    boolean visit = stayed && track.visit();
    long visitFrom = visit ? from : Long.MAX_VALUE;
    long runMs = track.runMs() + credited;
    if (stayed && !visit && runMs >= minVisitMs) {
      visit = true;
      visitFrom = from + (minVisitMs - track.runMs());
      LocalDate visitDay = days.dayOf(visitFrom - 1); // the day of the visit's last needed millisecond
      villageChange(track.village(), visitDay).visits++;
      unitChange(unitId, visitDay).visits++;
    }
    for (long a = from; a < to; ) {
      LocalDate day = days.dayOf(a);
      long b = Math.min(to, days.endOfDay(a));
      UnitDayChange unitDay = unitChange(unitId, day);
      unitDay.onDutyMs += b - a;
      if (!silent) {
        unitDay.distanceM += distanceM * (b - a) / credited;
      }
      if (stayed) {
        VillageDayChange villageDay = villageChange(track.village(), day);
        villageDay.presenceMs += b - a;
        villageDay.units.add(unitId);
        if (b >= visitFrom) {
          villageDay.lastVisitMs = Math.max(villageDay.lastVisitMs, b);
        }
        if (onPost) {
          unitDay.onPostMs += b - a;
        } else {
          unitDay.patrolMs += b - a;
        }
      }
      a = b;
    }
    boolean runGoesOn = stayed && !silent;
    return new UnitTrack(unitId, true, endMs, lat, lon, village, runGoesOn ? runMs : 0, runGoesOn && visit);
  }

  /** The increments since the last drain, sorted by village (unit) and day; starts afresh. */
  public CoverageDelta drain() {
    List<VillageDay> villageDays = new ArrayList<>(villageChanges.size());
    villageChanges.forEach((key, change) -> villageDays.add(change.toDay(key)));
    List<UnitDay> unitDays = new ArrayList<>(unitChanges.size());
    unitChanges.forEach((key, change) -> unitDays.add(change.toDay(key)));
    villageChanges.clear();
    unitChanges.clear();
    villageDays.sort(Comparator.comparing(VillageDay::village).thenComparing(VillageDay::day));
    unitDays.sort(Comparator.comparing(UnitDay::unitId).thenComparing(UnitDay::day));
    return new CoverageDelta(villageDays, unitDays);
  }

  /** Every unit's state, to store alongside a drain and restore after a restart. */
  public List<UnitTrack> tracks() {
    return List.copyOf(tracks.values());
  }

  public Optional<UnitTrack> trackOf(String unitId) {
    return Optional.ofNullable(tracks.get(unitId));
  }

  private UnitTrack current(String unitId) {
    UnitTrack track = tracks.get(unitId);
    return track != null ? track : UnitTrack.unplaced(unitId);
  }

  private VillageDayChange villageChange(String village, LocalDate day) {
    return villageChanges.computeIfAbsent(new DayKey(village, day), k -> new VillageDayChange());
  }

  private UnitDayChange unitChange(String unitId, LocalDate day) {
    return unitChanges.computeIfAbsent(new DayKey(unitId, day), k -> new UnitDayChange());
  }

  private record DayKey(String id, LocalDate day) {}

  private static final class VillageDayChange {
    long presenceMs;
    int visits;
    long lastVisitMs = Long.MIN_VALUE;
    final Set<String> units = new HashSet<>();

    VillageDay toDay(DayKey key) {
      return new VillageDay(key.id(), key.day(), presenceMs, visits,
          lastVisitMs == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(lastVisitMs), units);
    }
  }

  private static final class UnitDayChange {
    long onDutyMs;
    long onPostMs;
    long patrolMs;
    double distanceM;
    int visits;

    UnitDay toDay(DayKey key) {
      return new UnitDay(key.id(), key.day(), onDutyMs, onPostMs, patrolMs, distanceM, visits);
    }
  }
}
