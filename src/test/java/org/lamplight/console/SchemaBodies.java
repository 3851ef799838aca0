package org.lamplight.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.lamplight.gateway.Fuzz;

/**
 * Request bodies made from openapi.yaml's schemas: first one that keeps the contract (every
 * required field, enum values, numbers in range), then the same mutated the way a broken or
 * hostile client would: a field of the wrong type, missing or added, huge numbers, NUL and other
 * control characters, long strings, deep nesting.
 */
final class SchemaBodies {

  private static final Object[] HUGE = {1e308, -1e308, Long.MAX_VALUE, Long.MIN_VALUE, Double.MIN_VALUE, 4294967296L,
      -2147483649L};
  private static final String[] NASTY = {"\u0000", "a\u0000b", "\u001b[31m", "line\nbreak", "\t", "\u007f", "\u0085",
      "\ud800", "'; drop table incidents; --", "%00", "../../etc/passwd", "\u202e", "null", ""};

  private final JsonObject document;

  SchemaBodies(JsonObject document) {
    this.document = document;
  }

  /** A value that keeps {@code schema}. */
  Object valid(JsonObject schema, Random r) {
    return valid(schema, r, 0);
  }

  private Object valid(JsonObject schema, Random r, int depth) {
    JsonObject s = merged(resolve(schema));
    if (s.containsKey("enum")) {
      JsonArray values = s.getJsonArray("enum");
      return values.getValue(r.nextInt(values.size()));
    }
    if (s.containsKey("const")) {
      return s.getValue("const");
    }
    Object type = s.getValue("type", s.containsKey("properties") ? "object" : "string");
    String t = type instanceof JsonArray a ? a.getString(0) : String.valueOf(type);
    return switch (t) {
      case "object" -> {
        JsonObject out = new JsonObject();
        JsonObject properties = s.getJsonObject("properties", new JsonObject());
        JsonArray required = s.getJsonArray("required", new JsonArray());
        for (String name : properties.fieldNames()) {
          if (required.contains(name) || r.nextBoolean()) {
            out.put(name, depth > 5 ? null : valid(properties.getJsonObject(name), r, depth + 1));
          }
        }
        yield out;
      }
      case "array" -> {
        JsonArray out = new JsonArray();
        JsonObject items = s.getJsonObject("items", new JsonObject().put("type", "string"));
        for (int i = Math.max(1, s.getInteger("minItems", 0)); i > 0; i--) {
          out.add(valid(items, r, depth + 1));
        }
        yield out;
      }
      case "integer" -> {
        long min = s.getLong("minimum", 0L);
        long max = s.getLong("maximum", min + 1000);
        yield min + (long) (r.nextDouble() * (max - min + 1));
      }
      case "number" -> {
        double min = s.getDouble("minimum", -1000.0);
        double max = s.getDouble("maximum", 1000.0);
        yield min + r.nextDouble() * (max - min);
      }
      case "boolean" -> r.nextBoolean();
      case "null" -> null;
      default -> "fuzz-" + Integer.toHexString(r.nextInt()) + "x".repeat(Math.max(0, s.getInteger("minLength", 0) - 13));
    };
  }

  /** {@code body} broken in one to three places, as JSON text; now and again broken as text too. */
  String mutated(Object body, Random r) {
    Object out = body instanceof JsonObject o ? o.copy() : body;
    for (int i = 1 + r.nextInt(3); i > 0; i--) {
      out = mutate(out, r);
    }
    String text = out instanceof JsonObject o ? o.encode() : out instanceof JsonArray a ? a.encode()
        : io.vertx.core.json.Json.encode(out);
    return switch (r.nextInt(12)) {
      case 0 -> new String(Fuzz.corrupt(r, text.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
          java.nio.charset.StandardCharsets.ISO_8859_1);
      case 1 -> "[".repeat(1 + r.nextInt(3000)) + "]".repeat(r.nextInt(3000));
      case 2 -> "{\"a\":".repeat(1 + r.nextInt(2000)) + "1" + "}".repeat(r.nextInt(2000));
      default -> text;
    };
  }

  private Object mutate(Object value, Random r) {
    if (!(value instanceof JsonObject object) || object.isEmpty() || r.nextInt(6) == 0) {
      return wrong(r);
    }
    List<String> names = new ArrayList<>(object.fieldNames());
    String name = names.get(r.nextInt(names.size()));
    switch (r.nextInt(5)) {
      case 0 -> object.remove(name);
      case 1 -> object.put(r.nextBoolean() ? name + "_extra" : NASTY[r.nextInt(NASTY.length)], wrong(r));
      case 2 -> object.put(name, mutate(object.getValue(name), r));
      default -> object.put(name, wrong(r));
    }
    return object;
  }

  /** A value of any type, leaning towards what breaks handlers and databases. */
  private static Object wrong(Random r) {
    return switch (r.nextInt(7)) {
      case 0 -> HUGE[r.nextInt(HUGE.length)];
      case 1 -> NASTY[r.nextInt(NASTY.length)];
      case 2 -> "x".repeat(r.nextBoolean() ? 2001 : 70_000);
      case 3 -> new JsonArray().add(NASTY[r.nextInt(NASTY.length)]).add(HUGE[r.nextInt(HUGE.length)]);
      case 4 -> new JsonObject().put("nested", new JsonObject().put("deeper", NASTY[r.nextInt(NASTY.length)]));
      case 5 -> r.nextBoolean() ? null : r.nextBoolean();
      default -> {
        String text = Fuzz.value(r, 0, List.of("type", "severity", "lat", "lon", "unitId", "stations"));
        try {
          yield io.vertx.core.json.Json.decodeValue(text);
        } catch (RuntimeException notJson) {
          yield text;
        }
      }
    };
  }

  /** A path parameter: an id of something that exists, or garbage. */
  static String pathValue(String known, Random r) {
    return switch (r.nextInt(5)) {
      case 0, 1 -> known;
      case 2 -> NASTY[r.nextInt(NASTY.length)];
      case 3 -> "x".repeat(1 + r.nextInt(3000));
      default -> Fuzz.text(r);
    };
  }

  /** An {@code allOf} as one object schema: every part's properties and required fields. */
  private JsonObject merged(JsonObject s) {
    if (!s.containsKey("allOf")) {
      return s;
    }
    JsonObject properties = new JsonObject();
    JsonArray required = new JsonArray();
    for (Object part : s.getJsonArray("allOf")) {
      JsonObject p = merged(resolve((JsonObject) part));
      properties.mergeIn(p.getJsonObject("properties", new JsonObject()));
      p.getJsonArray("required", new JsonArray()).forEach(required::add);
    }
    return new JsonObject().put("type", "object").put("properties", properties).put("required", required);
  }

  private JsonObject resolve(JsonObject schema) {
    return TextFields.resolve(document, schema);
  }

  /** The JSON request body schema of an operation, or null when it takes none. */
  JsonObject requestSchema(JsonObject operation) {
    return TextFields.requestSchema(document, operation);
  }
}
