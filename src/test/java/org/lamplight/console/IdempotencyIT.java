package org.lamplight.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lamplight.Await.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.TestDatabase;
import org.lamplight.TestNode;
import org.lamplight.TestSecrets;

/** Incident requests sent with an Idempotency-Key: a retry gets the first answer and changes nothing. */
class IdempotencyIT {

  static TestNode node;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static JsonObject incident(String description) {
    return new JsonObject().put("type", "other").put("severity", 1).put("lat", 33.93).put("lon", 114.72)
        .put("description", description);
  }

  private static HttpResponse<Buffer> post(String path, JsonObject body, String key) {
    return post(path, body, key, node.token());
  }

  private static HttpResponse<Buffer> post(String path, JsonObject body, String key, String token) {
    return node.post(path, body, token, Map.of("Idempotency-Key", key));
  }

  private static long stored(String description) throws Exception {
    try (var c = TestDatabase.connect("postgres"); var st = c.prepareStatement(
        "select count(*) from incidents where description = ?")) {
      st.setString(1, description);
      ResultSet rs = st.executeQuery();
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void aRetryWithTheSameKeyGetsTheFirstAnswerAndStoresNothingMore() throws Exception {
    String key = UUID.randomUUID().toString();
    String description = "retried " + key;
    var first = post("/api/incidents", incident(description), key);
    assertThat(first.statusCode()).isEqualTo(201);
    // the answer is the incident as its creation left it, however dispatch has moved it on since
    node.post("/api/incidents/" + first.bodyAsJsonObject().getString("id") + "/escalate", new JsonObject());
    for (int i = 0; i < 3; i++) {
      var again = post("/api/incidents", incident(description), key);
      assertThat(again.statusCode()).isEqualTo(201);
      assertThat(again.bodyAsString()).isEqualTo(first.bodyAsString());
      assertThat(again.getHeader("location")).isEqualTo(first.getHeader("location"));
    }
    // the same body encoded with its fields in another order is the same request
    JsonObject reordered = new JsonObject().put("description", description).put("lon", 114.72).put("lat", 33.93)
        .put("severity", 1).put("type", "other");
    assertThat(post("/api/incidents", reordered, key).bodyAsString()).isEqualTo(first.bodyAsString());
    assertThat(stored(description)).isEqualTo(1);
    node.post("/api/incidents/" + first.bodyAsJsonObject().getString("id") + "/cancel", new JsonObject());
  }

  @Test
  void theSameKeyWithAnotherRequestIs422AndChangesNothing() throws Exception {
    String key = UUID.randomUUID().toString();
    var first = post("/api/incidents", incident("first " + key), key);
    assertThat(first.statusCode()).isEqualTo(201);
    var other = post("/api/incidents", incident("second " + key), key);
    assertThat(other.statusCode()).isEqualTo(422);
    assertThat(other.bodyAsJsonObject().getString("error")).isEqualTo("idempotency_key_reused");
    assertThat(stored("second " + key)).isZero();
    String id = first.bodyAsJsonObject().getString("id");
    assertThat(post("/api/incidents/" + id + "/cancel", new JsonObject(), key).statusCode()).isEqualTo(422);
    node.post("/api/incidents/" + id + "/cancel", new JsonObject());
  }

  @Test
  void keysBelongToTheirAccount() throws Exception {
    String password = TestSecrets.register("an idempotency test password", "county-desk-password");
    node.post("/api/accounts", new JsonObject().put("username", "idem-county").put("password", password)
        .put("role", "county"));
    String other = TestSecrets.register("an idempotency test token", node.post("/api/login",
        new JsonObject().put("username", "idem-county").put("password", password), null).bodyAsJsonObject().getString("token"));
    String key = UUID.randomUUID().toString();
    String description = "two desks " + key;
    var mine = post("/api/incidents", incident(description), key);
    var theirs = post("/api/incidents", incident(description), key, other);
    assertThat(mine.statusCode()).isEqualTo(201);
    assertThat(theirs.statusCode()).isEqualTo(201);
    assertThat(theirs.bodyAsJsonObject().getString("id")).isNotEqualTo(mine.bodyAsJsonObject().getString("id"));
    assertThat(stored(description)).isEqualTo(2);
    for (var r : new HttpResponse<?>[] {mine, theirs}) {
      node.post("/api/incidents/" + ((HttpResponse<Buffer>) r).bodyAsJsonObject().getString("id") + "/cancel", new JsonObject());
    }
  }

  @Test
  void aRequestWhoseClientGaveUpIsStoredOnceAndItsRetryGetsIt() throws Exception {
    String key = UUID.randomUUID().toString();
    String description = "abandoned " + key;
    String body = incident(description).encode();
    try (Socket socket = new Socket("localhost", node.httpPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST /api/incidents HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + node.token()
          + "\r\nContent-Type: application/json\r\nIdempotency-Key: " + key + "\r\nContent-Length: "
          + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
      out.flush();
    } // closed before any answer
    var retry = post("/api/incidents", incident(description), key);
    assertThat(retry.statusCode()).as(retry.bodyAsString()).isEqualTo(201);
    await().until(() -> stored(description) == 1);
    assertThat(post("/api/incidents", incident(description), key).bodyAsString()).isEqualTo(retry.bodyAsString());
    assertThat(stored(description)).isEqualTo(1);
    node.post("/api/incidents/" + retry.bodyAsJsonObject().getString("id") + "/cancel", new JsonObject());
  }

  @Test
  void anActionRetriedWithItsKeyIsAppliedOnce() {
    String id = post("/api/incidents", incident("escalated once"), UUID.randomUUID().toString())
        .bodyAsJsonObject().getString("id");
    int level = node.get("/api/incidents/" + id).bodyAsJsonObject().getInteger("level");
    String key = UUID.randomUUID().toString();
    var first = post("/api/incidents/" + id + "/escalate", new JsonObject(), key);
    if (first.statusCode() == 200) {
      var again = post("/api/incidents/" + id + "/escalate", new JsonObject(), key);
      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(again.bodyAsString()).isEqualTo(first.bodyAsString());
      assertThat(node.get("/api/incidents/" + id).bodyAsJsonObject().getInteger("level")).isEqualTo(level + 1);
    } else {
      // dispatch had escalated to the last level on its own: the refusal is not kept, a retry is refused alike
      assertThat(first.statusCode()).isEqualTo(409);
    }
    node.post("/api/incidents/" + id + "/cancel", new JsonObject());
  }

  @Test
  void aKeyMustBePrintableAndShort() {
    for (String key : new String[] {"has space", "x".repeat(256), "tab\there"}) {
      var r = post("/api/incidents", incident("bad key"), key);
      assertThat(r.statusCode()).as(key).isEqualTo(400);
      assertThat(r.bodyAsJsonObject().getString("message")).contains("Idempotency-Key");
    }
  }

  @Test
  void keysOlderThanADayAreForgottenAndDeleted() throws Exception {
    String key = "old-" + UUID.randomUUID();
    String description = "after a day " + key;
    var first = post("/api/incidents", incident(description), key);
    TestDatabase.execute("postgres", null,
        "update idempotency_keys set created_at = now() - interval '25 hours' where key = '" + key + "'");
    var later = post("/api/incidents", incident(description), key);
    assertThat(later.statusCode()).isEqualTo(201);
    assertThat(later.bodyAsJsonObject().getString("id")).isNotEqualTo(first.bodyAsJsonObject().getString("id"));
    try (var c = TestDatabase.connect("postgres"); ResultSet rs = c.createStatement().executeQuery(
        "select count(*) from idempotency_keys where created_at < now() - interval '24 hours'")) {
      rs.next();
      assertThat(rs.getLong(1)).isZero();
    }
    for (var r : new JsonArray().add(first.bodyAsJsonObject()).add(later.bodyAsJsonObject())) {
      node.post("/api/incidents/" + ((JsonObject) r).getString("id") + "/cancel", new JsonObject());
    }
  }
}
