package org.lamplight.patrol;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.lamplight.domain.coverage.CoverageAccumulator;
import org.lamplight.domain.coverage.CoverageAccumulator.Outcome;
import org.lamplight.domain.coverage.CoverageSettings;
import org.lamplight.domain.coverage.CoverageTotals;
import org.lamplight.domain.coverage.TrackEvent;
import org.lamplight.domain.coverage.UnitTrack;
import org.lamplight.tracking.TrackBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coverage accounting of this node: takes the fixes and duty changes its own devices
 * reported from the {@link TrackBuffer}, feeds them to one {@link CoverageAccumulator} (the only
 * thread that touches it), and every {@code coverage.flush} adds what it counted to the day
 * figures in PostgreSQL. Deployed as a worker, so counting never holds up an event loop.
 *
 * <p>Each unit's track is saved with the flush that counted up to it and looked up the first time
 * the unit shows up here: after a restart, or on another node when a device moved there, counting
 * carries on from the last flush. A unit silent for longer than max-gap is forgotten once its
 * track is saved (the saved one is the same), so memory follows the units reporting and a unit
 * coming back from another node picks up that node's newer track. A flush whose answer was lost
 * is sent again with its id and applied once; nothing newer is flushed before it.
 *
 * <p>The villages and the units' posts are those of the current county: each pass looks whether
 * the county changed and, if so, carries on with an accumulator over the new one, on this
 * verticle's own thread. What was counted stays counted; the fixes of the pass and after it are
 * placed in the new villages and posts.
 */
