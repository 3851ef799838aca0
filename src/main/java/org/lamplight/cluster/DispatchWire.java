package org.lamplight.cluster;

import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import org.lamplight.domain.dispatch.DispatchEvent;
import org.lamplight.domain.dispatch.DispatchException;
import org.lamplight.domain.dispatch.ReplyAction;
import org.lamplight.store.IncidentJson;
import org.lamplight.store.IncidentRepository.AuditEntry;
import org.lamplight.store.IncidentRepository.Idempotency;
import org.lamplight.store.StoreException;

/**
 * Dispatcher commands and device replies forwarded to an incident's owning node, and the owner's
 * refusals sent back, as event-bus JSON. Nothing else travels: presence reaches every node
 * anyway, and timers fire on the owner.
 */
final class DispatchWire {

  /** The owner refused the command; the message is {@code {code, message, params}}. */
  static final int REFUSED = 1;
  /** The owner's database write failed; the message is {@code {kind, message}}. */
  static final int STORE = 2;
  /** The receiver does not drive the incident (any more): resolve the owner again. */
  static final int NOT_OWNER = 3;
  /** Anything else (a bug): the message is the text. */
  static final int FAILED = 4;

  private DispatchWire() {
  }

  static JsonObject command(DispatchEvent event, AuditEntry audit) {
    JsonObject e = new JsonObject().put("incidentId", event.incidentId());
    if (event instanceof DispatchEvent.Escalate x) {
      e.put("kind", "escalate").put("by", x.by());
    } else if (event instanceof DispatchEvent.Cancel x) {
      e.put("kind", "cancel").put("by", x.by()).put("reason", x.reason());
    } else if (event instanceof DispatchEvent.Resolve x) {
      e.put("kind", "resolve").put("by", x.by()).put("note", x.note());
    } else if (event instanceof DispatchEvent.Close x) {
      e.put("kind", "close").put("by", x.by());
    } else if (event instanceof DispatchEvent.ManualAssign x) {
      e.put("kind", "assign").put("by", x.by()).put("unitId", x.unitId());
    } else if (event instanceof DispatchEvent.Release x) {
      e.put("kind", "release").put("by", x.by()).put("unitId", x.unitId());
    } else if (event instanceof DispatchEvent.AnswerForUnit x) {
      e.put("kind", "answer").put("by", x.by()).put("unitId", x.unitId()).put("action", x.action().wire())
          .put("reason", x.reason());
    } else if (event instanceof DispatchEvent.OrderReply x) {
      e.put("kind", "reply").put("orderId", x.orderId()).put("unitId", x.unitId()).put("action", x.action().wire())
          .put("reason", x.reason());
    } else if (event instanceof DispatchEvent.AddNote x) {
      e.put("kind", "note").put("by", x.by()).put("text", x.text());
    } else if (event instanceof DispatchEvent.Edit x) {
      e.put("kind", "edit").put("by", x.by()).put("edit", IncidentJson.editToJson(x.edit()));
    } else {
      throw new IllegalArgumentException("not forwarded between nodes: " + event);
    }
    JsonObject command = new JsonObject().put("event", e);
    if (audit != null) {
      JsonObject a = new JsonObject().put("actor", audit.actor()).put("action", audit.action())
          .put("target", audit.target()).put("details", audit.details());
      if (audit.idempotency() != null) {
        a.put("idempotency", new JsonObject().put("key", audit.idempotency().key())
            .put("fingerprint", audit.idempotency().fingerprint()).put("status", audit.idempotency().status()));
      }
      command.put("audit", a);
    }
    return command;
  }

