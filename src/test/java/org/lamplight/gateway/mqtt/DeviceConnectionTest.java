package org.lamplight.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The connection's topic parsing: kept for the next publish to the same topic, never for a refused one. */
class DeviceConnectionTest {

  private final DeviceConnection connection = new DeviceConnection("c1", "dev-1", "u1", null, null, this);

  @Test
  void aTopicPublishedToAgainIsTheOneParsedBefore() {
    DeviceTopic first = connection.topic("lamplight/devices/dev-1/position");
    assertThat(connection.topic(new String("lamplight/devices/dev-1/position"))).isSameAs(first);
    DeviceTopic status = connection.topic("lamplight/devices/dev-1/status");
    assertThat(status.kind()).isEqualTo(DeviceTopic.Kind.STATUS);
    assertThat(connection.topic("lamplight/devices/dev-1/position")).isEqualTo(first);
  }

  @Test
  void aRefusedTopicIsRefusedEveryTimeAndForgetsNothing() {
    DeviceTopic position = connection.topic("lamplight/devices/dev-1/position");
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> connection.topic("lamplight/devices/dev-1/position/extra"))
          .isInstanceOf(InvalidTopicException.class);
    }
    assertThat(connection.topic("lamplight/devices/dev-1/position")).isSameAs(position);
  }
}