public final class CoverageVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(CoverageVerticle.class);
  /** Events taken per pass; the rest wait for the next, a few milliseconds later. */
  private static final int BATCH = 20_000;
  private static final long PASS_MS = 50;

  private final TrackBuffer buffer;
  private final CoverageRepository repository;
  private final Supplier<CountyPosts> county;
  private final CoverageSettings settings;
  private final String nodeId;
  private final long flushMs;
  private final AtomicLong counted = new AtomicLong();
  private final AtomicLong flushes = new AtomicLong();
  private final AtomicLong cpuNanos = new AtomicLong();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private CoverageAccumulator accumulator;
  /** The county the accumulator counts in. */
  private CountyPosts counting;
  /** Units whose saved track has been looked up since they were last forgotten. */
  private final Set<String> known = new HashSet<>();
  /** Units touched since the last flush was taken. */
  private final Set<String> touched = new HashSet<>();
  private final List<TrackEvent.Duty> dutyChanges = new ArrayList<>();
  /** Increments drained but not flushed yet (drained early when the accumulator was rebuilt). */
  private CoverageTotals drained = new CoverageTotals();
  private CoverageFlush pending;
  private long flushSeq;
  /** The pass or flush under way: they take turns, never overlap. */
  private Future<Void> running = Future.succeededFuture();
  private long passTimer = -1;
  private long flushTimer = -1;

  CoverageVerticle(TrackBuffer buffer, CoverageRepository repository, Supplier<CountyPosts> county,
                   CoverageSettings settings, String nodeId, long flushMs) {
    this.buffer = buffer;
    this.repository = repository;
    this.county = county;
    this.settings = settings;
    this.nodeId = nodeId;
    this.flushMs = flushMs;
  }

  @Override
  public Future<?> start() {
    counting = county.get();
    accumulator = new CoverageAccumulator(counting.county().villageIndex(), counting.posts(), settings);
    passTimer = vertx.setPeriodic(PASS_MS, id -> unlessRunning(this::count));
    flushTimer = vertx.setPeriodic(flushMs, id -> unlessRunning(this::writeAll));
    return Future.succeededFuture();
  }

  /** Counts what is buffered, then flushes once more, so a clean stop loses nothing counted. */
  @Override
  public Future<?> stop() {
    vertx.cancelTimer(passTimer);
    vertx.cancelTimer(flushTimer);
    return running.eventually(this::count).compose(v -> writeAll()).recover(e -> {
      LOG.warn("coverage not saved at stop: {}", e.getMessage());
      return Future.succeededFuture();
    });
  }

  /** Events counted so far (for tests and benchmarks). */
  public long counted() {
    return counted.get();
  }

  /** Flushes written so far (for tests and benchmarks). */
  public long flushes() {
    return flushes.get();
  }

  /** CPU time spent counting and preparing flushes so far, in seconds (waiting for the database left out). */
  public double cpuSeconds() {
    return cpuNanos.get() / 1e9;
  }

  /** Runs work on this thread and adds the CPU time it took. */
  private void measured(Runnable work) {
    long before = threads.getCurrentThreadCpuTime();
    try {
      work.run();
    } finally {
      cpuNanos.addAndGet(threads.getCurrentThreadCpuTime() - before);
    }
  }

  private void unlessRunning(Supplier<Future<Void>> step) {
    if (running.isComplete()) {
      running = step.get();
    }
  }

  /** Takes what is buffered, looks up the tracks of units new here, and counts it. */
  private Future<Void> count() {
    List<TrackEvent> events = new ArrayList<>(Math.min(BATCH, Math.max(16, buffer.size())));
    buffer.drainTo(events, BATCH);
    if (events.isEmpty()) {
      return Future.succeededFuture();
    }
    Set<String> unknown = new HashSet<>();
    for (TrackEvent e : events) {
      if (!known.contains(e.unitId())) {
        unknown.add(e.unitId());
      }
    }
    Future<List<UnitTrack>> restored = unknown.isEmpty() ? Future.succeededFuture(List.of())
        : repository.tracks(unknown).recover(e -> {
          LOG.warn("saved coverage tracks not loaded, {} units start afresh: {}", unknown.size(), e.getMessage());
          return Future.succeededFuture(List.of());
        });
    return restored.map(tracks -> {
      measured(() -> countAll(events, unknown, tracks));
      return null;
    });
  }

  /** Counts the events, after adding the saved tracks of the units new here. */
  private void countAll(List<TrackEvent> events, Set<String> unknown, List<UnitTrack> tracks) {
    known.addAll(unknown);
    CountyPosts current = county.get();
    if (!tracks.isEmpty() || current != counting) {
      counting = current;
      List<UnitTrack> all = new ArrayList<>(accumulator.tracks());
      all.addAll(tracks);
      rebuild(all);
    }
    for (TrackEvent e : events) {
      Outcome outcome = accumulator.accept(e);
      touched.add(e.unitId());
      // every status a device sends carries its duty; only a change is one, and only changes are kept
      if (e instanceof TrackEvent.Duty duty && outcome == Outcome.COUNTED) {
        dutyChanges.add(duty);
      }
    }
    counted.addAndGet(events.size());
  }

  /**
   * Carries on with a new accumulator over the given tracks, in the county being counted, keeping
   * what the old one counted.
   */
  private void rebuild(List<UnitTrack> tracks) {
    drained.add(accumulator.drain());
    accumulator = new CoverageAccumulator(counting.county().villageIndex(), counting.posts(), settings, tracks);
  }

  /** Writes the pending flush (again, after a failure) or a new one; then forgets silent units. */
  private Future<Void> writeAll() {
    if (pending == null) {
      measured(() -> pending = take());
      if (pending.isEmpty()) {
        pending = null;
        return Future.succeededFuture();
      }
    }
    CoverageFlush flush = pending;
    return repository.flush(flush)
        .onFailure(e -> LOG.warn("coverage flush {} not written, retried next time: {}", flush.id(), e.getMessage()))
        .map(applied -> {
          pending = null;
          flushes.incrementAndGet();
          measured(() -> forgetSilent(System.currentTimeMillis()));
          return null;
        });
  }

  private CoverageFlush take() {
    drained.add(accumulator.drain());
    List<UnitTrack> tracks = new ArrayList<>(touched.size());
    for (String unit : touched) {
      accumulator.trackOf(unit).ifPresent(tracks::add);
    }
    CoverageFlush flush = new CoverageFlush(nodeId + "-" + (++flushSeq), nodeId, drained.villageDays(),
        drained.unitDays(), tracks, dutyChanges);
    drained = new CoverageTotals();
    touched.clear();
    dutyChanges.clear();
    return flush;
  }

  /** Units silent past max-gap whose track is saved: the saved one is all there is to them. */
  private void forgetSilent(long nowMs) {
    long before = nowMs - settings.maxGapMs();
    List<UnitTrack> kept = new ArrayList<>();
    List<String> forgotten = new ArrayList<>();
    for (UnitTrack t : accumulator.tracks()) {
      if (t.atMs() < before && !touched.contains(t.unitId())) {
        forgotten.add(t.unitId());
      } else {
        kept.add(t);
      }
    }
    if (!forgotten.isEmpty()) {
      rebuild(kept);
      forgotten.forEach(known::remove);
    }
  }
}