  static DispatchEvent event(JsonObject command) {
    JsonObject e = command.getJsonObject("event");
    String id = e.getString("incidentId");
    String by = e.getString("by");
    return switch (e.getString("kind")) {
      case "escalate" -> new DispatchEvent.Escalate(id, by);
      case "cancel" -> new DispatchEvent.Cancel(id, by, e.getString("reason"));
      case "resolve" -> new DispatchEvent.Resolve(id, by, e.getString("note"));
      case "close" -> new DispatchEvent.Close(id, by);
      case "assign" -> new DispatchEvent.ManualAssign(id, e.getString("unitId"), by);
      case "release" -> new DispatchEvent.Release(id, e.getString("unitId"), by);
      case "answer" -> new DispatchEvent.AnswerForUnit(id, e.getString("unitId"),
          ReplyAction.fromWire(e.getString("action")), e.getString("reason"), by);
      case "reply" -> new DispatchEvent.OrderReply(id, e.getString("orderId"), e.getString("unitId"),
          ReplyAction.fromWire(e.getString("action")), e.getString("reason"));
      case "note" -> new DispatchEvent.AddNote(id, by, e.getString("text"));
      case "edit" -> new DispatchEvent.Edit(id, by, IncidentJson.editFromJson(e.getJsonObject("edit")));
      default -> throw new IllegalArgumentException("unknown forwarded command " + e.getString("kind"));
    };
  }

  static AuditEntry audit(JsonObject command) {
    JsonObject a = command.getJsonObject("audit");
    if (a == null) {
      return null;
    }
    JsonObject keyed = a.getJsonObject("idempotency");
    return new AuditEntry(a.getString("actor"), a.getString("action"), a.getString("target"), a.getJsonObject("details"),
        keyed == null ? null : new Idempotency(keyed.getString("key"), keyed.getString("fingerprint"), keyed.getInteger("status")));
  }

  static void fail(Message<?> msg, Throwable failure) {
    if (failure instanceof DispatchException refused) {
      msg.fail(REFUSED, new JsonObject().put("code", refused.code().wire()).put("message", refused.getMessage())
          .put("params", new JsonObject(refused.params())).encode());
    } else if (failure instanceof StoreException store) {
      msg.fail(STORE, new JsonObject().put("kind", store.kind().name()).put("message", store.getMessage()).encode());
    } else {
      msg.fail(FAILED, String.valueOf(failure.getMessage()));
    }
  }

  /**
   * The failure the owner meant, as this node's dispatch would have failed. An owner that did
   * not answer in time may still apply the command, as a database past its deadline may still
   * commit: the client is told to try again, with its {@code Idempotency-Key}.
   */
  static Throwable failure(ReplyException e) {
    if (e.failureType() == ReplyFailure.TIMEOUT) {
      return new StoreException(StoreException.Kind.UNAVAILABLE, "the incident's owner did not answer in time", e);
    }
    if (e.failureType() != ReplyFailure.RECIPIENT_FAILURE) {
      return e;
    }
    return switch (e.failureCode()) {
      case REFUSED -> {
        JsonObject j = new JsonObject(e.getMessage());
        yield new DispatchException(DispatchException.Code.fromWire(j.getString("code")), j.getString("message"),
            j.getJsonObject("params", new JsonObject()).getMap());
      }
      case STORE -> {
        JsonObject j = new JsonObject(e.getMessage());
        yield new StoreException(StoreException.Kind.valueOf(j.getString("kind")), j.getString("message"), null);
      }
      default -> new IllegalStateException("the incident's owner failed: " + e.getMessage());
    };
  }

  /**
   * Worth resolving the owner again: nobody took the command, or the receiver no longer drives
   * the incident. One that timed out may still be applied by its owner (a forwarded command
   * carries no id to tell it from its copy), so it goes again only once that owner has left.
   */
  static boolean retryable(Throwable e, boolean ownerLeft) {
    return e instanceof ReplyException r && (r.failureType() == ReplyFailure.NO_HANDLERS
        || (r.failureType() == ReplyFailure.TIMEOUT && ownerLeft)
        || (r.failureType() == ReplyFailure.RECIPIENT_FAILURE && r.failureCode() == NOT_OWNER));
  }
}
