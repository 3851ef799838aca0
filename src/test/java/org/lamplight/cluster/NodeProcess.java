package org.lamplight.cluster;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.lamplight.TestDatabase;
import org.lamplight.TestNode;
import org.lamplight.TestSecrets;

/**
 * One Lamplight node in its own JVM ({@code org.lamplight.Main}), configured through
 * {@code LAMPLIGHT_*} variables as an operator would, on 127.0.0.1. HTTP and MQTT listen on
 * free ports the node logs; the Hazelcast ports are chosen here so the join list can name them.
 * Output goes to {@code target/cluster-logs/<name>.log}.
 */
public final class NodeProcess implements AutoCloseable {

  private static final Pattern HTTP_PORT = Pattern.compile("HTTP API and console on port (\\d+)");
  private static final Pattern MQTT_PORT = Pattern.compile("MQTT device endpoint on port (\\d+)");
  /** What Hazelcast asks for on Java 17 (it works without, with a warning). */
  private static final List<String> HAZELCAST_JVM_ARGS = List.of("--add-modules", "java.se",
      "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
      "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.management/sun.management=ALL-UNNAMED",
      "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");

  private final String name;
  private final Map<String, String> env;
  private final List<String> jvmArgs;
  private final Process process;
  private final Deque<String> tail = new ArrayDeque<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private volatile int httpPort;
  private volatile int mqttPort;
  private volatile boolean ready;
  private String token;

