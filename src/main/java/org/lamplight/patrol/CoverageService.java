package org.lamplight.patrol;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.lamplight.domain.coverage.CoverageAccumulator;
import org.lamplight.domain.coverage.CoverageSettings;
import org.lamplight.domain.alert.AlertLevel;
import org.lamplight.domain.alert.NewAlert;
import org.lamplight.domain.area.Area;
import org.lamplight.domain.coverage.CoverageTotals;
import org.lamplight.domain.coverage.Inactivity;
import org.lamplight.domain.coverage.PatrolRequirements;
import org.lamplight.domain.coverage.TrackEvent;
import org.lamplight.domain.coverage.UnitDay;
import org.lamplight.domain.org.County;
import org.lamplight.domain.org.Office;
import org.lamplight.domain.org.Person;
import org.lamplight.domain.tracking.HistoryRow;
import org.lamplight.patrol.PatrolException.Code;
import org.lamplight.store.PositionRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coverage as the API reads it: figures per village, workstation, office, station or unit over a
 * range of days, coverage per day, the villages' requirements, and the recompute of past days
 * from position history, each over the county current when it is asked.
 */
public final class CoverageService {

  private static final Logger LOG = LoggerFactory.getLogger(CoverageService.class);
  private static final long DAY_MS = 86_400_000L;
  /** History rows read per query of a recompute: more than a day of one unit at one fix a second. */
  private static final int HISTORY_PAGE = 100_000;
  /** The longest range one request may ask for. */
  static final int MAX_DAYS = 400;

  private final Supplier<CountyPosts> posted;
  private final CoverageRepository repository;
  private final PositionRepository positions;
  private final CoverageSettings settings;
  private final int visitsPerDay;
  private RecomputeStatus recompute;

  CoverageService(Supplier<CountyPosts> posted, CoverageRepository repository, PositionRepository positions,
                  CoverageSettings settings, int visitsPerDay) {
    this.posted = posted;
    this.repository = repository;
    this.positions = positions;
    this.settings = settings;
    this.visitsPerDay = visitsPerDay;
  }

  public ZoneId zone() {
    return settings.zone();
  }

  /** Today in the county's zone. */
  public LocalDate today() {
    return LocalDate.now(settings.zone());
  }

  /** The last day of a range, brought back to today; a range starting after today keeps its first day. */
  private LocalDate untilToday(LocalDate first, LocalDate last) {
    LocalDate today = today();
    return last.isAfter(today) ? (first.isAfter(today) ? first : today) : last;
  }

  /** Refuses a backwards or overlong range. */
  static int days(LocalDate first, LocalDate last) {
    long days = ChronoUnit.DAYS.between(first, last) + 1;
    if (days < 1 || days > MAX_DAYS) {
      throw new PatrolException(Code.INVALID_REQUEST, "the range " + first + ".." + last + " must run forwards and"
          + " span at most " + MAX_DAYS + " days");
    }
    return (int) days;
  }

  /**
   * The figures of every village, workstation, office, station or unit over the days first..last;
   * days after today are left out (nothing can have met them yet).
   */
  public Future<List<CoverageFigures>> figures(LocalDate first, LocalDate upTo, CoverageLevel level) {
    LocalDate last = untilToday(first, upTo);
    int days = days(first, last);
    CountyPosts now = posted.get();
    return requirements().compose(requirements -> repository.villageTotals(first, last, requirements)
        .compose(villages -> repository.unitTotals(first, last)
            .map(units -> new CoverageReport(now.county(), now.posts(), requirements, days, villages, units)
                .at(level))));
  }

