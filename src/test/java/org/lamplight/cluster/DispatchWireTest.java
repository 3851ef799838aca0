package org.lamplight.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lamplight.domain.dispatch.DispatchEvent;
import org.lamplight.domain.dispatch.DispatchException;
import org.lamplight.domain.dispatch.IncidentEdit;
import org.lamplight.domain.dispatch.IncidentType;
import org.lamplight.domain.dispatch.ReplyAction;
import org.lamplight.domain.geo.GeoPoint;
import org.lamplight.store.IncidentRepository;
import org.lamplight.store.IncidentRepository.AuditEntry;
import org.lamplight.store.StoreException;

class DispatchWireTest {

  @Test
  void everyDispatcherCommandAndDeviceReplyTravelsUnchanged() {
    List<DispatchEvent> commands = List.of(new DispatchEvent.Escalate("i1", "ann"),
        new DispatchEvent.Cancel("i1", "ann", "false alarm"), new DispatchEvent.Cancel("i1", "ann", null),
        new DispatchEvent.Resolve("i1", "ann", "done"), new DispatchEvent.Close("i1", "ann"),
        new DispatchEvent.ManualAssign("i1", "aux-1", "ann"), new DispatchEvent.Release("i1", "aux-1", "ann"),
        new DispatchEvent.AddNote("i1", "ann", "the caller phoned again"),
        new DispatchEvent.OrderReply("i1", "o-1", "aux-1", ReplyAction.DECLINE, "flat tyre"),
        new DispatchEvent.OrderReply("i1", "o-1", "aux-1", ReplyAction.ACCEPT, null),
        new DispatchEvent.Edit("i1", "ann", new IncidentEdit(Optional.of(IncidentType.FIRE), Optional.of(3),
            Optional.of(new GeoPoint(34.5, 113.25)), Optional.of("a barn, not a haystack"))),
        new DispatchEvent.Edit("i1", "ann", new IncidentEdit(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty())));
    AuditEntry audit = new AuditEntry("ann", "cancel", "i1", new JsonObject().put("path", "/api/incidents/i1/cancel"));
    AuditEntry keyed = new AuditEntry("ann", "cancel", "i1", new JsonObject(),
        new IncidentRepository.Idempotency("retry-7", "c0ffee", 200));
    for (DispatchEvent command : commands) {
      for (AuditEntry entry : List.of(audit, keyed)) {
        JsonObject wire = new JsonObject(DispatchWire.command(command, entry).encode());
        assertThat(DispatchWire.event(wire)).isEqualTo(command);
        assertThat(DispatchWire.audit(wire)).isEqualTo(entry);
      }
    }
    assertThat(DispatchWire.audit(DispatchWire.command(commands.get(0), null))).isNull();
  }

  @Test
  void eventsThatNeverTravelAreRefused() {
    assertThatThrownBy(() -> DispatchWire.command(new DispatchEvent.Retry("i1"), null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theOwnersRefusalsComeBackAsTheSameExceptions() {
    Throwable refused = DispatchWire.failure(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, DispatchWire.REFUSED,
        new JsonObject().put("code", "unit_busy").put("message", "unit aux-1 is held").encode()));
    assertThat(refused).isInstanceOf(DispatchException.class).hasMessage("unit aux-1 is held");
    assertThat(((DispatchException) refused).code()).isEqualTo(DispatchException.Code.UNIT_BUSY);

    Throwable store = DispatchWire.failure(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, DispatchWire.STORE,
        new JsonObject().put("kind", "UNAVAILABLE").put("message", "database unavailable").encode()));
    assertThat(store).isInstanceOf(StoreException.class);
    assertThat(((StoreException) store).kind()).isEqualTo(StoreException.Kind.UNAVAILABLE);
  }

  @Test
  void noTakerAndAMovedOwnerAreWorthAnotherTry() {
    assertThat(DispatchWire.retryable(new ReplyException(ReplyFailure.NO_HANDLERS, "none"), false)).isTrue();
    assertThat(DispatchWire.retryable(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, DispatchWire.NOT_OWNER, "moved"),
        false)).isTrue();
    assertThat(DispatchWire.retryable(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, DispatchWire.REFUSED, "{}"),
        true)).isFalse();
    assertThat(DispatchWire.retryable(new IllegalStateException(), true)).isFalse();
  }

  @Test
  void aCommandThatTimedOutGoesAgainOnlyOnceItsOwnerLeft() {
    ReplyException late = new ReplyException(ReplyFailure.TIMEOUT, "late");
    assertThat(DispatchWire.retryable(late, false)).as("the owner may still apply it").isFalse();
    assertThat(DispatchWire.retryable(late, true)).isTrue();
    assertThat(DispatchWire.failure(late)).isInstanceOf(StoreException.class);
    assertThat(((StoreException) DispatchWire.failure(late)).kind()).isEqualTo(StoreException.Kind.UNAVAILABLE);
  }
}