  private NodeProcess(String name, Map<String, String> env, List<String> jvmArgs, Process process, Path log) {
    this.name = name;
    this.env = env;
    this.jvmArgs = jvmArgs;
    this.process = process;
    Thread reader = new Thread(() -> pump(log), name + "-output");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code count} cluster members on the shared test database; {@code env} adds or
   * overrides variables; {@code jvmArgs} e.g. heap size. Returns once every node is a member
   * of one cluster of {@code count} and serves HTTP.
   */
  public static List<NodeProcess> startCluster(int count, Map<String, String> env, List<String> jvmArgs) throws IOException {
    List<Integer> clusterPorts = freePorts(count);
    String members = clusterPorts.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    List<NodeProcess> nodes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Map<String, String> e = new HashMap<>();
      e.put("LAMPLIGHT_CLUSTER_ENABLED", "true");
      e.put("LAMPLIGHT_CLUSTER_MEMBERS", members);
      e.put("LAMPLIGHT_CLUSTER_PORT", String.valueOf(clusterPorts.get(i)));
      e.put("LAMPLIGHT_CLUSTER_HOST", "127.0.0.1");
      e.putAll(env);
      nodes.add(start("node" + (i + 1), e, jvmArgs));
    }
    return nodes;
  }

  /** A single node (cluster or not, as {@code env} says) on the shared test database. */
  public static NodeProcess start(String name, Map<String, String> env, List<String> jvmArgs) throws IOException {
    Path logs = Path.of("target", "cluster-logs");
    Files.createDirectories(logs);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.addAll(HAZELCAST_JVM_ARGS);
    command.add("-cp");
    command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    command.add("org.lamplight.Main");
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> e = pb.environment();
    e.keySet().removeIf(k -> k.startsWith("LAMPLIGHT_"));
    e.put("LAMPLIGHT_CONFIG", "missing-on-purpose.yaml");
    e.put("LAMPLIGHT_PG_URL", TestDatabase.url());
    e.put("LAMPLIGHT_PG_POOL_SIZE", "4");
    e.put("LAMPLIGHT_DATA_DIR", Files.createTempDirectory("lamplight-" + name).toString());
    e.put("LAMPLIGHT_HTTP_PORT", "0");
    e.put("LAMPLIGHT_MQTT_PORT", "0");
    e.put("LAMPLIGHT_OSMAND_PORT", "0");
    e.put("LAMPLIGHT_MQTT_INSTANCES", "1");
    // the test database is shared: its admin account may come from an in-process TestNode
    e.put("LAMPLIGHT_ADMIN_PASSWORD", TestNode.ADMIN_PASSWORD);
    e.put("LAMPLIGHT_AUTH_DEVICE_HASH_ITERATIONS", "1000");
    e.putAll(env);
    return new NodeProcess(name, env, jvmArgs, pb.start(), logs.resolve(name + ".log"));
  }

  /** The same node started again (same ports and cluster configuration) once this one is gone. */
  public NodeProcess restarted() throws IOException {
    return start(name + "-again", env, jvmArgs);
  }

  public static List<Integer> freePorts(int count) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        sockets.add(new ServerSocket(0));
      }
      return sockets.stream().map(ServerSocket::getLocalPort).toList();
    } finally {
      for (ServerSocket s : sockets) {
        s.close();
      }
    }
  }

  private void pump(Path log) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
         Writer out = Files.newBufferedWriter(log)) {
      String line;
      while ((line = in.readLine()) != null) {
        out.write(line);
        out.write('\n');
        out.flush();
        remember(line);
      }
    } catch (IOException e) {
      // the process went away
    }
  }

  private synchronized void remember(String line) {
    tail.addLast(line);
    if (tail.size() > 60) {
      tail.removeFirst();
    }
    Matcher m = HTTP_PORT.matcher(line);
    if (m.find()) {
      httpPort = Integer.parseInt(m.group(1));
    }
    m = MQTT_PORT.matcher(line);
    if (m.find()) {
      mqttPort = Integer.parseInt(m.group(1));
    }
    if (line.contains("Lamplight is ready")) {
      ready = true;
    }
  }

  /** True once the node serves; fails (with its last output) if it exited instead. */
  public boolean ready() {
    if (!process.isAlive()) {
      throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail());
    }
    return ready;
  }

  /** The ids of the cluster members this node sees, from its health. */
  public List<String> members() {
    JsonObject cluster = json(get("/health", null)).getJsonObject("components").getJsonObject("cluster");
    return cluster == null ? List.of() : cluster.getJsonArray("members").stream().map(String::valueOf).toList();
  }

  public String nodeId() {
    return json(get("/health", null)).getJsonObject("components").getJsonObject("cluster").getString("nodeId");
  }

  public synchronized String tail() {
    return String.join("\n", tail);
  }

  public String name() {
    return name;
  }

  public int httpPort() {
    return httpPort;
  }

  public int mqttPort() {
    return mqttPort;
  }

  /** Opens a console's live feed on this node as admin; {@code onMessage} gets every message, in order. */
  public WebSocket console(Consumer<JsonObject> onMessage) {
    return HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create("ws://localhost:" + httpPort + "/ws?token=" + token()), new WebSocket.Listener() {
          private final StringBuilder partial = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
              onMessage.accept(new JsonObject(partial.toString()));
              partial.setLength(0);
            }
            ws.request(1);
            return null;
          }
        }).join();
  }

  public String token() {
    if (token == null) {
      HttpResponse<String> r = post("/api/login", new JsonObject().put("username", "admin")
          .put("password", TestNode.ADMIN_PASSWORD), null);
      if (r.statusCode() != 200) {
        throw new IllegalStateException(name + " refused the login: " + r.statusCode() + " " + r.body());
      }
      token = TestSecrets.register("an admin bearer token of " + name, json(r).getString("token"));
    }
    return token;
  }

  public HttpResponse<String> get(String path) {
    return get(path, token());
  }

  public HttpResponse<String> post(String path, JsonObject body) {
    return post(path, body, token());
  }

  /** {@code GET} as JSON, failing on anything but 200. */
  public JsonObject getJson(String path) {
    HttpResponse<String> r = get(path);
    if (r.statusCode() != 200) {
      throw new IllegalStateException(name + " GET " + path + ": " + r.statusCode() + " " + r.body());
    }
    return json(r);
  }

  public String issueSecret(String deviceId) {
    HttpResponse<String> r = post("/api/devices/" + deviceId + "/secret", null);
    if (r.statusCode() != 200) {
      throw new IllegalStateException("secret issue failed: " + r.statusCode() + " " + r.body());
    }
    return TestSecrets.register("the device secret of " + deviceId, json(r).getString("secret"));
  }

  private HttpResponse<String> get(String path, String bearer) {
    return send(request(path, bearer).GET().build());
  }

  private HttpResponse<String> post(String path, JsonObject body, String bearer) {
    return send(request(path, bearer).header("content-type", "application/json")
        .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode())).build());
  }

  private HttpRequest.Builder request(String path, String bearer) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + path))
        .timeout(Duration.ofSeconds(60));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return b;
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(name + " " + request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static JsonObject json(HttpResponse<String> r) {
    return new JsonObject(r.body());
  }

  /** {@code kill -9}: no shutdown hook, no goodbye to the cluster. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** CPU time the node's JVM has used so far, in milliseconds. */
  public long cpuMillis() {
    return process.toHandle().info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** Asks for an orderly stop (SIGTERM) without waiting for it. */
  public void terminate() {
    process.destroy();
  }

  /** An orderly stop (SIGTERM), forced if it takes too long. */
  @Override
  public void close() throws InterruptedException {
    terminate();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      kill();
    }
  }
}
