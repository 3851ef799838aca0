package org.lamplight.gateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import java.io.IOException;
import org.lamplight.domain.tracking.RejectReason;
import org.lamplight.domain.tracking.RejectedFixException;

/** Parses a device payload into a JSON object, refusing oversized input before reading it. */
public final class JsonPayloadParser {

  private static final JsonFactory FACTORY = JsonFactory.builder()
      // Accept NaN and Infinity literals so they are reported as not_a_number, not malformed_json.
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      // A payload naming a field twice is ambiguous: which lat did the device mean?
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      // Device payloads are shallow; deep nesting is only ever an attack on the recursive parser.
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build())
      .build();

  private final int maxBytes;

  public JsonPayloadParser(int maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  /** The payload as a JSON object, or a payload_too_large / malformed_json rejection. */
  public JsonObject parse(Buffer payload) {
    if (payload.length() > maxBytes) {
      throw new RejectedFixException(RejectReason.PAYLOAD_TOO_LARGE,
          "payload is " + payload.length() + " bytes, the limit is " + maxBytes);
    }
    Object parsed;
    try {
      parsed = JacksonCodec.fromParser(FACTORY.createParser(payload.getBytes()), Object.class);
    } catch (DecodeException | IOException e) {
      throw new RejectedFixException(RejectReason.MALFORMED_JSON,
          "not valid JSON: " + firstLine(e));
    }
    if (!(parsed instanceof JsonObject json)) {
      throw new RejectedFixException(RejectReason.MALFORMED_JSON, "payload must be a JSON object");
    }
    return json;
  }

  /**
   * The bytes of a top-level field's object value as sent, so that a payload carried inside an
   * envelope reaches its decoder as an MQTT device's would ({@code NaN} and the size unchanged by
   * re-encoding); null when there is no such object. Call after {@link #parse} accepted the input.
   */
  public static Buffer rawObject(Buffer json, String field) {
    try (JsonParser p = FACTORY.createParser(json.getBytes())) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        boolean wanted = field.equals(p.currentName());
        JsonToken value = p.nextToken();
        if (wanted && value == JsonToken.START_OBJECT) {
          int start = (int) p.currentTokenLocation().getByteOffset();
          p.skipChildren();
          return json.slice(start, (int) p.currentLocation().getByteOffset());
        }
        p.skipChildren();
      }
      return null;
    } catch (IOException e) {
      throw new RejectedFixException(RejectReason.MALFORMED_JSON, "not valid JSON: " + firstLine(e));
    }
  }

  /** Jackson appends a location line that only repeats that the source is not shown. */
  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
