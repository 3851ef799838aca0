package org.lamplight.county;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.lamplight.config.Config;
import org.lamplight.config.ConfigException;
import org.lamplight.config.Keys;
import org.lamplight.store.Database;

/**
 * {@code scripts/run import PATH [--check] [--prune]}: imports a county bundle (a directory or a
 * zip) into the configured database and exits. Prints every problem, or the summary; the report
 * and the new devices' secrets go to {@code <data.dir>/imports/<time>/}.
 */
public final class ImportCommand {

  public static final String USAGE = """
      usage: scripts/run import PATH [--check] [--prune]
        PATH     a county bundle: a directory or a .zip (docs/county-bundle.md)
        --check  validate and compare with the database; write nothing
        --prune  retire what the database holds and the bundle no longer has
                 (never a person holding an open incident)""";
  /** Exit codes: done, the bundle has problems, wrong arguments, could not run. */
  static final int OK = 0;
  static final int PROBLEMS = 1;
  static final int USAGE_ERROR = 2;
  static final int FAILED = 3;
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private ImportCommand() {
  }

  public static int run(List<String> args, Config config, PrintStream out, PrintStream err) {
    boolean check = false;
    boolean prune = false;
    List<String> paths = new ArrayList<>();
    for (String a : args) {
      switch (a) {
        case "--check" -> check = true;
        case "--prune" -> prune = true;
        case "--help" -> {
          out.println(USAGE);
          return OK;
        }
        default -> {
          if (a.startsWith("--")) {
            err.println("unknown option " + a);
            err.println(USAGE);
            return USAGE_ERROR;
          }
          paths.add(a);
        }
      }
    }
    if (paths.size() != 1) {
      err.println(USAGE);
      return USAGE_ERROR;
    }
    Path source = Path.of(paths.get(0)).toAbsolutePath();
    Path reports = Path.of(config.get(Keys.DATA_DIR)).resolve("imports").resolve(LocalDateTime.now().format(STAMP));
    try (Database database = Database.start(config)) {
      Vertx vertx = Vertx.vertx();
      Pool pool = database.pool(vertx);
      try {
        CountyImport imports = CountyImport.configured(vertx, new CountyRepository(vertx, pool), config);
        if (!check) {
          ownerOnlyDirectory(reports);
        }
        ImportResult result = imports.run(BundleSource.of(source),
                new ImportOptions(check, prune, reports.resolve("report.txt"), reports.resolve("device-secrets.csv"), "import command"),
                progress(err))
            .toCompletionStage().toCompletableFuture().get(1, TimeUnit.HOURS);
        return print(result, out);
      } finally {
        pool.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    } catch (ConfigException e) {
      err.println("cannot import: " + e.getMessage());
      return FAILED;
    } catch (Exception e) {
      err.println("cannot import: " + rootMessage(e));
      return FAILED;
    }
  }

  private static int print(ImportResult result, PrintStream out) {
    if (result instanceof ImportResult.Refused refused) {
      out.println("the bundle has " + refused.problems().size() + " problem(s); nothing was imported:");
      refused.problems().forEach(p -> out.println("  " + p.describe()));
      return PROBLEMS;
    }
    ImportResult.Done done = (ImportResult.Done) result;
    out.print(done.summary().table());
    if (!done.written()) {
      out.println("checked: the bundle is valid; nothing was written");
      return OK;
    }
    out.println("imported; report in " + done.report());
    if (done.secrets() != null) {
      out.println(done.summary().newSecrets() + " new device secrets in " + done.secrets()
          + " (readable by you only: hand them to the devices, then delete the file)");
    }
    out.println("running nodes pick the changes up when they restart");
    return OK;
  }

  /** One line per stage on stderr, so that the summary on stdout stays clean. */
  private static ImportProgress progress(PrintStream err) {
    String[] last = {""};
    return (stage, done, total) -> {
      synchronized (last) {
        boolean newStage = !stage.equals(last[0]);
        last[0] = stage;
        if (newStage || (total > 0 && done == total)) {
          err.println(total > 0 ? stage + " " + done + "/" + total : stage);
        }
      }
    };
  }

  private static void ownerOnlyDirectory(Path dir) throws IOException {
    Files.createDirectories(dir);
    try {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    } catch (UnsupportedOperationException ignored) {
      // not a POSIX file system: the secrets file itself is still created for its owner
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}
