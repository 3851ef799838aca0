package org.lamplight.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** The operations of openapi.yaml, for tests that walk every route. */
final class ContractOperations {

  /** One operation: its id, HTTP method, path template, whether it needs no token, and its definition. */
  record Operation(String id, String method, String path, boolean isPublic, JsonObject spec) {

    /** Marked {@code x-role: admin}: refused to every other account. */
    boolean adminOnly() {
      return "admin".equals(spec.getString("x-role"));
    }
  }

  private ContractOperations() {
  }

  static List<Operation> of(JsonObject document) {
    List<Operation> out = new ArrayList<>();
    JsonArray defaultSecurity = document.getJsonArray("security", new JsonArray());
    document.getJsonObject("paths").forEach(path -> ((JsonObject) path.getValue()).forEach(entry -> {
      JsonObject spec = (JsonObject) entry.getValue();
      boolean open = spec.getJsonArray("security", defaultSecurity).isEmpty();
      out.add(new Operation(spec.getString("operationId"), entry.getKey().toUpperCase(), path.getKey(), open, spec));
    }));
    return out;
  }
}
