package org.lamplight.sim;

import io.vertx.core.json.JsonObject;
import java.util.Random;

/**
 * The station's clerk, as the simulator plays it: now and then goes through the open hazards,
 * orders the rectification of those reported (a deadline one to five days off) or closes one as
 * not a hazard, and records rectifications and checks as they come in (most of them in time).
 */
final class HazardClerk {

  private static final long DAY_MS = 86_400_000L;

  private final LamplightApi api;
  private final Random random;
  private final SimStats stats;

  HazardClerk(LamplightApi api, Random random, SimStats stats) {
    this.api = api;
    this.random = random;
    this.stats = stats;
  }

  void pass() {
    try {
      long now = System.currentTimeMillis();
      for (Object o : api.getArray("/api/hazards?status=open")) {
        JsonObject hazard = (JsonObject) o;
        String id = hazard.getString("id");
        switch (hazard.getString("status")) {
          case "reported" -> {
            double u = random.nextDouble();
            if (u < 0.1) {
              act(id, "dismiss", new JsonObject().put("note", "on inspection, not a hazard"));
            } else if (u < 0.6) {
              act(id, "order", new JsonObject().put("deadline", now + DAY_MS + random.nextInt(4) * DAY_MS));
            }
          }
          case "ordered" -> {
            if (random.nextDouble() < (hazard.getBoolean("overdue") ? 0.05 : 0.2)) {
              act(id, "rectify", new JsonObject().put("note", "put right by the owner"));
            }
          }
          case "rectified" -> {
            if (random.nextDouble() < 0.5) {
              act(id, "verify", new JsonObject().put("note", "checked on the next round"));
            }
          }
          default -> {
            // closed ones are not open
          }
        }
      }
    } catch (RuntimeException e) {
      stats.errors.increment();
    }
  }

  private void act(String id, String action, JsonObject body) {
    api.post("/api/hazards/" + id + "/" + action, body).whenComplete((r, e) -> {
      if (e != null) {
        stats.errors.increment();
      }
    });
  }
}
