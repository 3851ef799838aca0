package org.lamplight.gateway;

import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.lamplight.domain.Refusal;
import org.lamplight.store.StoreException;

/**
 * Event-bus addresses the gateways own. What a device changes (a report, a reply, a ledger entry)
 * is sent to this node's owner of it, which answers once it is stored; what a node's connections
 * must all hear (orders, presence, connections) is published, so that in a cluster every node sees
 * it and the one holding the device's connection acts.
 */
public final class DeviceBus {

  private DeviceBus() {
  }

  /** {@code {deviceId, deliveryId, payload}}: deliver a stored order to the device if connected here. */
  public static final String ORDERS = "lamplight.gateway.orders";
  /**
   * {@code {deviceId, unitId, message}}: a device's reply to an order or its incident report, sent
   * (request and reply) to this node's dispatch, which answers once dispatch has stored what it
   * changes (or that it changes nothing); the device is acknowledged only after the answer.
   */
  public static final String EVENTS = "lamplight.gateway.events";
  /**
   * {@code {deviceId, unitId, message}}: a device's work ledger entry, sent (request and reply) to
   * this node's ledger, which answers once it is stored; the device is acknowledged only after the answer.
   */
  public static final String LEDGER = "lamplight.gateway.ledger";
  /** The failure code of a message refused for good: as data, or out of turn (an expired offer). */
  public static final int REFUSED = 400;
  /** The failure code of a message not stored for now (the database is unavailable): the device sends it again. */
  public static final int NOT_STORED = 503;
  /** How long the gateway waits for a device's message to be stored. */
  public static final long STORE_TIMEOUT_MS = 10_000;
  /**
   * {@code {deviceId, unitId, online, channel, unitChanged}}: a device came online, went offline,
   * or (online) showed another order channel; {@code unitChanged} when that changed its unit's presence.
   */
  public static final String PRESENCE = "lamplight.gateway.presence";
  /** {@code {deviceId, connectionId, nodeId}}: a device connected; its older connections are replaced (closed). */
  public static final String CONNECTED = "lamplight.gateway.connected";
  /**
   * {@code {deviceId, reason}}: close the device's connection at once (its secret was revoked or
   * replaced, or it was retired); it is offline at once, and its next connection is checked anew.
   */
  public static final String CLOSE = "lamplight.gateway.close";

  /**
   * Answers a device's message ({@link #EVENTS}, {@link #LEDGER}) that was not taken: a
   * {@link Refusal}, or data the database refused, is refused for good (sending it again would be
   * refused the same way); anything else is an outage, and the device sends it again.
   */
  public static void fail(Message<?> msg, Throwable err) {
    if (err instanceof Refusal refusal) {
      String code = refusal.refusalCode();
      msg.fail(REFUSED, new Refused(err.getMessage(), code, code == null ? null : new JsonObject(refusal.refusalParams()))
          .encode());
    } else if (err instanceof StoreException && !StoreException.isOutage(err)) {
      msg.fail(REFUSED, new Refused("not stored: " + err.getMessage(), null, null).encode());
    } else {
      msg.fail(NOT_STORED, "not stored: " + err.getMessage());
    }
  }

  /**
   * Why a device's message was refused ({@link #REFUSED}): in words, and for a refusal with a code
   * (dispatch's) the code and its parameters, which the field app says in the auxiliary's language.
   */
  public record Refused(String message, String code, JsonObject params) {

    /** The refusal a {@link #REFUSED} failure carries (a plain text is its words). */
    public static Refused of(ReplyException failure) {
      try {
        JsonObject why = new JsonObject(failure.getMessage());
        return new Refused(why.getString("message"), why.getString("code"), why.getJsonObject("params"));
      } catch (DecodeException | ClassCastException e) {
        return new Refused(failure.getMessage(), null, null);
      }
    }

    String encode() {
      return new JsonObject().put("message", message).put("code", code).put("params", params).encode();
    }
  }
}
