package org.lamplight.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimSettingsTest {

  @Test
  void defaultsTakeThePasswordFromTheEnvironment() {
    SimSettings s = SimSettings.parse(new String[0], Map.of("LAMPLIGHT_ADMIN_PASSWORD", "pw"));
    assertThat(s.http()).isEqualTo(URI.create("http://localhost:8080"));
    assertThat(s.mqttHost()).isEqualTo("localhost");
    assertThat(s.mqttPort()).isEqualTo(1883);
    assertThat(s.adminPassword()).isEqualTo("pw");
    assertThat(s.credentials()).isEqualTo(Path.of("data/demo-devices.csv"));
    assertThat(s.devices()).isZero();
    assertThat(s.intervalMs()).isEqualTo(5000);
    assertThat(s.durationMs()).isEqualTo(600_000);
    assertThat(s.accept()).isEqualTo(0.8);
    assertThat(s.silent()).isEqualTo(0.1);
    assertThat(s.replyDelayMinMs()).isEqualTo(2000);
    assertThat(s.replyDelayMaxMs()).isEqualTo(15000);
    assertThat(s.incidentsPerHour()).isZero();
  }

  @Test
  void optionsOverrideWithSpaceOrEquals() {
    SimSettings s = SimSettings.parse(new String[] {"--http", "http://h:9", "--mqtt=tcp://m:1884", "--admin-password", "x",
        "--devices", "3", "--interval", "500ms", "--duration=2h", "--accept", "1", "--silent", "0",
        "--reply-delay", "100ms-1s", "--incidents-per-hour", "6", "--seed", "9"}, Map.of("LAMPLIGHT_ADMIN_PASSWORD", "pw"));
    assertThat(s.mqttHost()).isEqualTo("m");
    assertThat(s.mqttPort()).isEqualTo(1884);
    assertThat(s.adminPassword()).isEqualTo("x");
    assertThat(s.devices()).isEqualTo(3);
    assertThat(s.intervalMs()).isEqualTo(500);
    assertThat(s.durationMs()).isEqualTo(7_200_000);
    assertThat(s.replyDelayMinMs()).isEqualTo(100);
    assertThat(s.replyDelayMaxMs()).isEqualTo(1000);
    assertThat(s.incidentsPerHour()).isEqualTo(6);
    assertThat(s.seed()).isEqualTo(9);
  }

  @Test
  void mistakesAreNamed() {
    Map<String, String> env = Map.of("LAMPLIGHT_ADMIN_PASSWORD", "pw");
    assertThatThrownBy(() -> SimSettings.parse(new String[0], Map.of())).hasMessageContaining("admin password");
    assertThatThrownBy(() -> SimSettings.parse(new String[] {"--speed", "3"}, env)).hasMessageContaining("--speed");
    assertThatThrownBy(() -> SimSettings.parse(new String[] {"--devices"}, env)).hasMessageContaining("needs a value");
    assertThatThrownBy(() -> SimSettings.parse(new String[] {"--mqtt", "localhost:1883"}, env)).hasMessageContaining("tcp://");
    assertThatThrownBy(() -> SimSettings.parse(new String[] {"--accept", "0.95"}, env)).hasMessageContaining("at most 1");
    assertThatThrownBy(() -> SimSettings.parse(new String[] {"--interval", "0s"}, env)).hasMessageContaining("positive");
  }

  @Test
  void durationsTakeTheServersUnits() {
    assertThat(SimSettings.durationMs("250ms")).isEqualTo(250);
    assertThat(SimSettings.durationMs("5s")).isEqualTo(5000);
    assertThat(SimSettings.durationMs("1.5m")).isEqualTo(90_000);
    assertThat(SimSettings.durationMs("2h")).isEqualTo(7_200_000);
    assertThat(SimSettings.durationMs("1d")).isEqualTo(86_400_000);
    assertThat(SimSettings.durationMs("40")).isEqualTo(40);
  }
}
