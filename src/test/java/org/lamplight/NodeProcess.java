package org.lamplight;

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
import org.lamplight.platform.RandomSecrets;

/**
 * One Lamplight node in its own JVM, configured through {@code LAMPLIGHT_*} variables as an
 * operator would, listening on 127.0.0.1 on free ports that it logs. The cluster tests and the
 * cluster benchmark {@link #start} nodes from this JVM's class path on the shared test database
 * (tests run before the server jar exists); the benchmark suite {@link #startJar starts the jar}
 * as shipped, on an embedded PostgreSQL in a data directory of its own.
 */
public final class NodeProcess implements AutoCloseable {

  private static final Pattern HTTP_PORT = Pattern.compile("HTTP API and console on port (\\d+)");
  private static final Pattern MQTT_PORT = Pattern.compile("MQTT device endpoint on port (\\d+)");
  private static final Pattern OSMAND_PORT = Pattern.compile("OsmAnd endpoint on port (\\d+)");
  private static final Pattern PG_PORT = Pattern.compile("embedded PostgreSQL on port (\\d+)");
  /** What Hazelcast asks for on Java 17 (it works without, with a warning). */
  private static final List<String> HAZELCAST_JVM_ARGS = List.of("--add-modules", "java.se",
      "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
      "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.management/sun.management=ALL-UNNAMED",
      "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");

  /** Starts the same node again. */
  private interface Restart {
    NodeProcess start() throws IOException;
  }

  private final String name;
  private final String adminPassword;
  private final Path dataDir;
  private final Restart again;
  private final Process process;
  private final Path log;
  private final Deque<String> tail = new ArrayDeque<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private volatile int httpPort;
  private volatile int mqttPort;
  private volatile int osmandPort;
  private volatile int pgPort;
  private volatile boolean ready;
  private String token;

  private NodeProcess(String name, Map<String, String> env, Restart again, Process process, Path log) {
    this.name = name;
    this.adminPassword = env.get("LAMPLIGHT_ADMIN_PASSWORD");
    this.dataDir = Path.of(env.get("LAMPLIGHT_DATA_DIR"));
    this.again = again;
    this.process = process;
    this.log = log;
    Thread reader = new Thread(() -> pump(log), name + "-output");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code count} cluster members on the shared test database; {@code env} adds or
   * overrides variables; {@code jvmArgs} e.g. heap size. Returns at once: each node is
   * {@link #ready()} when it serves, and a member of the cluster soon after.
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

  /**
   * A single node (cluster or not, as {@code env} says) on the shared test database, run from this
   * JVM's class path; its output goes to {@code target/cluster-logs/<name>.log}.
   */
  public static NodeProcess start(String name, Map<String, String> env, List<String> jvmArgs) throws IOException {
    Map<String, String> e = new HashMap<>();
    e.put("LAMPLIGHT_CONFIG", "missing-on-purpose.yaml");
    e.put("LAMPLIGHT_PG_URL", TestDatabase.url());
    e.put("LAMPLIGHT_PG_POOL_SIZE", "4");
    e.put("LAMPLIGHT_DATA_DIR", Files.createTempDirectory("lamplight-" + name).toString());
    e.put("LAMPLIGHT_MQTT_INSTANCES", "1");
    // the test database is shared: its admin account may come from an in-process TestNode
    e.put("LAMPLIGHT_ADMIN_PASSWORD", TestNode.ADMIN_PASSWORD);
    e.put("LAMPLIGHT_AUTH_DEVICE_HASH_ITERATIONS", "1000");
    e.putAll(env);
    Path logs = Files.createDirectories(Path.of("target", "cluster-logs"));
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return launch(name, List.of("-cp", classPath, "org.lamplight.Main"), e, jvmArgs, logs.resolve(name + ".log"),
        () -> start(name + "-again", env, jvmArgs));
  }

  /**
   * {@code jar} as an operator runs it, with the defaults (its configuration file included) plus
   * {@code env}, on an embedded PostgreSQL in {@code dataDir}: a fresh directory gets a new
   * database with the demo county, and the devices' credentials. The admin password is a random
   * one; the output goes to {@code dataDir/server.log}.
   */
  public static NodeProcess startJar(Path jar, Path dataDir, Map<String, String> env, List<String> jvmArgs)
      throws IOException {
    Map<String, String> e = new HashMap<>();
    e.put("LAMPLIGHT_DATA_DIR", dataDir.toString());
    e.put("LAMPLIGHT_ADMIN_PASSWORD", RandomSecrets.generate(12));
    e.putAll(env);
    return launch("lamplight", List.of("-jar", jar.toString()), e, jvmArgs, dataDir.resolve("server.log"),
        () -> startJar(jar, dataDir, e, jvmArgs));
  }

  private static NodeProcess launch(String name, List<String> program, Map<String, String> env, List<String> jvmArgs,
                                    Path log, Restart again) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    if ("true".equals(env.get("LAMPLIGHT_CLUSTER_ENABLED"))) {
      command.addAll(HAZELCAST_JVM_ARGS);
    }
    command.addAll(program);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> e = pb.environment();
    e.keySet().removeIf(k -> k.startsWith("LAMPLIGHT_")); // the defaults, not whatever this shell has set
    for (String endpoint : List.of("HTTP", "MQTT", "OSMAND")) {
      e.put("LAMPLIGHT_" + endpoint + "_HOST", "127.0.0.1");
      e.put("LAMPLIGHT_" + endpoint + "_PORT", "0");
    }
    e.putAll(env);
    return new NodeProcess(name, env, again, pb.start(), log);
  }

  /** The same node started again (same cluster configuration and database) once this one is gone. */
  public NodeProcess restarted() throws IOException {
    return again.start();
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
    m = OSMAND_PORT.matcher(line);
    if (m.find()) {
      osmandPort = Integer.parseInt(m.group(1));
    }
    m = PG_PORT.matcher(line);
    if (m.find()) {
      pgPort = Integer.parseInt(m.group(1));
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

  /** Everything the node printed so far. */
  public List<String> output() throws IOException {
    return Files.readAllLines(log);
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

  public int osmandPort() {
    return osmandPort;
  }

  /** The embedded PostgreSQL's port; 0 for a node on the shared test database. */
  public int pgPort() {
    return pgPort;
  }

  /** Where the node keeps its data (with an embedded PostgreSQL, in {@code pg} below it). */
  public Path dataDir() {
    return dataDir;
  }

  public String adminPassword() {
    return adminPassword;
  }

  public URI http() {
    return URI.create("http://127.0.0.1:" + httpPort);
  }

  public long pid() {
    return process.pid();
  }

  /** Opens a console's live feed on this node as admin; {@code onMessage} gets every message, in order. */
  public WebSocket console(Consumer<JsonObject> onMessage) {
    return HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create("ws://127.0.0.1:" + httpPort + "/ws?token=" + token()), new WebSocket.Listener() {
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
          .put("password", adminPassword), null);
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

  /** {@code POST} of raw bytes (an upload), as admin. */
  public HttpResponse<String> postBytes(String path, byte[] body) {
    return send(request(path, token()).header("content-type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }

  /** Any method with a JSON body, as admin. */
  public HttpResponse<String> send(String method, String path, JsonObject body) {
    return send(request(path, token()).header("content-type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body.encode())).build());
  }

  public HttpResponse<String> delete(String path) {
    return send(request(path, token()).DELETE().build());
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
    HttpRequest.Builder b = HttpRequest.newBuilder(http().resolve(path))
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
