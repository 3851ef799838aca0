package org.lamplight.gateway.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.lamplight.domain.ControlCharacters;
import org.lamplight.domain.tracking.RejectReason;
import org.lamplight.domain.tracking.RejectedFixException;
import org.lamplight.gateway.JsonPayloadParser;
import org.lamplight.gateway.PayloadFields;

/**
 * Reads the field app's envelopes: {@code {"type":"publish","id","topic","payload":{...}}},
 * {@code {"type":"received","id","deliveryId"}} and {@code {"type":"ping","id"}}. The payload of a
 * publish is handed on as the bytes the app sent, as an MQTT device's are, for the same decoders to check.
 */
public final class AppMessageDecoder {

  /** Delivery ids are the server's own (order id, action, sequence); this bounds what is looked up. */
  private static final int MAX_DELIVERY_ID = 256;

  private final JsonPayloadParser parser;

  /** @param maxBytes the largest envelope, payload included */
  public AppMessageDecoder(int maxBytes) {
    this.parser = new JsonPayloadParser(maxBytes);
  }

  /** @throws RefusedAppMessage naming the id when the envelope had a well-formed one */
  public AppMessage decode(Buffer frame) {
    JsonObject json;
    try {
      json = parser.parse(frame);
    } catch (RejectedFixException e) {
      throw new RefusedAppMessage(null, e.reason(), e.getMessage());
    }
    String id = null;
    try {
      id = PayloadFields.requiredId(json, "id");
      String type = PayloadFields.requiredString(json, "type");
      return switch (type) {
        case "publish" -> {
          String topic = PayloadFields.requiredString(json, "topic");
          PayloadFields.requiredObject(json, "payload");
          yield new AppMessage.Publish(id, topic, JsonPayloadParser.rawObject(frame, "payload"));
        }
        case "received" -> new AppMessage.Received(id, deliveryId(PayloadFields.requiredString(json, "deliveryId")));
        case "ping" -> new AppMessage.Ping(id);
        default -> throw new RejectedFixException(RejectReason.UNSUPPORTED_MESSAGE,
            "type must be publish, received or ping");
      };
    } catch (RejectedFixException e) {
      throw new RefusedAppMessage(id, e.reason(), e.getMessage());
    }
  }

  private static String deliveryId(String id) {
    if (id.isEmpty() || id.length() > MAX_DELIVERY_ID || ControlCharacters.first(id, false) >= 0) {
      throw new RejectedFixException(RejectReason.INVALID_VALUE, "deliveryId must be 1-" + MAX_DELIVERY_ID
          + " characters, none of them a control character");
    }
    return id;
  }
}
