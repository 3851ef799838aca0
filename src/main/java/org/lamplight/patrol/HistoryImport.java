package org.lamplight.patrol;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.lamplight.domain.org.CurrentCounty;
import org.lamplight.domain.org.Device;
import org.lamplight.domain.tracking.FixSource;
import org.lamplight.domain.tracking.FixValidator;
import org.lamplight.domain.tracking.HistoryRow;
import org.lamplight.domain.tracking.PositionFix;
import org.lamplight.domain.tracking.RejectedFixException;
import org.lamplight.patrol.PatrolException.Code;
import org.lamplight.store.PositionRepository;

/**
 * Past positions of one device written straight into history, marked as simulated (source
 * {@code simulator}): how the simulator back-fills the weeks before a demo starts. Each fix is
 * checked like a live one except for its age (up to a year back), and flagged when it implies an
 * impossible jump from the one before; live state is not touched. A recompute of the days makes
 * them count for coverage.
 */
public final class HistoryImport {

  /** Fixes per request: a request body holds at most 64 KiB. */
  public static final int MAX_FIXES = 2_000;
  private static final long MAX_AGE_MS = 366 * 86_400_000L;

  /** What became of an import: rows written (new ones) and fixes refused, each with its reason. */
  public record Result(int accepted, int written, List<String> refused) {}

  private final CurrentCounty county;
  private final PositionRepository positions;
  private final FixValidator validator;

  HistoryImport(CurrentCounty county, PositionRepository positions, long maxFutureMs, double maxSpeedMps) {
    this.county = county;
    this.positions = positions;
    this.validator = new FixValidator(maxFutureMs, MAX_AGE_MS, maxSpeedMps);
  }

  /** @param fixes {@code [ts, lat, lon]} each, epoch ms and degrees, in any order */
  public Future<Result> fixes(String deviceId, List<double[]> fixes, long nowMs) {
    Device device = county.get().device(deviceId).orElse(null);
    if (device == null) {
      return Future.failedFuture(new PatrolException(Code.NOT_FOUND, "no device " + deviceId));
    }
    if (fixes.size() > MAX_FIXES) {
      return Future.failedFuture(new PatrolException(Code.INVALID_REQUEST, "at most " + MAX_FIXES + " fixes at once"));
    }
    List<PositionFix> valid = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    for (int i = 0; i < fixes.size(); i++) {
      double[] f = fixes.get(i);
      PositionFix fix = new PositionFix(deviceId, f[1], f[2], (long) f[0], PositionFix.ABSENT, PositionFix.ABSENT,
          PositionFix.ABSENT, PositionFix.ABSENT, PositionFix.ABSENT, FixSource.SIMULATOR);
      try {
        valid.add(validator.validate(fix, nowMs).fix());
      } catch (RejectedFixException e) {
        refused.add("fixes[" + i + "]: " + e.reason().code() + ": " + e.getMessage());
      }
    }
    valid.sort(Comparator.comparingLong(PositionFix::timestampMs));
    List<HistoryRow> rows = new ArrayList<>(valid.size());
    PositionFix previous = null;
    for (PositionFix fix : valid) {
      boolean implausible = previous != null && validator.isImplausibleJump(previous, fix);
      rows.add(new HistoryRow(device.personId(), fix, implausible));
      if (!implausible) {
        previous = fix;
      }
    }
    return rows.isEmpty() ? Future.succeededFuture(new Result(0, 0, refused))
        : positions.insert(rows).map(written -> new Result(rows.size(), written, refused));
  }
}
