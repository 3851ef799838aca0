package org.lamplight;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lamplight.store.Database;

/**
 * The server as an operator runs it: a separate JVM with an embedded PostgreSQL in its data
 * directory, stopped with SIGTERM, killed with -9, started again.
 */
class LifecycleIT {

  private static final Pattern HTTP_PORT = Pattern.compile("HTTP API and console on port (\\d+)");
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final String ADMIN_PASSWORD = "lifecycle-admin-pw";
  /** The servers a test started: one a failed assertion left running is stopped after it. */
  private final List<Process> started = new CopyOnWriteArrayList<>();

  /** A running server process and everything it has printed. */
  record Server(Process process, List<String> lines) {
    int httpPort() {
      return lines.stream().map(HTTP_PORT::matcher).filter(Matcher::find).mapToInt(m -> Integer.parseInt(m.group(1)))
          .findFirst().orElseThrow();
    }

    boolean printed(String text) {
      return lines.stream().anyMatch(l -> l.contains(text));
    }
  }

  private Server start(Path dataDir, Map<String, String> extraEnv) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-cp", System.getProperty("java.class.path"), "org.lamplight.Main").redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("LAMPLIGHT_DATA_DIR", dataDir.toString());
    env.put("LAMPLIGHT_HTTP_PORT", "0");
    env.put("LAMPLIGHT_MQTT_PORT", "0");
    env.put("LAMPLIGHT_OSMAND_PORT", "0");
    env.put("LAMPLIGHT_ADMIN_PASSWORD", TestSecrets.register("the lifecycle admin password", ADMIN_PASSWORD));
    env.put("LAMPLIGHT_AUTH_DEVICE_HASH_ITERATIONS", "1000");
    env.putAll(extraEnv);
    Process p = pb.start();
    started.add(p);
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          lines.add(line);
        }
      } catch (Exception ignored) {
        // the process ended
      }
    });
    reader.setDaemon(true);
    reader.start();
    return new Server(p, lines);
  }

  private Server startReady(Path dataDir) throws Exception {
    Server s = start(dataDir, Map.of());
    Await.await().atMost(java.time.Duration.ofSeconds(90))
        .until(() -> s.printed("Lamplight is ready") || !s.process().isAlive());
    assertThat(s.process().isAlive()).as(String.join("\n", s.lines())).isTrue();
    TestSecrets.register("a lifecycle server's PostgreSQL password", Database.embeddedPassword(dataDir));
    return s;
  }

  /** What an operator's Ctrl-C or systemd stop sends. */
  private static void sigterm(Server s) throws Exception {
    assertThat(new ProcessBuilder("kill", "-TERM", String.valueOf(s.process().pid())).start().waitFor()).isZero();
  }

  private static HttpResponse<String> get(Server s, String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + s.httpPort() + path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int units(Server s) throws Exception {
    String login = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + s.httpPort() + "/api/login"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    String token = TestSecrets.register("a lifecycle bearer token", new io.vertx.core.json.JsonObject(login).getString("token"));
    return new io.vertx.core.json.JsonArray(get(s, "/api/units", token).body()).size();
  }

  /** SIGTERM first, so that the server stops its embedded PostgreSQL too. */
  @AfterEach
  void stopLeftovers() throws InterruptedException {
    for (Process p : started) {
      p.destroy();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  @Test
  void sigtermStopsInOrderAndARestartAfterKillNineKeepsTheSameData() throws Exception {
    Path dataDir = Files.createTempDirectory("lamplight-lifecycle");
    Server first = startReady(dataDir);
    assertThat(get(first, "/health", null).statusCode()).isEqualTo(200);
    assertThat(units(first)).isEqualTo(516);
    assertThat(first.printed("demo county")).isTrue();
    assertThat(first.printed("network transport: epoll")).as("Linux x86-64 loads Netty's epoll").isTrue();
    // an operator looks into every warning: a healthy first start gives none
    assertThat(first.lines()).noneMatch(l -> l.matches("^[\\d:.]+ +(WARN|ERROR) .*"));

    sigterm(first);
    assertThat(first.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
    // the output may still be in the pipe when the process has ended
    Await.await().until(() -> first.printed("embedded PostgreSQL stopped") && first.printed("INFO  Main - stopped"));

    Server second = startReady(dataDir);
    assertThat(second.printed("demo county")).as("no regeneration on restart").isFalse();
    assertThat(units(second)).isEqualTo(516);
    second.process().destroyForcibly(); // kill -9: the embedded PostgreSQL is left behind
    assertThat(second.process().waitFor(30, TimeUnit.SECONDS)).isTrue();

    Server third = startReady(dataDir);
    assertThat(units(third)).isEqualTo(516);
    assertThat(get(third, "/health", null).statusCode()).isEqualTo(200);
    sigterm(third);
    assertThat(third.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aBadValueStopsStartUpWithOneLineNamingTheKey() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("LAMPLIGHT_MQTT_PORT", "eighteen-eighty-three");
    Server s = start(Files.createTempDirectory("lamplight-badconfig"), env);
    assertThat(s.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(s.process().exitValue()).isEqualTo(1);
    assertThat(s.lines()).anyMatch(l -> l.contains("did not start") && l.contains("mqtt.port"));
    assertThat(s.lines()).noneMatch(l -> l.trim().startsWith("at "));
  }
}
