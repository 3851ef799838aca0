package org.lamplight.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a process has open and may open, from /proc, and its heap after a full collection, from
 * {@code jcmd}: the connections section reads both of the server it measures.
 */
final class ProcessFiles {

  private static final Pattern USED = Pattern.compile("used (\\d+)K");

  private ProcessFiles() {
  }

  /** The soft limit on open files ({@code ulimit -n}) of a process; a JVM raises it to the hard limit at start. */
  static long limit(long pid) {
    return limits(pid)[0];
  }

  /** The hard limit on open files ({@code ulimit -Hn}) of a process. */
  static long hardLimit(long pid) {
    return limits(pid)[1];
  }

  private static long[] limits(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "limits"))) {
        if (line.startsWith("Max open files")) {
          String[] f = line.substring("Max open files".length()).strip().split("\\s+");
          return new long[] {number(f[0]), number(f[1])};
        }
      }
      throw new IllegalStateException("no open files limit in /proc/" + pid + "/limits");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the limits of process " + pid, e);
    }
  }

  private static long number(String field) {
    return "unlimited".equals(field) ? Long.MAX_VALUE : Long.parseLong(field);
  }

  /** Files (sockets included) the process has open now. */
  static long open(long pid) {
    try (var fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
      return fds.count();
    } catch (IOException e) {
      throw new IllegalStateException("cannot list the files of process " + pid, e);
    }
  }

  /**
   * The heap a JVM uses right after a full collection, in bytes: {@code jcmd PID GC.run}, then
   * {@code GC.heap_info}. Fails when the JVM cannot take the attach connection, e.g. at its file limit.
   */
  static long heapAfterGc(long pid) throws IOException, InterruptedException {
    jcmd(pid, "GC.run");
    return usedHeapBytes(jcmd(pid, "GC.heap_info"));
  }

  /** The heap in use in {@code GC.heap_info}'s output: every generation or region line before the metaspace. */
  static long usedHeapBytes(String heapInfo) {
    long kb = 0;
    boolean found = false;
    for (String line : heapInfo.lines().toList()) {
      if (line.strip().startsWith("Metaspace")) {
        break;
      }
      Matcher m = USED.matcher(line);
      if (m.find()) {
        kb += Long.parseLong(m.group(1));
        found = true;
      }
    }
    if (!found) {
      throw new IllegalArgumentException("no heap figure in: " + heapInfo);
    }
    return kb * 1024;
  }

  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("jcmd", String.valueOf(pid), command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("jcmd " + pid + " " + command + " failed: " + out.strip());
    }
    return out;
  }
}