  /** Each day of first..last (up to today) over the given villages: how many met their requirement. */
  public Future<List<DailyCoverage>> daily(LocalDate first, LocalDate upTo, Collection<String> villages) {
    LocalDate last = untilToday(first, upTo);
    days(first, last);
    return requirements().compose(requirements -> repository.visitsByDay(first, last).map(byDay -> {
      List<DailyCoverage> out = new ArrayList<>();
      for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
        Map<String, Integer> visits = byDay.getOrDefault(day, Map.of());
        int met = 0;
        int total = 0;
        for (String village : villages) {
          int n = visits.getOrDefault(village, 0);
          total += n;
          if (requirements.isMet(village, n)) {
            met++;
          }
        }
        out.add(new DailyCoverage(day, villages.size(), met, total));
      }
      return out;
    }));
  }

  /**
   * One unit's coverage on a day, up to now: its fixes and duty changes replayed through the same
   * accounting as the stored figures, which add up all units per village where a unit wants its own
   * time in each. The replay starts the day before, so a visit under way at midnight counts.
   */
  public Future<UnitDayCoverage> unitDay(String unitId, LocalDate day) {
    long fromMs = day.minusDays(1).atStartOfDay(zone()).toInstant().toEpochMilli();
    long toMs = Math.min(System.currentTimeMillis(), day.plusDays(1).atStartOfDay(zone()).toInstant().toEpochMilli());
    CountyPosts now = posted.get();
    CoverageAccumulator accumulator = new CoverageAccumulator(now.county().villageIndex(), now.posts(), settings);
    return repository.dutyChanges(unitId, fromMs, toMs)
        .compose(duty -> replayUnit(unitId, fromMs, toMs, duty, 0, accumulator, new long[1]))
        .map(v -> {
          CoverageTotals totals = new CoverageTotals();
          totals.add(accumulator.drain());
          CoverageTotals ofDay = totals.between(day, day);
          return new UnitDayCoverage(ofDay.unitDay(unitId, day).orElseGet(() -> new UnitDay(unitId, day, 0, 0, 0, 0, 0)),
              ofDay.villageDays(), now.posts().villagesOf(unitId));
        });
  }

  /** Every village's last visit and window, for the live map. */
  public Future<List<PatrolStatus>> live() {
    County county = posted.get().county();
    return requirements().compose(r -> repository.lastVisits().map(last -> {
      List<PatrolStatus> out = new ArrayList<>();
      for (Area v : county.villages()) {
        Long at = last.get(v.code());
        out.add(new PatrolStatus(v.code(), v.name(), county.officeCovering(v.code()).map(Office::stationId).orElse(null),
            at == null ? OptionalLong.empty() : OptionalLong.of(at), r.windowMs(v.code())));
      }
      return out;
    }));
  }

  /**
   * The alerts of villages whose requirement window ran out in (previousCheckMs, nowMs] without a
   * visit, each raised once (whichever node claims it first publishes it).
   *
   * @param watchedSinceMs when coverage began: the window of a village never visited runs from there
   */
  Future<List<NewAlert>> inactivityAlerts(long watchedSinceMs, long previousCheckMs, long nowMs) {
    County county = posted.get().county();
    return requirements().compose(r -> repository.lastVisits().compose(last -> {
      List<String> villages = county.villages().stream().map(Area::code).toList();
      List<Future<Optional<NewAlert>>> claims = new ArrayList<>();
      for (Inactivity.InactiveVillage v : Inactivity.due(villages, last, r, watchedSinceMs, previousCheckMs, nowMs)) {
        claims.add(repository.claimInactivityAlert(v.village(), v.missedSinceMs())
            .map(won -> won ? Optional.of(inactivityAlert(county, v, r.visitsPerDay(v.village())))
                : Optional.empty()));
      }
      return Future.all(claims).map(all -> claims.stream().map(Future::result).flatMap(Optional::stream).toList());
    }));
  }

  private static NewAlert inactivityAlert(County county, Inactivity.InactiveVillage v, int visitsPerDay) {
    String name = county.area(v.village()).map(Area::name).orElse(v.village());
    long hours = v.windowsMissed() * v.windowMs() / 3_600_000L;
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("village", v.village());
    params.put("villageName", name);
    params.put("hours", hours);
    params.put("windowHours", v.windowMs() / 3_600_000.0);
    params.put("visitsPerDay", visitsPerDay);
    params.put("lastVisit", v.lastVisitMs().isPresent() ? v.lastVisitMs().getAsLong() : null);
    params.put("missedSince", v.missedSinceMs());
    return new NewAlert(AlertLevel.WARNING, "patrol_inactivity", "coverage.inactive", params,
        "No patrol visit to " + name + " (" + v.village() + ") for " + hours + " h; it needs " + visitsPerDay + " a day",
        county.officeCovering(v.village()).map(Office::stationId).orElse(null), null, null, v.village(),
        "inactive:" + v.village() + ":" + v.missedSinceMs());
  }

  Future<Void> forgetOldAlerts() {
    return repository.forgetOldInactivityAlerts();
  }

  /** The default visits a day and the villages set apart from it. */
  public Future<PatrolRequirements> requirements() {
    return repository.requirements(visitsPerDay);
  }

  /** Sets a village's visits a day; null returns it to the default. */
  public Future<Void> setRequirement(String village, Integer visits, String actor) {
    if (posted.get().county().area(village).filter(a -> a.level().isVillageLike()).isEmpty()) {
      return Future.failedFuture(new PatrolException(Code.NOT_FOUND, "no village " + village));
    }
    if (visits != null && visits < 0) {
      return Future.failedFuture(new PatrolException(Code.INVALID_REQUEST, "visits per day must be at least 0"));
    }
    return repository.setRequirement(village, visits, actor);
  }

  /** The recompute running or last run on this node, if any. */
  public RecomputeStatus lastRecompute() {
    return recompute;
  }

  /**
   * Starts recomputing the days first..last (before today) from position history and duty changes,
   * replacing their figures once done; one at a time. Answers at once with the running status.
   */
  public RecomputeStatus recompute(LocalDate first, LocalDate last, String actor) {
    run(first, last, actor, RecomputeProgress.NONE);
    return recompute;
  }

  /** Refuses a range that cannot be recomputed: backwards, overlong, or reaching today (still being counted). */
  static void checkRecomputable(LocalDate first, LocalDate last, LocalDate today) {
    days(first, last);
    if (!last.isBefore(today)) {
      throw new PatrolException(Code.INVALID_REQUEST, "only days before today (" + today + ") can be recomputed;"
          + " today is still being counted as fixes arrive");
    }
  }

  /**
   * Recomputes the days first..last as {@link #recompute} does, telling {@code progress} after each
   * unit; completes with the final status (done or failed). Refuses at once, by throwing, a range
   * that cannot be recomputed or a recompute already running.
   */
  Future<RecomputeStatus> run(LocalDate first, LocalDate last, String actor, RecomputeProgress progress) {
    checkRecomputable(first, last, today());
    if (recompute != null && recompute.state() == RecomputeStatus.State.RUNNING) {
      throw new PatrolException(Code.CONFLICT, "a recompute of " + recompute.first() + ".." + recompute.last()
          + " is running");
    }
    long started = System.currentTimeMillis();
    recompute = new RecomputeStatus(first, last, RecomputeStatus.State.RUNNING, actor, started, 0, 0, 0, 0, "");
    long fromMs = first.minusDays(1).atStartOfDay(zone()).toInstant().toEpochMilli();
    long toMs = Math.min(started, last.plusDays(2).atStartOfDay(zone()).toInstant().toEpochMilli());
    CountyPosts now = posted.get();
    CoverageAccumulator accumulator = new CoverageAccumulator(now.county().villageIndex(), now.posts(), settings);
    CoverageTotals totals = new CoverageTotals();
    long[] fixes = {0};
    Replay replay = new Replay(now.county().people(), accumulator, totals, fromMs, toMs, fixes, progress);
    return repository.dutyChanges(fromMs, toMs)
        .compose(duty -> replay.from(0, duty))
        .compose(v -> {
          CoverageTotals range = totals.between(first, last);
          JsonObject details = new JsonObject().put("fixes", fixes[0]).put("villageDays", range.villageDays().size())
              .put("unitDays", range.unitDays().size());
          return repository.replace(first, last, range.villageDays(), range.unitDays(), actor, details).map(range);
        })
        .map(range -> {
          recompute = new RecomputeStatus(first, last, RecomputeStatus.State.DONE, actor, started,
              System.currentTimeMillis(), fixes[0], range.villageDays().size(), range.unitDays().size(), "");
          LOG.info("coverage of {}..{} recomputed from {} fixes by {}", first, last, fixes[0], actor);
          return recompute;
        })
        .recover(e -> {
          recompute = new RecomputeStatus(first, last, RecomputeStatus.State.FAILED, actor, started,
              System.currentTimeMillis(), fixes[0], 0, 0, String.valueOf(e.getMessage()));
          LOG.warn("coverage recompute of {}..{} failed: {}", first, last, e.getMessage());
          return Future.succeededFuture(recompute);
        });
  }

  /** What a recompute is told after each unit's history is read. */
  @FunctionalInterface
  interface RecomputeProgress {
    RecomputeProgress NONE = (done, of, fixes) -> { };

    void unitDone(int done, int of, long fixes);
  }

  /** The replay of one recompute over the units of the county. */
  private final class Replay {
    private final List<Person> people;
    private final CoverageAccumulator accumulator;
    private final CoverageTotals totals;
    private final long fromMs;
    private final long toMs;
    private final long[] fixes;
    private final RecomputeProgress progress;

    Replay(List<Person> people, CoverageAccumulator accumulator, CoverageTotals totals, long fromMs, long toMs,
           long[] fixes, RecomputeProgress progress) {
      this.people = people;
      this.accumulator = accumulator;
      this.totals = totals;
      this.fromMs = fromMs;
      this.toMs = toMs;
      this.fixes = fixes;
      this.progress = progress;
    }

    /** Feeds the units' history one after another (each unit on its own is all that matters to it). */
    Future<Void> from(int i, Map<String, List<TrackEvent.Duty>> duty) {
      if (i == people.size()) {
        return Future.succeededFuture();
      }
      String unit = people.get(i).id();
      List<TrackEvent.Duty> changes = duty.getOrDefault(unit, List.of());
      return replayUnit(unit, fromMs, toMs, changes, 0, accumulator, fixes)
          .compose(v -> {
            totals.add(accumulator.drain());
            progress.unitDone(i + 1, people.size(), fixes[0]);
            return from(i + 1, duty);
          });
    }
  }

  /** One unit's history a day at a time, each duty change fed before the first fix after it. */
  private Future<Void> replayUnit(String unit, long fromMs, long toMs, List<TrackEvent.Duty> changes, int nextChange,
                                  CoverageAccumulator accumulator, long[] fixes) {
    if (fromMs >= toMs) {
      for (int c = nextChange; c < changes.size(); c++) {
        accumulator.accept(changes.get(c));
      }
      return Future.succeededFuture();
    }
    long until = Math.min(toMs, fromMs + DAY_MS);
    return positions.track(unit, fromMs, until, HISTORY_PAGE).compose(rows -> {
      int c = nextChange;
      for (HistoryRow row : rows) {
        long at = row.fix().timestampMs();
        while (c < changes.size() && changes.get(c).atMs() <= at) {
          accumulator.accept(changes.get(c++));
        }
        accumulator.accept(new TrackEvent.Fix(unit, at, row.fix().lat(), row.fix().lon(), row.implausible()));
      }
      fixes[0] += rows.size();
      long next = rows.size() == HISTORY_PAGE ? rows.get(rows.size() - 1).fix().timestampMs() + 1 : until;
      return replayUnit(unit, next, toMs, changes, c, accumulator, fixes);
    });
  }
}
