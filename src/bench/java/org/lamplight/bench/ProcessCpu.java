package org.lamplight.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * CPU time from /proc, in clock ticks (USER_HZ, 100 a second on Linux): of a process with all its
 * descendants, and of the whole machine, so that what other programs took can be told apart.
 */
final class ProcessCpu {

  static final double TICKS_PER_SECOND = 100;

  private ProcessCpu() {
  }

  /** User + system ticks of one process (0 when it is gone). */
  static long ticks(long pid) {
    String[] f = statFields(pid);
    return f == null ? 0 : Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  /**
   * User + system ticks of {@code pid} and every process descending from it, including those that
   * have exited meanwhile (their time is added to their parent's cutime and cstime); 0 for a process gone.
   */
  static long treeTicks(long pid) {
    Map<Long, List<Long>> children = new HashMap<>();
    Map<Long, Long> ticks = new HashMap<>();
    for (long p : pids()) {
      String[] f = statFields(p);
      if (f != null) {
        children.computeIfAbsent(Long.parseLong(f[1]), k -> new ArrayList<>()).add(p);
        ticks.put(p, Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]));
      }
    }
    long sum = 0;
    List<Long> todo = new ArrayList<>(List.of(pid));
    while (!todo.isEmpty()) {
      long p = todo.remove(todo.size() - 1);
      sum += ticks.getOrDefault(p, 0L);
      todo.addAll(children.getOrDefault(p, List.of()));
    }
    return sum;
  }

  /** Busy ticks of all cores together (everything but idle and iowait). */
  static long machineTicks() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i : new int[] {1, 2, 3, 6, 7, 8}) { // user nice system irq softirq steal
        busy += Long.parseLong(f[i]);
      }
      return busy;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /proc/stat", e);
    }
  }

  /** The first process whose command line contains {@code fragment}. */
  static OptionalLong pidWithCommandLine(String fragment) {
    for (long p : pids()) {
      try {
        String cmd = new String(Files.readAllBytes(Path.of("/proc", String.valueOf(p), "cmdline")), StandardCharsets.UTF_8)
            .replace('\0', ' ');
        if (cmd.contains(fragment)) {
          return OptionalLong.of(p);
        }
      } catch (IOException e) {
        // gone meanwhile
      }
    }
    return OptionalLong.empty();
  }

  private static List<Long> pids() {
    List<Long> out = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      dir.forEach(p -> out.add(Long.parseLong(p.getFileName().toString())));
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc", e);
    }
    return out;
  }

  /** The fields of /proc/PID/stat after the command name: [0] state, [1] ppid, ..., [11] utime, [12] stime, [13] cutime, [14] cstime. */
  private static String[] statFields(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    } catch (IOException e) {
      return null;
    }
  }
}
