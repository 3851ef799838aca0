package org.lamplight.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.TestNode;

/** The HTTP boundary of a node: health, metrics, authentication before the API, JSON for unknown routes. */
class HttpVerticleIT {

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
  void healthIsUpWithItsComponents() {
    var r = node.get("/health", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getString("status")).isEqualTo("up");
    assertThat(r.bodyAsJsonObject().getJsonObject("components").fieldNames()).contains("database", "http");
  }

  @Test
  void metricsArePrometheusText() {
    var r = node.get("/metrics", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsString()).contains("# TYPE");
  }

  @Test
  void withoutATokenTheApiAnswers401InJson() {
    var r = node.get("/api/units", null);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("unauthorized");
    assertThat(node.get("/api/units", "not-a-token").statusCode()).isEqualTo(401);
  }

  @Test
  void anUnknownApiRouteIsAJson404() {
    var r = node.get("/api/nothing-here");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("not_found");
  }
}
