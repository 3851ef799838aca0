package org.lamplight.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import org.junit.jupiter.api.Test;
import org.lamplight.store.StoreException.Kind;

class StoreErrorsTest {

  private static Kind kindOf(String sqlState) {
    return StoreErrors.translate(new PgException("refused", "ERROR", sqlState, null)).kind();
  }

  @Test
  void valuesTheDatabaseRefusesAreInvalidDataNotAnOutage() {
    assertThat(kindOf("22003")).as("numeric value out of range").isEqualTo(Kind.INVALID_DATA);
    assertThat(kindOf("22021")).as("character not in repertoire (NUL)").isEqualTo(Kind.INVALID_DATA);
    assertThat(kindOf("22P02")).as("invalid text representation").isEqualTo(Kind.INVALID_DATA);
    assertThat(kindOf("23514")).as("check violation").isEqualTo(Kind.INVALID_DATA);
    assertThat(kindOf("23502")).as("not null violation").isEqualTo(Kind.INVALID_DATA);
  }

  @Test
  void duplicatesAndMissingReferencesKeepTheirOwnKinds() {
    assertThat(kindOf("23505")).isEqualTo(Kind.DUPLICATE);
    assertThat(kindOf("23503")).isEqualTo(Kind.MISSING_REFERENCE);
  }

  @Test
  void connectionFailuresAndServerStatesAreOutages() {
    assertThat(kindOf("08006")).as("connection failure").isEqualTo(Kind.UNAVAILABLE);
    assertThat(kindOf("53300")).as("too many connections").isEqualTo(Kind.UNAVAILABLE);
    assertThat(kindOf("57P01")).as("admin shutdown").isEqualTo(Kind.UNAVAILABLE);
    assertThat(StoreErrors.translate(VertxException.noStackTrace("Connection refused")).kind()).isEqualTo(Kind.UNAVAILABLE);
  }
}
