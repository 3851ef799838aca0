package org.lamplight.domain.coverage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.lamplight.domain.area.VillageIndex;
import org.lamplight.domain.coverage.TrackEvent.Duty;
import org.lamplight.domain.coverage.TrackEvent.Fix;
import org.lamplight.domain.geo.GeoPoint;

/**
 * The coverage definition written out the long way, for checking {@link CoverageAccumulator}:
 * each unit's track becomes a list of points, the points a list of intervals, the intervals runs,
 * and only then is anything added up per day.
 */
final class CoverageOracle {

  private record Point(long t, double lat, double lon, String village, boolean onDutyAfter, boolean dutyChange) {}

  private record Interval(Point from, Point to, long creditedMs, boolean silent, boolean presence) {}

  private final VillageIndex index;
  private final UnitPosts posts;
  private final CoverageSettings settings;
  private final Map<String, Map<LocalDate, long[]>> village = new HashMap<>(); // presence, visits, last visit
  private final Map<String, Map<LocalDate, Set<String>>> villageUnits = new HashMap<>();
  private final Map<String, Map<LocalDate, double[]>> unit = new HashMap<>(); // duty, post, patrol, dist, visits

  CoverageOracle(VillageIndex index, UnitPosts posts, CoverageSettings settings) {
    this.index = index;
    this.posts = posts;
    this.settings = settings;
  }

  /** Events in arrival order, as the accumulator got them. */
  CoverageTotals totals(List<TrackEvent> events) {
    Map<String, List<TrackEvent>> byUnit = new LinkedHashMap<>();
    events.forEach(e -> byUnit.computeIfAbsent(e.unitId(), u -> new ArrayList<>()).add(e));
    byUnit.forEach((unitId, unitEvents) -> addUp(unitId, intervals(points(unitEvents))));
    CoverageTotals totals = new CoverageTotals();
    village.forEach((code, days) -> days.forEach((day, v) -> totals.add(new VillageDay(code, day, v[0], (int) v[1],
        v[2] == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(v[2]), villageUnits.get(code).get(day)))));
    unit.forEach((unitId, days) -> days.forEach((day, u) -> totals.add(new UnitDay(unitId, day, (long) u[0],
        (long) u[1], (long) u[2], u[3], (int) u[4]))));
    return totals;
  }

  private List<Point> points(List<TrackEvent> events) {
    List<Point> points = new ArrayList<>();
    boolean onDuty = true;
    for (TrackEvent event : events) {
      Point last = points.isEmpty() ? null : points.get(points.size() - 1);
      if (event instanceof Fix fix) {
        if (fix.implausible() || (last != null && fix.atMs() <= last.t())) {
          continue;
        }
        points.add(new Point(fix.atMs(), fix.lat(), fix.lon(), index.villageAt(fix.lat(), fix.lon()).orElse(null),
            onDuty, false));
      } else {
        Duty duty = (Duty) event;
        if (duty.onDuty() == onDuty) {
          continue;
        }
        onDuty = duty.onDuty();
        if (last == null) {
          continue;
        }
        Point change = new Point(Math.max(duty.atMs(), last.t()), last.lat(), last.lon(), last.village(), onDuty, true);
        if (change.t() == last.t()) {
          points.set(points.size() - 1, change);
        } else {
          points.add(change);
        }
      }
    }
    return points;
  }

  private List<Interval> intervals(List<Point> points) {
    List<Interval> intervals = new ArrayList<>();
    for (int i = 0; i + 1 < points.size(); i++) {
      Point a = points.get(i);
      Point b = points.get(i + 1);
      long length = b.t() - a.t();
      boolean presence = a.onDutyAfter() && a.village() != null && a.village().equals(b.village());
      intervals.add(new Interval(a, b, Math.min(length, settings.maxGapMs()), length > settings.maxGapMs(), presence));
    }
    return intervals;
  }

