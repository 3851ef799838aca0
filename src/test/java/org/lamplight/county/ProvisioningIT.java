package org.lamplight.county;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lamplight.TestDatabase;
import org.lamplight.TestLogs;
import org.lamplight.TestNode;
import org.lamplight.TestSecrets;
import org.lamplight.config.Keys;

class ProvisioningIT {

  @Test
  void aGeneratedAdminPasswordIsKeptOwnerOnlyInTheDataDirectoryAndNeverLogged() throws Exception {
    try (TestNode node = TestNode.start(Map.of(Keys.PG_URL, TestDatabase.url("provisioning_" + System.nanoTime()),
        Keys.ADMIN_PASSWORD, "", Keys.DEMO_DATA, false))) {
      Path file = Path.of(node.node().config().get(Keys.DATA_DIR)).resolve(Provisioning.ADMIN_PASSWORD_FILE);
      String password = TestSecrets.register("a generated admin password", Files.readString(file).trim());
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
      var login = node.post("/api/login", new JsonObject().put("username", "admin").put("password", password), null);
      assertThat(login.statusCode()).isEqualTo(200);
      assertThat(Files.readAllLines(TestLogs.thisProcess())).noneMatch(l -> l.contains(password))
          .anyMatch(l -> l.contains("generated password is in " + file.toAbsolutePath()));
    }
  }
}
