package org.lamplight.sim;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import org.lamplight.domain.geo.GeoPoint;

/**
 * One simulated patrol device: where it is, whether it is on duty, and what its officer does
 * with orders. Time is passed in (epoch ms), so the whole behaviour can be driven without a clock.
 * Not thread-safe: the simulator touches each device from one thread.
 *
 * <p>An accepted offer runs: accept, {@code enroute} 1–3 s later while driving straight to the
 * incident at car speed, {@code onscene} on arrival, {@code clear} some minutes later, then back
 * to the road nearest home and on with the patrol. A {@code cancel} stops this at any point.
 */
final class SimDevice {

  /** What the device tells the server: a message for its {@code events} or {@code status} topic. */
  record Outgoing(String channel, JsonObject payload) {
  }

  enum State { PATROL, OFF_DUTY, RESPONDING, ON_SCENE }

  private enum Step { ACCEPT, DECLINE, ENROUTE, ONSCENE, CLEAR, DUTY, LEDGER }

  private record Planned(long atMs, long seq, Step step, String orderId, String reason) {
  }

  private record Job(String orderId, String incidentId, GeoPoint target) {
  }

  /** Nobody goes off duty within minutes of starting a shift. */
  static final long MIN_SHIFT_MS = 5 * 60_000;
  /** Away from the villages it looks after, a unit files its next ledger entry once back, looking again this often. */
  private static final long LEDGER_RETRY_MS = 5 * 60_000;
  private static final double BATTERY_DRAIN_PER_S = 10.0 / 3600;

  private final Random random;
  private final AnswerPolicy policy;
  private final Patrol patrol;
  private final PoissonArrivals dutyChanges;
  private final PoissonArrivals entries;
  private final PriorityQueue<Planned> agenda = new PriorityQueue<>(
      (a, b) -> a.atMs != b.atMs ? Long.compare(a.atMs, b.atMs) : Long.compare(a.seq, b.seq));
  private final Set<String> seenOrders = new HashSet<>();
  private long seq;
  private State state = State.PATROL;
  private Job job;
  private Leg response;
  private Motion motion;
  private long movedAtMs;
  private double battery;

  /**
   * @param dutyChanges how often the officer goes off or back on duty
   * @param entries how often, on duty, the officer files a ledger entry from the village stayed in
   * @param nowMs when the device starts, on duty at its home
   */
  SimDevice(Patrol patrol, AnswerPolicy policy, PoissonArrivals dutyChanges, PoissonArrivals entries, Random random,
            long nowMs) {
    this.patrol = patrol;
    this.policy = policy;
    this.dutyChanges = dutyChanges;
    this.entries = entries;
    this.random = random;
    this.motion = patrol.motion();
    this.movedAtMs = nowMs;
    this.battery = 60 + random.nextInt(41);
    plan(nowMs + MIN_SHIFT_MS + dutyChanges.nextGapMs(random), Step.DUTY, null, null);
    plan(nowMs + entries.nextGapMs(random), Step.LEDGER, null, null);
  }

  State state() {
    return state;
  }

  /** The position message for {@code nowMs}, in the native format of the device protocol. */
  JsonObject position(long nowMs) {
    move(nowMs);
    return new JsonObject().put("lat", round(motion.lat(), 1e6)).put("lon", round(motion.lon(), 1e6)).put("ts", nowMs)
        .put("acc", round(3 + random.nextDouble() * 9, 10)).put("spd", round(motion.speedMps(), 10))
        .put("hdg", Math.round(motion.headingDeg())).put("batt", (int) battery);
  }

  /** The status message that states the current duty. */
  JsonObject status() {
    return new JsonObject().put("duty", state == State.OFF_DUTY ? "off" : "on").put("batt", (int) battery);
  }

  /**
   * Takes an order from the server and plans the answer. Orders may arrive twice (QoS 1): each
   * order id and action is acted on once. Returns true when the order asks for a position now.
   */
  boolean onOrder(JsonObject order, long nowMs) {
    String orderId = order.getString("orderId");
    String action = order.getString("action");
    if (orderId == null || action == null || !seenOrders.add(orderId + "/" + action)) {
      return false;
    }
    switch (action) {
      case "offer" -> offered(orderId, order, nowMs);
      case "cancel" -> cancelled(orderId, order.getString("incidentId"), nowMs);
      case "locate" -> {
        return true;
      }
      default -> {
        // "update" only informs the officer
      }
    }
    return false;
  }

  /** When the next planned message is due, or {@link Long#MAX_VALUE} when nothing is planned. */
  long nextDueMs() {
    Planned next = agenda.peek();
    return next == null ? Long.MAX_VALUE : next.atMs;
  }

  /** Carries out everything planned up to {@code nowMs} and returns what the device says. */
  List<Outgoing> poll(long nowMs) {
    List<Outgoing> out = new ArrayList<>();
    while (!agenda.isEmpty() && agenda.peek().atMs <= nowMs) {
      Planned p = agenda.poll();
      move(p.atMs);
      carryOut(p, out);
    }
    move(nowMs);
    return out;
  }

