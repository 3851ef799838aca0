package org.lamplight.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
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

  /** Pauses are what an operator looks at first when latency has a tail. */
  @Test
  void metricsCountGarbageCollectionPausesAndShowTheHeap() {
    assertThat(node.get("/metrics", null).bodyAsString()).contains("jvm_memory_used_bytes{area=\"heap\"");
    System.gc();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(node.metric("jvm_gc_pause_seconds_count{")).isPositive());
  }

  /** A freshly started node is slower while the JIT compiler is still at work: its time says how busy it is. */
  @Test
  void metricsCountJitCompilationTime() {
    assertThat(node.metric("jvm_compilation_time_ms_total{")).isPositive();
  }

  @Test
  void withoutATokenTheApiAnswers401InJson() {
    var r = node.get("/api/units", null);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("unauthorized");
    assertThat(node.get("/api/units", "not-a-token").statusCode()).isEqualTo(401);
  }

  /** The pages load only their own scripts; the API's JSON carries none of it. */
  @Test
  void thePagesAndTheirFilesCarryAContentSecurityPolicy() {
    String policy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' blob: data:;"
        + " connect-src 'self'; frame-ancestors 'none'";
    for (String path : List.of("/", "/app.js", "/field/", "/field/app.js", "/field/manifest.webmanifest",
        "/vendor/leaflet/leaflet.js", "/api/docs/", "/no-such-file")) {
      var r = node.get(path, null);
      assertThat(r.getHeader("Content-Security-Policy")).as(path).isEqualTo(policy);
      assertThat(r.getHeader("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
      assertThat(r.getHeader("Referrer-Policy")).as(path).isEqualTo("no-referrer");
    }
    assertThat(node.get("/api/units").getHeader("Content-Security-Policy")).isNull();
  }

  /** A basemap from the county's GIS server is let in, and only from there. */
  @Test
  void theBasemapsServerIsLetInForImages() {
    assertThat(HttpVerticle.contentSecurityPolicy("https://gis.county.example:8443/tiles/{z}/{x}/{y}.png"))
        .contains("img-src 'self' blob: data: https://gis.county.example:8443;");
    assertThat(HttpVerticle.tileSource("http://{s}.tile.county.example/{z}/{x}/{y}.png")).isEqualTo("http://*.tile.county.example");
    assertThat(HttpVerticle.tileSource("/tiles/{z}/{x}/{y}.png")).isNull();
  }

  @Test
  void anUnknownApiRouteIsAJson404() {
    var r = node.get("/api/nothing-here");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("not_found");
  }
}
