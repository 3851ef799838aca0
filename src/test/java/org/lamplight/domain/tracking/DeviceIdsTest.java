package org.lamplight.domain.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceIdsTest {

  @ParameterizedTest
  @ValueSource(strings = {"dev-aux-0001", "dev-off-01", "353861053849681", "a", "A.b_c-9"})
  void acceptsIdsMadeOfSafeCharacters(String id) {
    assertThat(DeviceIds.isValid(id)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "dev 1", "dev/1", "dev+", "dev#", "dév", "dev\u0000", "a:b", "$SYS"})
  void rejectsIdsThatAreUnsafeInTopicsOrUrls(String id) {
    assertThat(DeviceIds.isValid(id)).isFalse();
  }

  @Test
  void rejectsNull() {
    assertThat(DeviceIds.isValid(null)).isFalse();
  }

  @Test
  void limitsTheLength() {
    assertThat(DeviceIds.isValid("x".repeat(DeviceIds.MAX_LENGTH))).isTrue();
    assertThat(DeviceIds.isValid("x".repeat(DeviceIds.MAX_LENGTH + 1))).isFalse();
  }
}
