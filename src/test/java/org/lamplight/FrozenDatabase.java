package org.lamplight;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A node's own embedded PostgreSQL frozen as a hung machine would be: the postmaster and every
 * process under it (backends, checkpointer, writers) stopped with SIGSTOP, and thawed with SIGCONT
 * on {@link #close}. Sockets stay open and nothing answers.
 */
public final class FrozenDatabase implements AutoCloseable {

  private final List<Long> pids;

  private FrozenDatabase(List<Long> pids) {
    this.pids = pids;
  }

  /** Freezes the server whose data directory is {@code pgDir} (it holds {@code postmaster.pid}). */
  public static FrozenDatabase freeze(Path pgDir) throws IOException, InterruptedException {
    long postmaster = Long.parseLong(Files.readAllLines(pgDir.resolve("postmaster.pid")).get(0).trim());
    List<Long> pids = new ArrayList<>();
    pids.add(postmaster);
    ProcessHandle.of(postmaster).orElseThrow().descendants().forEach(p -> pids.add(p.pid()));
    // a backend that ended between listing and signalling is no failure; the postmaster gone is
    if (signal("-STOP", pids) != 0 && !ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false)) {
      signal("-CONT", pids);
      throw new IllegalStateException("cannot stop PostgreSQL's processes " + pids);
    }
    return new FrozenDatabase(pids);
  }

  /** Every process that is still there goes on; one that ended meanwhile needs nothing. */
  @Override
  public void close() throws IOException, InterruptedException {
    signal("-CONT", pids);
  }

  private static int signal(String signal, List<Long> pids) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("kill", signal));
    pids.forEach(pid -> command.add(Long.toString(pid)));
    return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start().waitFor();
  }
}
