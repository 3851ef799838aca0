package org.lamplight.sim;

import io.vertx.core.json.JsonObject;
import java.util.Random;
import java.util.UUID;

/**
 * The work ledger entries an auxiliary files from the village it is staying in: household visits
 * mostly (a few households a round), now and then a safety talk, a dispute mediated or a hazard
 * found. Each carries its own client id, so a resend counts once.
 */
final class WorkLog {

  /** Kinds and their shares of all entries, adding up to 1. */
  private static final String[] KINDS = {"household_visit", "safety_talk", "dispute_mediated", "fire_hazard",
      "traffic_hazard", "security_hazard", "other"};
  private static final double[] SHARES = {0.72, 0.08, 0.06, 0.05, 0.05, 0.02, 0.02};

  private WorkLog() {
  }

  static String kind(Random random) {
    double u = random.nextDouble();
    for (int i = 0; i < KINDS.length; i++) {
      u -= SHARES[i];
      if (u < 0) {
        return KINDS[i];
      }
    }
    return KINDS[0];
  }

  /** How many: households visited on a round, people at a talk, one of anything else. */
  static int count(String kind, Random random) {
    return switch (kind) {
      case "household_visit" -> 1 + random.nextInt(5);
      case "safety_talk" -> 10 + random.nextInt(51);
      default -> 1;
    };
  }

  /** The {@code events} message of one entry made in {@code village} at a position and time. */
  static JsonObject entry(Random random, String village, double lat, double lon, long atMs) {
    String kind = kind(random);
    return new JsonObject().put("type", "ledger").put("kind", kind).put("village", village).put("lat", lat)
        .put("lon", lon).put("count", count(kind, random)).put("note", "simulated " + kind.replace('_', ' '))
        .put("clientId", new UUID(random.nextLong(), random.nextLong()).toString()).put("ts", atMs);
  }
}
