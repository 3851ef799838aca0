package org.lamplight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.config.ConfigException;
import org.lamplight.config.Keys;

/** Starting a node: again on the same database, and refused for a port in use. */
class NodeIT {

  static TestNode node;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void aSecondStartOnTheSameDatabaseKeepsTheCountyWithoutDuplicates() throws Exception {
    try (TestNode second = TestNode.start()) {
      assertThat(second.get("/api/units").bodyAsJsonArray()).hasSize(516);
    }
  }

  @Test
  void aPortInUseStopsStartUpWithOneLineNamingTheKey() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      assertThatThrownBy(() -> TestNode.start(Map.of(Keys.HTTP_PORT, taken.getLocalPort())))
          .hasRootCauseInstanceOf(ConfigException.class)
          .rootCause().hasMessageContaining("http.port").hasMessageContaining(String.valueOf(taken.getLocalPort()));
    }
  }
}