  private void offered(String orderId, JsonObject offer, long nowMs) {
    if (job != null || state != State.PATROL) {
      String why = state == State.OFF_DUTY ? "off duty" : "busy with another incident";
      plan(nowMs + policy.humanDelayMs(random), Step.DECLINE, orderId, why);
      return;
    }
    AnswerPolicy.Answer answer = policy.answer(random);
    switch (answer.kind()) {
      case ACCEPT -> {
        job = new Job(orderId, offer.getString("incidentId"), new GeoPoint(offer.getDouble("lat"), offer.getDouble("lon")));
        plan(nowMs + answer.delayMs(), Step.ACCEPT, orderId, null);
      }
      case DECLINE -> plan(nowMs + answer.delayMs(), Step.DECLINE, orderId, answer.reason());
      case SILENT -> {
        // the officer never looks at the phone
      }
    }
  }

  private void cancelled(String orderId, String incidentId, long nowMs) {
    if (job == null || !(job.orderId.equals(orderId) || job.incidentId.equals(incidentId))) {
      return;
    }
    move(nowMs);
    job = null;
    if (state == State.RESPONDING || state == State.ON_SCENE) {
      backToPatrol();
    }
  }

  private void carryOut(Planned p, List<Outgoing> out) {
    if (p.step == Step.DUTY) {
      changeDuty(p, out);
      return;
    }
    if (p.step == Step.LEDGER) {
      fileEntry(p.atMs, out);
      return;
    }
    if (p.step == Step.DECLINE) {
      out.add(reply(p.orderId, "decline", p.reason));
      return;
    }
    if (job == null || !job.orderId.equals(p.orderId)) {
      return; // cancelled meanwhile
    }
    switch (p.step) {
      case ACCEPT -> {
        state = State.RESPONDING;
        response = new Leg(new GeoPoint(motion.lat(), motion.lon()), job.target, Vehicle.responseSpeed());
        motion = response.motion();
        long enrouteAt = p.atMs + 1000 + random.nextInt(2000);
        plan(enrouteAt, Step.ENROUTE, p.orderId, null);
        plan(Math.max(enrouteAt + 1, p.atMs + (long) Math.ceil(response.secondsLeft() * 1000)), Step.ONSCENE, p.orderId, null);
        out.add(reply(p.orderId, "accept", null));
      }
      case ENROUTE -> out.add(reply(p.orderId, "enroute", null));
      case ONSCENE -> {
        state = State.ON_SCENE;
        plan(p.atMs + 60_000 + random.nextInt(180_000), Step.CLEAR, p.orderId, null);
        out.add(reply(p.orderId, "onscene", null));
      }
      case CLEAR -> {
        job = null;
        backToPatrol();
        out.add(reply(p.orderId, "clear", null));
      }
      default -> throw new IllegalStateException("unexpected step " + p.step);
    }
  }

  private void changeDuty(Planned p, List<Outgoing> out) {
    if (state == State.PATROL && job == null) {
      state = State.OFF_DUTY;
      // breaks are about a quarter as long as shifts
      plan(p.atMs + dutyChanges.nextGapMs(random) / 4, Step.DUTY, null, null);
    } else if (state == State.OFF_DUTY) {
      state = State.PATROL;
      plan(p.atMs + MIN_SHIFT_MS + dutyChanges.nextGapMs(random), Step.DUTY, null, null);
    } else {
      plan(p.atMs + 60_000, Step.DUTY, null, null); // busy: go off duty once the job is done
      return;
    }
    out.add(new Outgoing("status", status()));
  }

  /** An entry from the village the unit is staying in; on the way or on the roads, a little later. */
  private void fileEntry(long atMs, List<Outgoing> out) {
    Patrol.Stop stop = state == State.PATROL ? patrol.stop() : null;
    if (stop == null) {
      plan(atMs + LEDGER_RETRY_MS, Step.LEDGER, null, null);
      return;
    }
    out.add(new Outgoing("events", WorkLog.entry(random, stop.village(), round(motion.lat(), 1e6),
        round(motion.lon(), 1e6), atMs)));
    plan(atMs + entries.nextGapMs(random), Step.LEDGER, null, null);
  }

  private void backToPatrol() {
    state = State.PATROL;
    patrol.rejoin(new GeoPoint(motion.lat(), motion.lon()), Vehicle.responseSpeed());
    motion = patrol.motion();
  }

  private void move(long nowMs) {
    double seconds = (nowMs - movedAtMs) / 1000.0;
    if (seconds <= 0) {
      return;
    }
    movedAtMs = nowMs;
    battery = Math.max(5, battery - seconds * BATTERY_DRAIN_PER_S);
    switch (state) {
      case PATROL -> motion = patrol.advance(seconds);
      case RESPONDING -> {
        response.advance(seconds);
        motion = response.motion();
      }
      default -> motion = new Motion(motion.lat(), motion.lon(), 0, motion.headingDeg());
    }
  }

  private void plan(long atMs, Step step, String orderId, String reason) {
    agenda.add(new Planned(atMs, seq++, step, orderId, reason));
  }

  private static Outgoing reply(String orderId, String action, String reason) {
    JsonObject reply = new JsonObject().put("orderId", orderId).put("action", action);
    return new Outgoing("events", reason == null ? reply : reply.put("reason", reason));
  }

  private static double round(double v, double scale) {
    return Math.round(v * scale) / scale;
  }
}
