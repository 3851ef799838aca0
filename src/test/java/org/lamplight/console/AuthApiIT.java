package org.lamplight.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.sql.ResultSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.TestDatabase;
import org.lamplight.TestNode;
import org.lamplight.auth.SecretHash;

/** Logging in and issuing device secrets. */
class AuthApiIT {

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
  void aWrongPasswordIs401AndAnUnknownUserToo() {
    var bad = node.post("/api/login", new JsonObject().put("username", "admin").put("password", "wrong"), null);
    assertThat(bad.statusCode()).isEqualTo(401);
    assertThat(bad.bodyAsJsonObject().getString("error")).isEqualTo("unauthorized");
    var nobody = node.post("/api/login", new JsonObject().put("username", "nobody").put("password", "x"), null);
    assertThat(nobody.statusCode()).isEqualTo(401);
  }

  @Test
  void loginReturnsABearerToken() {
    var r = node.post("/api/login", new JsonObject().put("username", "admin").put("password", TestNode.ADMIN_PASSWORD), null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getString("token")).isNotBlank();
    assertThat(r.bodyAsJsonObject().getString("role")).isEqualTo("admin");
  }

  @Test
  void aMalformedLoginIs400WithAReason() {
    var r = node.post("/api/login", new JsonObject().put("username", "admin"), null);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getString("message")).contains("password");
  }

  @Test
  void issuingADeviceSecretStoresOnlyItsHash() throws Exception {
    String secret = node.issueSecret("dev-aux-0001");
    assertThat(secret).hasSizeGreaterThan(20);
    String stored;
    try (var c = TestDatabase.connect("postgres");
         ResultSet rs = c.createStatement().executeQuery("select secret_hash from devices where id = 'dev-aux-0001'")) {
      rs.next();
      stored = rs.getString(1);
    }
    assertThat(stored).startsWith("pbkdf2-sha256$").doesNotContain(secret);
    assertThat(SecretHash.verify(secret, stored)).isTrue();
    // a second issue replaces it: the first secret no longer verifies
    String second = node.issueSecret("dev-aux-0001");
    assertThat(second).isNotEqualTo(secret);
  }

  @Test
  void issuingASecretForAnUnknownDeviceIs404() {
    var r = node.post("/api/devices/dev-nobody/secret", null);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("not_found");
  }
}
