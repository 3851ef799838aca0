package org.lamplight.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.domain.alert.Alert;
import org.lamplight.domain.alert.AlertLevel;
import org.lamplight.domain.alert.NewAlert;
import org.lamplight.store.AlertRepository.Raised;

/** Alerts against a real PostgreSQL: one open alert per key, a new one once it is acknowledged. */
class AlertRepositoryIT {

  static TestStore store;
  static AlertRepository alerts;

  @BeforeAll
  static void start() {
    store = TestStore.open("alerts");
    alerts = new AlertRepository(store.pool());
  }

  @AfterAll
  static void stop() throws Exception {
    store.close();
  }

  private static Raised raise(String key) throws Exception {
    return alerts.raise(new NewAlert(AlertLevel.CRITICAL, "sos", "sos", Map.of(), "SOS from aux-1", "S1", null,
        "aux-1", null, key)).await(10, TimeUnit.SECONDS);
  }

  @Test
  void raisingAnOpenAlertAgainGivesThatOneAndAfterItsAcknowledgementANewOne() throws Exception {
    Raised first = raise("sos:aux-1");
    Raised again = raise("sos:aux-1");
    assertThat(again.isNew()).isFalse();
    assertThat(again.alert().id()).isEqualTo(first.alert().id());
    alerts.acknowledge(first.alert().id(), "dispatcher-1").await(10, TimeUnit.SECONDS);
    Raised next = raise("sos:aux-1");
    assertThat(next.isNew()).isTrue();
    assertThat(next.alert().id()).isNotEqualTo(first.alert().id());
  }

  /**
   * A dispatcher acknowledges the open alert after the insert found it and before it is read. A
   * trigger stands in for the dispatcher: it acknowledges the open alert and skips the insert, as
   * the conflict would have.
   */
  @Test
  void anAlertAcknowledgedWhileRaisedAgainIsRaisedAnew() throws Exception {
    Raised first = raise("sos:aux-2");
    TestSql.run(store.db(), "create function acknowledge_during_raise() returns trigger language plpgsql as $$ begin"
            + " update alerts set acked_at = now(), acked_by = 'dispatcher-2' where key = new.key and acked_at is null;"
            + " if found then return null; end if; return new; end $$",
        "create trigger acknowledge_during_raise before insert on alerts for each row"
            + " execute function acknowledge_during_raise()");
    try {
      Raised raised = raise("sos:aux-2");
      assertThat(raised.isNew()).isTrue();
      assertThat(raised.alert().id()).isNotEqualTo(first.alert().id());
      assertThat(alerts.find(first.alert().id()).await(10, TimeUnit.SECONDS)).get()
          .extracting(Alert::acknowledged).extracting(Alert.Acknowledgement::by).isEqualTo("dispatcher-2");
    } finally {
      TestSql.run(store.db(), "drop trigger acknowledge_during_raise on alerts", "drop function acknowledge_during_raise()");
    }
  }
}
