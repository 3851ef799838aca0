package org.lamplight.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.lamplight.domain.geo.GeoPoint;
import org.lamplight.domain.org.County;
import org.lamplight.domain.org.CountyGenerator;
import org.lamplight.domain.org.Person;
import org.lamplight.domain.road.RoadNetwork;
import org.lamplight.sim.SimDevice.Outgoing;
import org.lamplight.sim.SimDevice.State;

class SimDeviceTest {

  static final County COUNTY = new CountyGenerator(20240601).generate();
  static final RoadNetwork ROADS = RoadNetwork.of(COUNTY.roads());
  static final Person UNIT = COUNTY.people().get(0);
  static final long T0 = 1_700_000_000_000L;
  /** 1.2 km north of home: 100 s at 12 m/s. */
  static final GeoPoint INCIDENT = new GeoPoint(UNIT.home().lat() + 1200 / 111_195.0, UNIT.home().lon());

  private static SimDevice device(AnswerPolicy policy) {
    Random random = new Random(1);
    return new SimDevice(new Patrol(ROADS, UNIT.home(), 3000, Vehicle.EBIKE, random), policy, new PoissonArrivals(1.5),
        new PoissonArrivals(1), random, T0);
  }

  private static JsonObject order(String orderId, String action) {
    return new JsonObject().put("orderId", orderId).put("incidentId", "inc-" + orderId).put("action", action)
        .put("type", "fire").put("severity", 1).put("lat", INCIDENT.lat()).put("lon", INCIDENT.lon());
  }

  /** Every events message up to {@code untilMs}, polling at each planned moment as the simulator does. */
  private static List<JsonObject> events(SimDevice d, long untilMs) {
    List<JsonObject> out = new ArrayList<>();
    while (d.nextDueMs() <= untilMs) {
      d.poll(d.nextDueMs()).stream().filter(o -> o.channel().equals("events")).map(Outgoing::payload).forEach(out::add);
    }
    return out;
  }

  private static GeoPoint at(SimDevice d, long nowMs) {
    JsonObject p = d.position(nowMs);
    return new GeoPoint(p.getDouble("lat"), p.getDouble("lon"));
  }

  @Test
  void anAcceptedOfferIsDrivenToAndClearedThenThePatrolGoesOn() {
    SimDevice d = device(new AnswerPolicy(1, 0, 1000, 1000));
    assertThat(d.onOrder(order("o1", "offer"), T0)).isFalse();
    assertThat(d.poll(T0 + 999)).isEmpty();

    List<Outgoing> accepted = d.poll(T0 + 1000);
    assertThat(accepted).containsExactly(new Outgoing("events", new JsonObject().put("orderId", "o1").put("action", "accept")));
    assertThat(d.state()).isEqualTo(State.RESPONDING);

    JsonObject driving = d.position(T0 + 30_000);
    assertThat(driving.getDouble("spd")).isEqualTo(12.0);
    assertThat(driving.getLong("hdg")).isIn(359L, 0L, 1L);

    List<String> rest = new ArrayList<>();
    long clearedAt = 0;
    while (clearedAt == 0) {
      long due = d.nextDueMs();
      for (Outgoing o : d.poll(due)) {
        rest.add(o.payload().getString("action", "duty " + o.payload().getString("duty")));
        clearedAt = rest.contains("clear") ? due : 0;
      }
    }
    assertThat(rest).containsExactly("enroute", "onscene", "clear");
    assertThat(d.state()).isEqualTo(State.PATROL);
    assertThat(d.position(clearedAt + 1000).getDouble("spd")).as("driving back").isEqualTo(12.0);
  }

  @Test
  void itIsOnSceneExactlyWhenItArrives() {
    SimDevice d = device(new AnswerPolicy(1, 0, 1000, 1000));
    d.onOrder(order("o1", "offer"), T0);
    List<JsonObject> all = new ArrayList<>();
    while (all.stream().noneMatch(e -> e.getString("action").equals("onscene"))) {
      long due = d.nextDueMs();
      d.poll(due).forEach(o -> all.add(o.payload()));
      if (d.state() == State.ON_SCENE) {
        assertThat(at(d, due).distanceTo(INCIDENT)).isLessThan(1.0);
        assertThat(d.position(due).getDouble("spd")).isZero();
      }
    }
  }

