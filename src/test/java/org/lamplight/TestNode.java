package org.lamplight;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.lamplight.config.Config;
import org.lamplight.config.Key;
import org.lamplight.config.Keys;
import org.lamplight.store.Database;

/** A whole Lamplight node started in-process on free ports against the shared test database. */
public final class TestNode implements AutoCloseable {

  public static final String ADMIN_PASSWORD = "test-admin-password";

  private final Node node;
  private final Vertx client = Vertx.vertx();
  private final WebClient web = WebClient.create(client);
  private String token;

  private TestNode(Node node) {
    this.node = node;
  }

  public static TestNode start() throws Exception {
    return start(Map.of());
  }

  public static TestNode start(Map<Key<?>, ?> overrides) throws Exception {
    Map<Key<?>, Object> cfg = new HashMap<>();
    cfg.put(Keys.PG_URL, TestDatabase.url());
    cfg.put(Keys.DATA_DIR, Files.createTempDirectory("lamplight-node").toString());
    cfg.put(Keys.HTTP_PORT, 0);
    cfg.put(Keys.MQTT_PORT, 0);
    cfg.put(Keys.OSMAND_PORT, 0);
    cfg.put(Keys.ADMIN_PASSWORD, ADMIN_PASSWORD);
    cfg.put(Keys.AUTH_DEVICE_HASH_ITERATIONS, 1000);
    cfg.putAll(overrides);
    TestNode node = new TestNode(Node.start(Config.defaults().with(cfg)));
    Path dataDir = Path.of(node.node().config().get(Keys.DATA_DIR));
    if (Files.exists(dataDir.resolve("pg").resolve(Database.EMBEDDED_PASSWORD_FILE))) {
      TestSecrets.register("the password of a node's own embedded PostgreSQL", Database.embeddedPassword(dataDir));
    }
    return node;
  }

  public Node node() {
    return node;
  }

  public int httpPort() {
    return node.httpPort();
  }

  /** An admin token, logged in once per node. */
  public String token() {
    if (token == null) {
      HttpResponse<Buffer> r = post("/api/login", new JsonObject().put("username", "admin").put("password", ADMIN_PASSWORD), null);
      token = TestSecrets.register("an admin bearer token", r.bodyAsJsonObject().getString("token"));
    }
    return token;
  }

  public HttpResponse<Buffer> get(String path) {
    return await(web.get(httpPort(), "localhost", path).bearerTokenAuthentication(token()).send());
  }

  public HttpResponse<Buffer> get(String path, String bearer) {
    var req = web.get(httpPort(), "localhost", path);
    if (bearer != null) {
      req.bearerTokenAuthentication(bearer);
    }
    return await(req.send());
  }

  /** The sum of the {@code /metrics} samples whose line starts with {@code prefix} (a name, perhaps some labels). */
  public double metric(String prefix) {
    return get("/metrics", null).bodyAsString().lines().filter(l -> l.startsWith(prefix))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  public HttpResponse<Buffer> post(String path, JsonObject body) {
    return post(path, body, token());
  }

  public HttpResponse<Buffer> post(String path, JsonObject body, String bearer) {
    return post(path, body, bearer, Map.of());
  }

  /** A POST with extra headers, e.g. an {@code Idempotency-Key}. */
  public HttpResponse<Buffer> post(String path, JsonObject body, String bearer, Map<String, String> headers) {
    var req = web.post(httpPort(), "localhost", path);
    if (bearer != null) {
      req.bearerTokenAuthentication(bearer);
    }
    headers.forEach(req::putHeader);
    TestSecrets.registerFields(body);
    HttpResponse<Buffer> r = await(body == null ? req.send() : req.sendJsonObject(body));
    if (r.statusCode() < 300 && r.body() != null && r.body().length() > 0 && r.body().getByte(0) == '{') {
      TestSecrets.registerFields(r.bodyAsJsonObject());
    }
    return r;
  }

  public HttpResponse<Buffer> put(String path, JsonObject body) {
    TestSecrets.registerFields(body);
    return await(web.put(httpPort(), "localhost", path).bearerTokenAuthentication(token()).sendJsonObject(body));
  }

  /** {@code POST} of raw bytes (an upload), as admin. */
  public HttpResponse<Buffer> postBytes(String path, byte[] body) {
    return await(web.post(httpPort(), "localhost", path).bearerTokenAuthentication(token())
        .putHeader("content-type", "application/octet-stream").sendBuffer(Buffer.buffer(body)));
  }

  /** {@code POST} of a body of any type, with a token or none. */
  public HttpResponse<Buffer> post(String path, String contentType, Buffer body, String bearer) {
    var req = web.post(httpPort(), "localhost", path).putHeader("content-type", contentType);
    if (bearer != null) {
      req.bearerTokenAuthentication(bearer);
    }
    return await(req.sendBuffer(body));
  }

  public HttpResponse<Buffer> delete(String path) {
    return await(web.delete(httpPort(), "localhost", path).bearerTokenAuthentication(token()).send());
  }

  /** Issues a fresh secret for {@code deviceId} through the API and returns it. */
  public String issueSecret(String deviceId) {
    HttpResponse<Buffer> r = post("/api/devices/" + deviceId + "/secret", null);
    if (r.statusCode() != 200) {
      throw new IllegalStateException("secret issue failed: " + r.statusCode() + " " + r.bodyAsString());
    }
    return TestSecrets.register("the device secret of " + deviceId, r.bodyAsJsonObject().getString("secret"));
  }

  private static <T> T await(io.vertx.core.Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    node.stop();
    web.close();
    client.close();
  }
}
