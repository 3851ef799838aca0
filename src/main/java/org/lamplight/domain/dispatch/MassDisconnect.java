package org.lamplight.domain.dispatch;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Tells many units dropping at once (a cell tower, a network fault, a node going away) from units
 * going offline one by one. A drop is part of a mass disconnection when, within {@code windowMs}
 * either side of it, at least {@code minUnits} units dropped, or at least {@code minShare} of the
 * units that were online (and at least {@value #SHARE_FLOOR}, so that two of five does not count).
 *
 * <p>Ask {@link #isMass} about a drop once its window has passed: only then are all its
 * neighbours known. The same unit reported twice counts once (in a cluster every node may report
 * it). Keeps the drops of the last two windows, at most {@value #MAX_DROPS}. Not thread safe.
 */
public final class MassDisconnect {

  /** The share rule needs at least this many drops. */
  static final int SHARE_FLOOR = 5;
  /** Far above any threshold: beyond it, more drops change no answer. */
  private static final int MAX_DROPS = 10_000;

  private record Drop(String unitId, long atMs) {}

  private final long windowMs;
  private final int minUnits;
  private final double minShare;
  private final Deque<Drop> drops = new ArrayDeque<>();
  /** Until when the current mass disconnection was announced; a drop after it starts a new one. */
  private long announcedUntilMs = Long.MIN_VALUE;

  public MassDisconnect(long windowMs, int minUnits, double minShare) {
    if (windowMs <= 0 || minUnits < 1 || !(minShare > 0 && minShare <= 1)) {
      throw new IllegalArgumentException("a mass disconnection needs a positive window, at least one unit and a share"
          + " in (0, 1], got " + windowMs + " ms, " + minUnits + ", " + minShare);
    }
    this.windowMs = windowMs;
    this.minUnits = minUnits;
    this.minShare = minShare;
  }

  /**
   * A unit went offline at {@code nowMs}. True when this drop makes a mass disconnection that
   * has not been announced yet: tell the dispatchers once.
   *
   * @param online how many units are online now, asked only when the share rule decides
   */
  public boolean dropped(String unitId, long nowMs, IntSupplier online) {
    forget(nowMs - 2 * windowMs);
    if (drops.size() < MAX_DROPS) {
      drops.addLast(new Drop(unitId, nowMs));
    }
    boolean announced = nowMs <= announcedUntilMs;
    if (!announced && !mass(distinctBetween(nowMs - windowMs, nowMs), online)) {
      return false;
    }
    // while drops keep coming, it is the same one
    announcedUntilMs = nowMs + windowMs;
    return !announced;
  }

  /** Whether the drop at {@code atMs} was part of a mass disconnection; ask once its window has passed. */
  public boolean isMass(long atMs, IntSupplier online) {
    return mass(distinctBetween(atMs - windowMs, atMs + windowMs), online);
  }

  private boolean mass(int dropped, IntSupplier online) {
    if (dropped >= minUnits) {
      return true;
    }
    // the units online before the drops are those online now and those that dropped
    return dropped >= SHARE_FLOOR && dropped >= minShare * (online.getAsInt() + dropped);
  }

  private int distinctBetween(long fromMs, long toMs) {
    Set<String> units = new HashSet<>();
    for (Drop d : drops) {
      if (d.atMs() >= fromMs && d.atMs() <= toMs) {
        units.add(d.unitId());
      }
    }
    return units.size();
  }

  private void forget(long beforeMs) {
    while (!drops.isEmpty() && drops.peekFirst().atMs() < beforeMs) {
      drops.pollFirst();
    }
  }
}
