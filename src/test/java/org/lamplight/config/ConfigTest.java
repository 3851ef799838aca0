package org.lamplight.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {

  @TempDir
  Path dir;

  @Test
  void defaultsApplyWithoutAFile() {
    Config c = Config.load(dir.resolve("missing.yaml"), Map.of());
    assertThat(c.get(Keys.HTTP_PORT)).isEqualTo(8080);
    assertThat(c.get(Keys.MQTT_PORT)).isEqualTo(1883);
    assertThat(c.get(Keys.OSMAND_PORT)).isEqualTo(5055);
    assertThat(c.get(Keys.PG_URL)).isEmpty();
  }

  @Test
  void yamlNestedAndDottedKeysOverrideDefaults() throws Exception {
    Path f = dir.resolve("l.yaml");
    Files.writeString(f, "http:\n  port: 9090\nmqtt.port: 2883\nconsole:\n  tick: 500ms\n");
    Config c = Config.load(f, Map.of());
    assertThat(c.get(Keys.HTTP_PORT)).isEqualTo(9090);
    assertThat(c.get(Keys.MQTT_PORT)).isEqualTo(2883);
    assertThat(c.get(Keys.CONSOLE_TICK)).isEqualTo(500L);
  }

  @Test
  void environmentOverridesTheFile() throws Exception {
    Path f = dir.resolve("l.yaml");
    Files.writeString(f, "http:\n  port: 9090\n");
    Config c = Config.load(f, Map.of("LAMPLIGHT_HTTP_PORT", "7070", "LAMPLIGHT_PG_URL", "postgresql://u:p@db:5432/x",
        "LAMPLIGHT_DATA_DIR", "/var/lib/lamplight", "LAMPLIGHT_ADMIN_PASSWORD", "s3cret", "LAMPLIGHT_PRESENCE_GRACE", "2m"));
    assertThat(c.get(Keys.HTTP_PORT)).isEqualTo(7070);
    assertThat(c.get(Keys.PG_URL)).isEqualTo("postgresql://u:p@db:5432/x");
    assertThat(c.get(Keys.DATA_DIR)).isEqualTo("/var/lib/lamplight");
    assertThat(c.get(Keys.ADMIN_PASSWORD)).isEqualTo("s3cret");
    assertThat(c.get(Keys.PRESENCE_GRACE)).isEqualTo(120_000L);
  }

  @Test
  void theMqttOnlyCertificateKeysOfEarlierReleasesStopStartUpNamingTheirNewNames() throws Exception {
    Path f = dir.resolve("l.yaml");
    Files.writeString(f, "mqtt:\n  tls:\n    cert: /etc/lamplight/cert.pem\n");
    assertThatThrownBy(() -> Config.load(f, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'mqtt.tls.cert'").hasMessageContaining("'tls.cert'").hasMessageContaining("LAMPLIGHT_TLS_CERT");
    assertThatThrownBy(() -> Config.load(dir.resolve("none"), Map.of("LAMPLIGHT_MQTT_TLS_KEY", "/etc/lamplight/key.pem")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("LAMPLIGHT_MQTT_TLS_KEY").hasMessageContaining("'tls.key'");
  }

  @Test
  void aValueOfTheWrongTypeNamesTheKey() {
    assertThatThrownBy(() -> Config.load(dir.resolve("none"), Map.of("LAMPLIGHT_MQTT_PORT", "eighteen")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("mqtt.port")
        .hasMessageContaining("LAMPLIGHT_MQTT_PORT")
        .hasMessageContaining("integer");
  }

  @Test
  void anUnknownKeyInTheFileIsRefused() throws Exception {
    Path f = dir.resolve("l.yaml");
    Files.writeString(f, "htp:\n  port: 9090\n");
    assertThatThrownBy(() -> Config.load(f, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown configuration key 'htp.port'");
  }

  @Test
  void theShippedDefaultFileLoadsAndMatchesTheBuiltInDefaults() {
    Config shipped = Config.load(Path.of("conf/lamplight.yaml"), Map.of());
    Config builtIn = Config.defaults();
    for (Key<?> key : Keys.all()) {
      assertThat(shipped.get(key)).as(key.name()).isEqualTo(builtIn.get(key));
    }
  }

  @Test
  void theReadmeDocumentsEveryKey() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    for (Key<?> key : Keys.all()) {
      assertThat(readme).as("README mentions " + key.name()).contains("`" + key.name() + "`");
    }
  }

  @Test
  void durationsAcceptUnits() {
    assertThat(Key.parseDurationMillis("250ms")).isEqualTo(250);
    assertThat(Key.parseDurationMillis("30s")).isEqualTo(30_000);
    assertThat(Key.parseDurationMillis("5m")).isEqualTo(300_000);
    assertThat(Key.parseDurationMillis("12h")).isEqualTo(43_200_000);
    assertThat(Key.parseDurationMillis(1500)).isEqualTo(1500);
    assertThatThrownBy(() -> Key.parseDurationMillis("soon")).hasMessageContaining("duration");
  }
}
