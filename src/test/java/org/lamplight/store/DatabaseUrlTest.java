package org.lamplight.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.lamplight.config.ConfigException;

class DatabaseUrlTest {

  @Test
  void aUrlThatDoesNotParseIsRefusedWithoutItsPassword() {
    assertThatThrownBy(() -> Database.parseUrl("postgresql://lamp:correct horse@db.example/lamplight"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("lamp:***@db.example")
        .hasMessageContaining("at index")
        .message().doesNotContain("correct").doesNotContain("horse");
  }

  @Test
  void aMalformedEscapeInThePasswordIsRefusedWithoutIt() {
    assertThatThrownBy(() -> Database.parseUrl("postgresql://lamp:Secr%zz3t@db.example/lamplight"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("at index")
        .message().doesNotContain("Secr").doesNotContain("zz3t");
  }

  @Test
  void aGoodUrlGivesItsParts() {
    var options = Database.parseUrl("postgresql://lamp:p%40ss@db.example:5433/county");
    assertThat(options.getHost()).isEqualTo("db.example");
    assertThat(options.getPort()).isEqualTo(5433);
    assertThat(options.getDatabase()).isEqualTo("county");
    assertThat(options.getUser()).isEqualTo("lamp");
    assertThat(options.getPassword()).isEqualTo("p@ss");
  }
}
