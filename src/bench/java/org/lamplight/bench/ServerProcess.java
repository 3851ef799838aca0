package org.lamplight.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A reference server the benchmarks start in a process of their own, measured by its CPU. */
abstract class ServerProcess implements AutoCloseable {

  private final Process process;

  ServerProcess(Process process) {
    this.process = process;
  }

  /**
   * Starts {@code command} with its output in {@code log}, and waits until it accepts connections
   * on {@code port}; {@code what} names it in the error when it does not.
   */
  static Process launch(int port, Path log, long timeoutMs, String what, String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    waitForPort(port, process, timeoutMs, what + " (see " + log.getFileName() + ")");
    return process;
  }

  private static void waitForPort(int port, Process process, long timeoutMs, String what) throws Exception {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException e) {
        if (!process.isAlive() || System.currentTimeMillis() > deadline) {
          throw new IllegalStateException(what + " does not listen on port " + port
              + (process.isAlive() ? "" : ": it exited"));
        }
        Thread.sleep(100);
      }
    }
  }

  long cpuTicks() {
    return ProcessCpu.ticks(process.pid());
  }

  /** SIGTERM (an orderly stop), then SIGKILL if it takes longer than 30 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
