package org.lamplight;

import ch.qos.logback.core.PropertyDefinerBase;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where test JVMs log: each one (this one, the nodes tests start as processes) writes its own
 * file under {@code target/test-logs} besides the console; {@code logback-test.xml} asks this
 * class for the name. Cluster nodes' output is also kept under {@code target/cluster-logs}.
 */
public final class TestLogs extends PropertyDefinerBase {

  private static final Path DIR = Path.of("target", "test-logs");
  private static final List<Path> RUN_LOG_DIRS = List.of(DIR, Path.of("target", "cluster-logs"));

  /** For logback: this JVM's log file. */
  @Override
  public String getPropertyValue() {
    return thisProcess().toString();
  }

  public static Path thisProcess() {
    return DIR.resolve("jvm-" + ProcessHandle.current().pid() + ".log");
  }

  /** The log files written since this JVM started: this run's, its own and its child processes'. */
  public static List<Path> ofThisRun() throws IOException {
    FileTime started = FileTime.fromMillis(ManagementFactory.getRuntimeMXBean().getStartTime());
    List<Path> logs = new ArrayList<>();
    for (Path dir : RUN_LOG_DIRS) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
          if (Files.getLastModifiedTime(f).compareTo(started) >= 0) {
            logs.add(f);
          }
        }
      }
    }
    return logs;
  }

  /**
   * Every line of {@code log} that carries one of {@code secrets} (secret to what it is), as
   * "file:line: what: the line with the secret masked".
   */
  public static List<String> secretsIn(Path log, Map<String, String> secrets) throws IOException {
    List<String> found = new ArrayList<>();
    List<String> lines = Files.readAllLines(log);
    for (int i = 0; i < lines.size(); i++) {
      for (Map.Entry<String, String> s : secrets.entrySet()) {
        if (lines.get(i).contains(s.getKey())) {
          found.add(log + ":" + (i + 1) + ": " + s.getValue() + ": " + lines.get(i).replace(s.getKey(), "<secret>"));
        }
      }
    }
    return found;
  }
}
