package org.lamplight.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.TestDatabase;
import org.lamplight.TestNode;
import org.lamplight.auth.SecretHash;
import org.lamplight.config.ConfigException;
import org.lamplight.config.Keys;

/** The foundation end to end: a node on the shared database, its API, auth and demo county. */
class FoundationIT {

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
  void unitsListTheDemoCountysAuxiliariesAndOfficers() {
    var r = node.get("/api/units");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonArray units = r.bodyAsJsonArray();
    assertThat(units.stream().map(JsonObject.class::cast).filter(u -> "auxiliary".equals(u.getString("kind")))).hasSize(452);
    assertThat(units.stream().map(JsonObject.class::cast).filter(u -> "officer".equals(u.getString("kind")))).hasSize(64);
    JsonObject first = units.getJsonObject(0);
    assertThat(first.fieldNames()).contains("id", "name", "kind", "deviceId", "workstationId", "officeId", "stationId",
        "home", "status", "position");
  }

  @Test
  void orgIsTheHierarchy() {
    JsonObject org = node.get("/api/org").bodyAsJsonObject();
    assertThat(org.getJsonArray("townships")).hasSize(22);
    assertThat(org.getJsonArray("stations")).hasSize(20);
    int offices = org.getJsonArray("stations").stream().mapToInt(s -> ((JsonObject) s).getJsonArray("offices").size()).sum();
    assertThat(offices).isEqualTo(64);
  }

  @Test
  void withoutATokenTheApiAnswers401InJson() {
    var r = node.get("/api/units", null);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("unauthorized");
    assertThat(node.get("/api/units", "not-a-token").statusCode()).isEqualTo(401);
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

  @Test
  void anUnknownApiRouteIsAJson404() {
    var r = node.get("/api/nothing-here");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("not_found");
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
