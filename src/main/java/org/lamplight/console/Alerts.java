package org.lamplight.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;
import org.lamplight.auth.Tokens.Principal;

/**
 * Alerts for dispatchers (escalations, SOS, assigned units going offline), newest kept in a
 * bounded list for the snapshot and {@code GET /api/alerts}. Each belongs to a station (its
 * incident's, or else its unit's), and a station account sees only its stations' alerts; one of
 * no station is for county-wide accounts. Used from one event loop.
 */
public final class Alerts {

  private static final int KEEP = 200;

  private final Deque<JsonObject> recent = new ArrayDeque<>();
  private final AtomicLong ids = new AtomicLong();

  /** Stamps an alert with an id and time, keeps it, and returns it. */
  public JsonObject raise(String level, String kind, String stationId, String incidentId, String unitId, String message) {
    JsonObject alert = new JsonObject().put("id", ids.incrementAndGet()).put("at", System.currentTimeMillis())
        .put("level", level).put("kind", kind).put("stationId", stationId).put("incidentId", incidentId)
        .put("unitId", unitId).put("message", message);
    recent.addFirst(alert);
    if (recent.size() > KEEP) {
      recent.removeLast();
    }
    return alert;
  }

  /** The latest alerts {@code who} may see, newest first. */
  public JsonArray recent(Principal who) {
    return new JsonArray(recent.stream().filter(a -> seenBy(who, a)).toList());
  }

  static boolean seenBy(Principal who, JsonObject alert) {
    return who.sees(alert.getString("stationId"));
  }
}
