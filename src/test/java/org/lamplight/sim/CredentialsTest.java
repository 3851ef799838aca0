package org.lamplight.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lamplight.county.SecretsFile;

class CredentialsTest {

  @Test
  void readsTheFileTheServerWritesForTheDemoCounty(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("demo-devices.csv"),
        "device_id,unit_id,secret\ndev-aux-0001,aux-0001,s3cr3t\n\ndev-off-01,off-01,x-y_z\n");
    assertThat(Credentials.read(file)).containsExactly(new Credentials("dev-aux-0001", "aux-0001", "s3cr3t"),
        new Credentials("dev-off-01", "off-01", "x-y_z"));
  }

  @Test
  void aBrokenLineIsNamed(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("bad.csv"), "device_id,unit_id,secret\ndev-aux-0001;s3cr3t\n");
    assertThatThrownBy(() -> Credentials.read(file)).hasMessageContaining("line 2");
  }

  @Test
  void theHeaderIsTheOneTheServerWrites() {
    assertThat(Credentials.HEADER).isEqualTo(SecretsFile.HEADER);
  }
}
