package org.lamplight.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.pointer.JsonPointer;
import java.util.HashMap;
import java.util.Map;
import org.lamplight.domain.ControlCharacters;

/**
 * {@link ControlCharacters}' rule for request bodies, checked after the contract and before any
 * handler: no string and no field name holds a control character. Free text, a string whose
 * schema in openapi.yaml says {@code x-multiline: true} (descriptions, reasons, notes), may hold
 * line breaks and tabs.
 */
final class TextFields {

  private static final String MULTILINE = "x-multiline";

  private final JsonObject document;
  /** The request body schema of each operation that takes a JSON body. */
  private final Map<String, JsonObject> bodies = new HashMap<>();

  TextFields(JsonObject document) {
    this.document = document;
    document.getJsonObject("paths", new JsonObject()).forEach(path -> ((JsonObject) path.getValue()).forEach(op -> {
      JsonObject schema = op.getValue() instanceof JsonObject operation ? requestSchema(document, operation) : null;
      if (schema != null) {
        bodies.put(((JsonObject) op.getValue()).getString("operationId"), schema);
      }
    }));
  }

  /** What is wrong with the text of {@code body}, sent to {@code operationId}, as a sentence; null when nothing is. */
  String offence(String operationId, Object body) {
    return body == null ? null : offence(body, bodies.get(operationId), "");
  }

  private String offence(Object value, JsonObject schema, String pointer) {
    JsonObject s = schema == null ? null : resolve(document, schema);
    if (value instanceof JsonObject object) {
      JsonObject properties = s == null ? new JsonObject() : s.getJsonObject("properties", new JsonObject());
      for (Map.Entry<String, Object> field : object) {
        int bad = ControlCharacters.first(field.getKey(), false);
        if (bad >= 0) {
          return "a field name" + (pointer.isEmpty() ? "" : " in '" + ContractViolations.field(pointer) + "'")
              + " holds the control character " + ControlCharacters.name(bad);
        }
        String found = offence(field.getValue(), properties.getJsonObject(field.getKey()), pointer + "/" + field.getKey());
        if (found != null) {
          return found;
        }
      }
    } else if (value instanceof JsonArray array) {
      JsonObject items = s == null || !(s.getValue("items") instanceof JsonObject i) ? null : i;
      for (int n = 0; n < array.size(); n++) {
        String found = offence(array.getValue(n), items, pointer + "/" + n);
        if (found != null) {
          return found;
        }
      }
    } else if (value instanceof String text) {
      boolean multiline = s != null && s.getBoolean(MULTILINE, false);
      int bad = ControlCharacters.first(text, multiline);
      if (bad >= 0) {
        String subject = pointer.isEmpty() ? "the body" : "'" + ContractViolations.field(pointer) + "'";
        return subject + " holds the control character " + ControlCharacters.name(bad)
            + (multiline ? "; only line breaks and tabs are allowed in it" : "");
      }
    }
    return null;
  }

  /** The schema of an operation's JSON request body, or null when it takes none. */
  static JsonObject requestSchema(JsonObject document, JsonObject operation) {
    JsonObject body = operation.getJsonObject("requestBody");
    if (body == null) {
      return null;
    }
    JsonObject json = resolve(document, body).getJsonObject("content", new JsonObject()).getJsonObject("application/json");
    return json == null ? null : json.getJsonObject("schema");
  }

  /** Follows {@code $ref}s within the document. */
  static JsonObject resolve(JsonObject document, JsonObject schema) {
    JsonObject s = schema;
    for (int hops = 0; s.containsKey("$ref") && hops < 16; hops++) {
      Object target = JsonPointer.from(s.getString("$ref").substring(1)).queryJson(document);
      s = target instanceof JsonObject o ? o : new JsonObject();
    }
    return s;
  }
}
