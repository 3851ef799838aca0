package org.lamplight;

import java.nio.file.Path;
import java.util.Arrays;
import org.lamplight.config.Config;
import org.lamplight.config.ConfigException;
import org.lamplight.county.ImportCommand;
import org.lamplight.patrol.RecomputeCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Starts one Lamplight node and stops it in order on SIGTERM / Ctrl-C; or, with the arguments
 * {@code import PATH [--check] [--prune]}, imports a county bundle and exits; with
 * {@code recompute --from DAY --to DAY}, recomputes the coverage of past days and exits.
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {
  }

  public static void main(String[] args) {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    try {
      String file = System.getenv().getOrDefault("LAMPLIGHT_CONFIG", "conf/lamplight.yaml");
      Config config = Config.load(Path.of(file), System.getenv());
      if (args.length > 0 && args[0].equals("import")) {
        System.exit(ImportCommand.run(Arrays.asList(args).subList(1, args.length), config, System.out, System.err));
      }
      if (args.length > 0 && args[0].equals("recompute")) {
        System.exit(RecomputeCommand.run(Arrays.asList(args).subList(1, args.length), config, System.out, System.err));
      }
      Node node = Node.start(config);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        LOG.info("shutting down");
        node.stop();
        LOG.info("stopped");
      }, "lamplight-shutdown"));
      LOG.info("Lamplight is ready");
    } catch (Exception e) {
      LOG.error("Lamplight did not start: {}", reason(e));
      System.exit(1);
    }
  }

  /** One line that says what to fix, not a stack trace wall. */
  static String reason(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && !(t instanceof ConfigException)) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}
