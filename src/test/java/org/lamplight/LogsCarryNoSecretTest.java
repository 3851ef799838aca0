package org.lamplight;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other test class of the run ({@code junit-platform.properties} orders classes
 * by {@link Order}) and looks for each secret the run used in each log the run wrote.
 */
@Order(Integer.MAX_VALUE)
class LogsCarryNoSecretTest {

  @Test
  void noLogOfThisTestRunCarriesASecretItUsed() throws Exception {
    List<Path> logs = TestLogs.ofThisRun();
    assertThat(logs).as("this run's logs").contains(TestLogs.thisProcess());
    Map<String, String> secrets = TestSecrets.all();
    List<String> found = new ArrayList<>();
    for (Path log : logs) {
      found.addAll(TestLogs.secretsIn(log, secrets));
    }
    assertThat(found).as("log lines that carry a secret (of %d secrets in %d logs)", secrets.size(), logs.size()).isEmpty();
  }

  @Test
  void aSecretInALogIsReportedWithItsFileAndLineAndMasked() throws Exception {
    Path log = Files.createTempFile("scan", ".log");
    Files.writeString(log, "12:00:00.000 INFO  X - fine\n12:00:00.001 WARN  X - refused GET /?key=Sup3rSecretKey\n");
    assertThat(TestLogs.secretsIn(log, Map.of("Sup3rSecretKey", "a device secret")))
        .containsExactly(log + ":2: a device secret: 12:00:00.001 WARN  X - refused GET /?key=<secret>");
  }
}
