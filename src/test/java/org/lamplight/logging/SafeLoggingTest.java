package org.lamplight.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lamplight.TestLogs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The logging configuration itself: what reaches a log file has passed through {@link LogText}. */
class SafeLoggingTest {

  private static final Logger LOG = LoggerFactory.getLogger(SafeLoggingTest.class);

  private static List<String> linesWith(String marker) throws Exception {
    return Files.readAllLines(TestLogs.thisProcess()).stream().filter(l -> l.contains(marker)).toList();
  }

  @Test
  void aForgedLineInALoggedValueStaysOnItsOwnLine() throws Exception {
    String marker = UUID.randomUUID().toString();
    LOG.warn("refused {}", marker + "\n00:00:00.000 INFO  Node - forged");
    assertThat(linesWith(marker)).singleElement().asString().endsWith("refused " + marker + "\\n00:00:00.000 INFO  Node - forged");
  }

  @Test
  void aSecretInAMessageOrAnExceptionIsMaskedAndTheStackTraceKept() throws Exception {
    String marker = UUID.randomUUID().toString();
    IllegalArgumentException e = new IllegalArgumentException("bad query: id=dev-1&key=ExceptionSecret1&lat=%zz\nforged",
        new IllegalStateException("caused by token=CauseSecret22"));
    LOG.error("request {} failed: GET /?key=MessageSecret3", marker, e);
    List<String> log = Files.readAllLines(TestLogs.thisProcess());
    int at = log.indexOf(log.stream().filter(l -> l.contains(marker)).findFirst().orElseThrow());
    assertThat(log.get(at)).endsWith("request " + marker + " failed: GET /?key=***");
    assertThat(log.get(at + 1)).isEqualTo("java.lang.IllegalArgumentException: bad query: id=dev-1&key=***&lat=%zz\\nforged");
    assertThat(log.get(at + 2)).startsWith("\tat org.lamplight.logging.SafeLoggingTest.");
    assertThat(String.join("\n", log.subList(at, Math.min(log.size(), at + 200))))
        .contains("Caused by: java.lang.IllegalStateException: caused by token=***")
        .doesNotContain("ExceptionSecret1", "CauseSecret22", "MessageSecret3");
  }
}
