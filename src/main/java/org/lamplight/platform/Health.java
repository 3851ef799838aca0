package org.lamplight.platform;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Components report whether they serve; {@code GET /health} reads them (and pings the database itself). */
public final class Health {

  private final Map<String, JsonObject> components = new ConcurrentHashMap<>();

  public void up(String component, JsonObject detail) {
    components.put(component, detail.copy().put("status", "up"));
  }

  public void down(String component, String reason) {
    components.put(component, new JsonObject().put("status", "down").put("reason", reason));
  }

  public JsonObject snapshot() {
    JsonObject out = new JsonObject();
    components.forEach(out::put);
    return out;
  }
}
