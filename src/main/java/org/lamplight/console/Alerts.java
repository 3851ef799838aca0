package org.lamplight.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Alerts for dispatchers (escalations, SOS, assigned units going offline), newest kept in a
 * bounded list for the snapshot and {@code GET /api/alerts}. Used from one event loop.
 */
public final class Alerts {

  private static final int KEEP = 200;

  private final Deque<JsonObject> recent = new ArrayDeque<>();
  private final AtomicLong ids = new AtomicLong();

  /** Stamps an alert with an id and time, keeps it, and returns it. */
  public JsonObject raise(String level, String kind, String incidentId, String unitId, String message) {
    return keep(new JsonObject().put("level", level).put("kind", kind).put("incidentId", incidentId).put("unitId", unitId)
        .put("message", message));
  }

  /** Stamps an alert that comes whole (a patrol alert with its code and params) and keeps it. */
  public JsonObject keep(JsonObject alert) {
    alert.put("id", ids.incrementAndGet()).put("at", System.currentTimeMillis());
    recent.addFirst(alert);
    if (recent.size() > KEEP) {
      recent.removeLast();
    }
    return alert;
  }

  public JsonArray recent() {
    return new JsonArray(java.util.List.copyOf(recent));
  }
}