  private void addUp(String unitId, List<Interval> intervals) {
    List<List<Interval>> runs = new ArrayList<>();
    List<Interval> run = new ArrayList<>();
    for (Interval interval : intervals) {
      if (interval.from().onDutyAfter()) {
        addDutyAndDistance(unitId, interval);
      }
      if (interval.presence() && !run.isEmpty() && (interval.from().dutyChange()
          || !run.get(run.size() - 1).from().village().equals(interval.from().village()))) {
        runs.add(run);
        run = new ArrayList<>();
      }
      if (interval.presence()) {
        run.add(interval);
        if (interval.silent()) {
          runs.add(run);
          run = new ArrayList<>();
        }
      } else if (!run.isEmpty()) {
        runs.add(run);
        run = new ArrayList<>();
      }
    }
    if (!run.isEmpty()) {
      runs.add(run);
    }
    runs.forEach(r -> addRun(unitId, r));
  }

  private void addDutyAndDistance(String unitId, Interval interval) {
    long start = interval.from().t();
    long end = start + interval.creditedMs();
    double distance = GeoPoint.distanceMeters(interval.from().lat(), interval.from().lon(), interval.to().lat(),
        interval.to().lon());
    for (long[] piece : pieces(start, end)) {
      double[] u = unitDay(unitId, day(piece[0]));
      u[0] += piece[1] - piece[0];
      if (!interval.silent()) {
        u[3] += distance * (piece[1] - piece[0]) / interval.creditedMs();
      }
    }
  }

  private void addRun(String unitId, List<Interval> run) {
    String code = run.get(0).from().village();
    boolean onPost = posts.villagesOf(unitId).contains(code);
    long total = run.stream().mapToLong(Interval::creditedMs).sum();
    long reachedAt = Long.MAX_VALUE;
    if (total >= settings.minVisitMs()) {
      long sofar = 0;
      for (Interval interval : run) {
        if (sofar + interval.creditedMs() >= settings.minVisitMs()) {
          reachedAt = interval.from().t() + settings.minVisitMs() - sofar;
          break;
        }
        sofar += interval.creditedMs();
      }
      LocalDate visitDay = day(reachedAt - 1);
      villageDay(code, visitDay)[1]++;
      unitDay(unitId, visitDay)[4]++;
    }
    for (Interval interval : run) {
      long start = interval.from().t();
      for (long[] piece : pieces(start, start + interval.creditedMs())) {
        LocalDate day = day(piece[0]);
        long[] v = villageDay(code, day);
        v[0] += piece[1] - piece[0];
        if (piece[1] >= reachedAt) {
          v[2] = Math.max(v[2], piece[1]);
        }
        villageUnits.get(code).get(day).add(unitId);
        unitDay(unitId, day)[onPost ? 1 : 2] += piece[1] - piece[0];
      }
    }
  }

  /** [from, to) cut at each midnight. */
  private List<long[]> pieces(long from, long to) {
    List<long[]> pieces = new ArrayList<>();
    while (from < to) {
      ZonedDateTime nextMidnight = Instant.ofEpochMilli(from).atZone(settings.zone()).toLocalDate().plusDays(1)
          .atStartOfDay(settings.zone());
      long end = Math.min(to, nextMidnight.toInstant().toEpochMilli());
      pieces.add(new long[] {from, end});
      from = end;
    }
    return pieces;
  }

  private LocalDate day(long ms) {
    return Instant.ofEpochMilli(ms).atZone(settings.zone()).toLocalDate();
  }

  private long[] villageDay(String code, LocalDate day) {
    villageUnits.computeIfAbsent(code, c -> new HashMap<>()).computeIfAbsent(day, d -> new HashSet<>());
    return village.computeIfAbsent(code, c -> new HashMap<>()).computeIfAbsent(day, d -> new long[] {0, 0, Long.MIN_VALUE});
  }

  private double[] unitDay(String unitId, LocalDate day) {
    return unit.computeIfAbsent(unitId, u -> new HashMap<>()).computeIfAbsent(day, d -> new double[5]);
  }
}