  @Test
  void aCancelStopsTheDriveAndNothingMoreIsSaid() {
    SimDevice d = device(new AnswerPolicy(1, 0, 1000, 1000));
    d.onOrder(order("o1", "offer"), T0);
    d.poll(T0 + 20_000);
    GeoPoint halfway = at(d, T0 + 20_000);
    d.onOrder(order("o1", "cancel"), T0 + 20_000);
    assertThat(d.state()).isEqualTo(State.PATROL);
    assertThat(events(d, T0 + 10 * 60_000)).isEmpty();
    assertThat(halfway.distanceTo(INCIDENT)).isGreaterThan(500);
  }

  @Test
  void aRepeatedOrderIsActedOnOnceAndASecondOfferWhileBusyIsDeclined() {
    SimDevice d = device(new AnswerPolicy(1, 0, 1000, 1000));
    d.onOrder(order("o1", "offer"), T0);
    d.onOrder(order("o1", "offer"), T0 + 10);
    d.onOrder(order("o2", "offer"), T0 + 20);
    List<JsonObject> said = events(d, T0 + 2000);
    assertThat(said).extracting(e -> e.getString("orderId") + " " + e.getString("action"))
        .containsExactly("o1 accept", "o2 decline");
    assertThat(said.get(1).getString("reason")).isEqualTo("busy with another incident");
  }

  @Test
  void declinesGiveAReasonAndSilenceSaysNothing() {
    SimDevice decliner = device(new AnswerPolicy(0, 0, 2000, 2000));
    decliner.onOrder(order("o1", "offer"), T0);
    List<JsonObject> said = events(decliner, T0 + 60_000);
    assertThat(said).hasSize(1);
    assertThat(said.get(0).getString("action")).isEqualTo("decline");
    assertThat(said.get(0).getString("reason")).isNotBlank();

    SimDevice silent = device(new AnswerPolicy(0, 1, 2000, 2000));
    silent.onOrder(order("o1", "offer"), T0);
    assertThat(events(silent, T0 + 60_000)).isEmpty();
  }

  @Test
  void locateAsksForAPositionAtOnce() {
    SimDevice d = device(new AnswerPolicy(1, 0, 0, 0));
    assertThat(d.onOrder(new JsonObject().put("orderId", "l1").put("incidentId", "i").put("action", "locate"), T0)).isTrue();
    assertThat(d.onOrder(new JsonObject().put("orderId", "u1").put("action", "update"), T0)).isFalse();
  }

  @Test
  void officersGoOffDutyNowAndThenAfterAShiftAndStandStillMeanwhile() {
    SimDevice d = device(new AnswerPolicy(1, 0, 0, 0));
    List<String> duty = new ArrayList<>();
    long firstChange = 0;
    while (d.nextDueMs() <= T0 + 12 * 3_600_000L) {
      long due = d.nextDueMs();
      for (Outgoing o : d.poll(due)) {
        assertThat(o.channel()).isEqualTo("status");
        duty.add(o.payload().getString("duty"));
        firstChange = firstChange == 0 ? due : firstChange;
      }
      if (d.state() == State.OFF_DUTY) {
        assertThat(d.position(due + 60_000).getDouble("spd")).isZero();
      }
    }
    assertThat(firstChange - T0).isGreaterThanOrEqualTo(SimDevice.MIN_SHIFT_MS);
    assertThat(duty).isNotEmpty().startsWith("off");
    for (int i = 1; i < duty.size(); i++) {
      assertThat(duty.get(i)).isNotEqualTo(duty.get(i - 1));
    }
  }

  @Test
  void positionsCarryEveryFieldOfTheNativeFormat() {
    SimDevice d = device(new AnswerPolicy(1, 0, 0, 0));
    JsonObject p = d.position(T0 + 60_000);
    assertThat(p.fieldNames()).containsExactlyInAnyOrder("lat", "lon", "ts", "acc", "spd", "hdg", "batt");
    assertThat(p.getLong("ts")).isEqualTo(T0 + 60_000);
    assertThat(new GeoPoint(p.getDouble("lat"), p.getDouble("lon")).distanceTo(UNIT.home())).isLessThan(3000);
    assertThat(p.getDouble("acc")).isBetween(3.0, 12.0);
    assertThat(p.getInteger("batt")).isBetween(5, 100);
    assertThat(p.getDouble("spd")).isCloseTo(5.0, within(1e-9));
  }
}
