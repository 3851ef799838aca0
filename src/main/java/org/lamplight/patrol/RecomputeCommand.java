package org.lamplight.patrol;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.lamplight.config.Config;
import org.lamplight.config.ConfigException;
import org.lamplight.config.Keys;
import org.lamplight.county.CountyRepository;
import org.lamplight.domain.coverage.CoverageSettings;
import org.lamplight.domain.org.County;
import org.lamplight.store.Database;
import org.lamplight.store.PositionRepository;

/**
 * {@code scripts/run recompute --from DAY --to DAY}: recomputes the coverage of past days from
 * position history in the configured database (after an import changed a polygon, after history
 * was back-filled) with the same code as {@code POST /api/coverage/recompute}, and exits. The
 * embedded database belongs to the one Lamplight running on its data directory: while a server runs
 * there, the command says so and points to the REST operation instead of waiting.
 */
public final class RecomputeCommand {

  public static final String USAGE = """
      usage: scripts/run recompute --from YYYY-MM-DD --to YYYY-MM-DD
        --from DAY  the first day to recompute
        --to DAY    the last day (before today; at most %d days from the first)
      Replaces the coverage figures of these days with those counted again from position history
      and duty changes, over the county as stored now. Uses the configured database (pg.url, or
      the embedded one in data.dir when no server runs on it).""".formatted(CoverageService.MAX_DAYS);
  /** Exit codes: done, wrong arguments, could not run (database, or the recompute failed). */
  static final int OK = 0;
  static final int USAGE_ERROR = 2;
  static final int FAILED = 3;
  static final String ACTOR = "recompute command";

  private RecomputeCommand() {
  }

  public static int run(List<String> args, Config config, PrintStream out, PrintStream err) {
    LocalDate first;
    LocalDate last;
    CoverageSettings settings;
    try {
      settings = PatrolModule.settings(config);
      Range range = Range.parse(args);
      if (range == null) {
        out.println(USAGE);
        return OK;
      }
      first = range.first();
      last = range.last();
      CoverageService.checkRecomputable(first, last, LocalDate.now(settings.zone()));
    } catch (IllegalArgumentException | PatrolException e) {
      err.println("cannot recompute: " + e.getMessage());
      err.println(USAGE);
      return USAGE_ERROR;
    } catch (ConfigException e) {
      err.println("cannot recompute: " + e.getMessage());
      return FAILED;
    }
    Database database;
    try {
      database = Database.start(config);
    } catch (ConfigException e) {
      err.println("cannot recompute: " + e.getMessage());
      if (config.get(Keys.PG_URL).isBlank()) {
        err.println("The embedded database serves one Lamplight at a time. If a server runs on "
            + config.get(Keys.DATA_DIR) + ", either stop it and run this again, or have the server recompute:\n"
            + "  POST http://localhost:" + config.get(Keys.HTTP_PORT) + "/api/coverage/recompute?from=" + first + "&to="
            + last + " as an admin, then GET /api/coverage/recompute until its state is done.");
      }
      return FAILED;
    }
    try (database) {
      Vertx vertx = Vertx.vertx();
      Pool pool = database.pool(vertx);
      try {
        County county = new CountyRepository(vertx, pool).load().await(5, TimeUnit.MINUTES);
        CountyPosts posts = CountyPosts.of(county);
        CoverageService coverage = new CoverageService(() -> posts, new CoverageRepository(pool),
            new PositionRepository(pool), settings, config.get(Keys.COVERAGE_VISITS_PER_DAY));
        int people = county.people().size();
        err.println("recomputing " + first + ".." + last + " over " + county.villages().size() + " villages and "
            + people + " people");
        RecomputeStatus status = coverage.run(first, last, ACTOR, progress(err)).await(24, TimeUnit.HOURS);
        if (status.state() != RecomputeStatus.State.DONE) {
          err.println("cannot recompute: " + status.message() + " (nothing was changed)");
          return FAILED;
        }
        out.println(summary(status));
        return OK;
      } finally {
        pool.close().await(30, TimeUnit.SECONDS);
        vertx.close().await(30, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      err.println("cannot recompute: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      return FAILED;
    }
  }

  /** One line per tenth of the people (and the last), on stderr so that the summary on stdout stays clean. */
  private static CoverageService.RecomputeProgress progress(PrintStream err) {
    return (done, of, fixes) -> {
      if (done == of || done % Math.max(1, of / 10) == 0) {
        err.println("  " + done + "/" + of + " people, " + fixes + " fixes read");
      }
    };
  }

  static String summary(RecomputeStatus s) {
    long days = ChronoUnit.DAYS.between(s.first(), s.last()) + 1;
    return "recomputed " + s.first() + ".." + s.last() + ": " + days + " days, " + s.villageDays() + " village-days, "
        + s.unitDays() + " unit-days, " + s.fixes() + " fixes read in "
        + String.format("%.1f", (s.finishedAtMs() - s.startedAtMs()) / 1000.0) + " s";
  }

  /** The days asked for; null when help was asked for. */
  private record Range(LocalDate first, LocalDate last) {

    static Range parse(List<String> args) {
      LocalDate from = null;
      LocalDate to = null;
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        switch (a) {
          case "--help", "-h" -> {
            return null;
          }
          case "--from", "--to" -> {
            if (i + 1 == args.size()) {
              throw new IllegalArgumentException(a + " needs a day (YYYY-MM-DD)");
            }
            LocalDate day = day(a, args.get(++i));
            if (a.equals("--from")) {
              from = day;
            } else {
              to = day;
            }
          }
          default -> throw new IllegalArgumentException("unknown argument " + a);
        }
      }
      if (from == null || to == null) {
        throw new IllegalArgumentException("give both --from and --to");
      }
      return new Range(from, to);
    }

    private static LocalDate day(String option, String text) {
      try {
        return LocalDate.parse(text);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(option + " " + text + ": not a day (YYYY-MM-DD)");
      }
    }
  }
}
