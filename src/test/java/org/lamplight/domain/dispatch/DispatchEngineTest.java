package org.lamplight.domain.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.lamplight.domain.dispatch.FakeUnitDirectory.ORIGIN;
import static org.lamplight.domain.dispatch.FakeUnitDirectory.latNorth;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lamplight.domain.alert.AlertLevel;
import org.lamplight.domain.geo.GeoPoint;
import org.lamplight.domain.tracking.OrderChannel;
import org.lamplight.domain.dispatch.DispatchEvent.AddNote;
import org.lamplight.domain.dispatch.DispatchEvent.AnswerForUnit;
import org.lamplight.domain.dispatch.DispatchEvent.Cancel;
import org.lamplight.domain.dispatch.DispatchEvent.Close;
import org.lamplight.domain.dispatch.DispatchEvent.Create;
import org.lamplight.domain.dispatch.DispatchEvent.DeviceReport;
import org.lamplight.domain.dispatch.DispatchEvent.Escalate;
import org.lamplight.domain.dispatch.DispatchEvent.Edit;
import org.lamplight.domain.dispatch.DispatchEvent.EscalationDue;
import org.lamplight.domain.dispatch.DispatchEvent.ManualAssign;
import org.lamplight.domain.dispatch.DispatchEvent.OfferExpired;
import org.lamplight.domain.dispatch.DispatchEvent.OrderReply;
import org.lamplight.domain.dispatch.DispatchEvent.Release;
import org.lamplight.domain.dispatch.DispatchEvent.ReminderDue;
import org.lamplight.domain.dispatch.DispatchEvent.Resolve;
import org.lamplight.domain.dispatch.DispatchEvent.Retry;
import org.lamplight.domain.dispatch.DispatchEvent.UnitOffline;
import org.lamplight.domain.dispatch.DispatchEvent.UnitOnline;
import org.lamplight.domain.dispatch.DispatchException.Code;
import org.lamplight.domain.dispatch.Effect.Alert;
import org.lamplight.domain.dispatch.Effect.ArmEscalation;
import org.lamplight.domain.dispatch.Effect.ArmReminder;
import org.lamplight.domain.dispatch.Effect.ArmTimer;
import org.lamplight.domain.dispatch.Effect.CancelTimer;
import org.lamplight.domain.dispatch.Effect.Notify;
import org.lamplight.domain.dispatch.Effect.ReleaseClaim;
import org.lamplight.domain.dispatch.Effect.RequestFix;
import org.lamplight.domain.dispatch.Effect.SendOrder;

/**
 * Incidents happen at {@link FakeUnitDirectory#ORIGIN}; auxiliaries stand 1, 2, 3 and 8 km north
 * of it, the community officer's office 500 m north.
 */
class DispatchEngineTest {

  private static final long T0 = 1_700_000_000_000L;
  private static final String FIRE_ID = "4e1f0c1a-0000-4000-8000-000000000001";
  private static final long CLEARED_REMINDER_MS = 600_000;

  /** Two units within 5 km; level 2 widens to 10 km; level 3 needs a third unit within 20 km. */
  private static final ResponsePlan FIRE = new ResponsePlan(IncidentType.FIRE, 3, 2, false, false,
      30_000, 5_000, 120_000, List.of(
          new EscalationLevel(0, 10_000, true, false, false, null),
          new EscalationLevel(1, 20_000, false, true, true, "119")));
  /** Two units within 5 km, accepted within 3 minutes, else level 2 (1 more minute), else level 3. */
  private static final ResponsePlan TIMED = new ResponsePlan(IncidentType.RESCUE, 3, 2, false, false,
      30_000, 60_000, 5_000, 600_000, 180_000, List.of(
          new EscalationLevel(0, 10_000, true, false, false, null, 60_000),
          new EscalationLevel(0, 20_000, false, true, false, null)));
  /** One auxiliary, and the covering officer is offered the incident too. */
  private static final ResponsePlan FIGHT = new ResponsePlan(IncidentType.SECURITY, 3, 1, false, true,
      30_000, 5_000, 120_000, List.of());

  private final FakeUnitDirectory units = new FakeUnitDirectory(T0);
  private final MapUnitClaims claims = new MapUnitClaims();
  private final AtomicInteger orderCount = new AtomicInteger();
  private final DispatchEngine engine = new DispatchEngine(
      ResponsePlans.defaults().overriddenBy(List.of(FIRE, FIGHT, TIMED)), units, claims,
      RankingSettings.defaults(), TravelTimeEstimator.STRAIGHT_LINE, CLEARED_REMINDER_MS,
      () -> "order-" + orderCount.incrementAndGet());

  private long now = T0;
  /** The incident as the verticle would have stored it. */
  private Incident stored;
  private final List<IncidentEvent> timeline = new ArrayList<>();

  @BeforeEach
  void placeUnits() {
    units.auxiliary("aux-1", 1_000);
    units.auxiliary("aux-2", 2_000);
    units.auxiliary("aux-3", 3_000);
    units.auxiliary("aux-4", 8_000);
    units.officer("off-01", "S01", 500);
  }

  @Test
  void createOffersTheNearestUnitsEachWithItsOwnOrderAndDeadline() {
    Decision created = createFire();

    assertThat(kinds(created)).containsExactly("created", "offer_sent", "offer_sent");
    assertThat(stored.status()).isEqualTo(IncidentStatus.DISPATCHING);
    assertThat(offeredUnits(created)).containsExactly("aux-1", "aux-2");
    assertThat(effects(created, SendOrder.class)).extracting(s -> s.order().orderId(), SendOrder::deviceId)
        .containsExactly(tuple("order-1", "dev-aux-1"),
            tuple("order-2", "dev-aux-2"));
    assertThat(effects(created, SendOrder.class)).allSatisfy(s -> {
      assertThat(s.order().expiresAtMs()).isEqualTo(T0 + 30_000);
      assertThat(s.order().type()).isEqualTo(IncidentType.FIRE);
    });
    assertThat(effects(created, ArmTimer.class)).containsExactly(
        new ArmTimer(FIRE_ID, "order-1", T0 + 30_000), new ArmTimer(FIRE_ID, "order-2", T0 + 30_000));
    assertThat(created.claimedUnits()).containsExactly("aux-1", "aux-2");
    assertThat(claims.holder("aux-1")).contains(FIRE_ID);
  }

  @Test
  void eachOfferCarriesHowFarItsUnitIsToTheDeviceTheAssignmentAndTheTimeline() {
    Decision created = createFire();

    Travel travel = assignmentOf("aux-1").travel();
    assertThat(travel.byRoad()).as("timed along the straight line here").isFalse();
    assertThat(travel.distanceM()).isCloseTo(1_000, within(2L));
    assertThat(travel.etaMs()).isCloseTo(Math.round(travel.distanceM() / RankingSettings.defaults().speedMps() * 1000),
        within(50L));
    assertThat(effects(created, SendOrder.class)).filteredOn(s -> s.unitId().equals("aux-1")).singleElement()
        .satisfies(s -> assertThat(s.order().travel()).isEqualTo(travel));
    assertThat(events(created, EventKind.OFFER_SENT).get(0).details()).containsEntry("eta_ms", travel.etaMs())
        .containsEntry("travel_m", travel.distanceM()).containsEntry("by_road", false);

    Decision accepted = reply("aux-1", ReplyAction.ACCEPT);
    assertThat(assignmentOf("aux-1").travel()).as("kept once accepted").isEqualTo(travel);
    assertThat(effects(accepted, SendOrder.class)).allSatisfy(s -> assertThat(s.order().travel()).isNull());
  }

  @Test
  void theIncidentIsAssignedOnceEnoughUnitsAccept() {
    createFire();

    Decision first = reply("aux-1", ReplyAction.ACCEPT);
    assertThat(stored.status()).as("one accepted, one offer pending").isEqualTo(IncidentStatus.DISPATCHING);
    assertThat(effects(first, CancelTimer.class)).containsExactly(new CancelTimer(FIRE_ID, "order-1"));

    reply("aux-2", ReplyAction.ACCEPT);
    assertThat(stored.status()).isEqualTo(IncidentStatus.ASSIGNED);
    assertThat(stored.committedAuxiliaries()).isEqualTo(2);
  }

  @Test
  void aDeclineReleasesTheUnitAndOffersTheNextNearest() {
    createFire();

    Decision declined = apply(new OrderReply(FIRE_ID, "order-1", "aux-1", ReplyAction.DECLINE, "at the hospital"));

    assertThat(kinds(declined)).containsExactly("declined", "offer_sent");
    assertThat(offeredUnits(declined)).containsExactly("aux-3");
    assertThat(effects(declined, ReleaseClaim.class)).containsExactly(new ReleaseClaim("aux-1", FIRE_ID));
    assertThat(effects(declined, CancelTimer.class)).containsExactly(new CancelTimer(FIRE_ID, "order-1"));
    assertThat(assignmentOf("aux-1").status()).isEqualTo(AssignmentStatus.DECLINED);
    assertThat(assignmentOf("aux-1").reason()).isEqualTo("at the hospital");
    assertThat(stored.triedUnitIds()).containsExactly("aux-1");
    assertThat(claims.holder("aux-1")).isEmpty();
  }

  @Test
  void aTimeoutWithdrawsTheOfferAndOffersTheNextNearest() {
    createFire();
    reply("aux-2", ReplyAction.ACCEPT);
    now = T0 + 30_000;

    Decision expired = apply(new OfferExpired(FIRE_ID, "order-1"));

    assertThat(kinds(expired)).containsExactly("timed_out", "offer_sent");
    assertThat(assignmentOf("aux-1").status()).isEqualTo(AssignmentStatus.TIMED_OUT);
    assertThat(sentOrders(expired, OrderAction.CANCEL)).containsExactly("aux-1");
    assertThat(offeredUnits(expired)).containsExactly("aux-3");
    assertThat(effects(expired, CancelTimer.class)).as("the timer has fired already").isEmpty();
    assertThat(effects(expired, ArmTimer.class)).containsExactly(new ArmTimer(FIRE_ID, "order-3", now + 30_000));

    Decision raced = apply(new OfferExpired(FIRE_ID, "order-2"));
    assertThat(raced.effects()).as("aux-2 accepted before its timer fired").isEmpty();
  }

  @Test
  void aReplyAfterTheDeadlineDoesNotResurrectTheOffer() {
    createFire();
    now = T0 + 30_000;

    assertRefused(replyEvent("aux-1", ReplyAction.ACCEPT), Code.OFFER_EXPIRED);

    apply(new OfferExpired(FIRE_ID, "order-1"));
    Incident afterTimeout = stored;
    assertRefused(replyEvent("aux-1", ReplyAction.ACCEPT), Code.OFFER_EXPIRED);
    assertRefused(replyEvent("aux-1", ReplyAction.DECLINE), Code.OFFER_EXPIRED);
    assertThat(stored).isSameAs(afterTimeout);
    assertThat(assignmentOf("aux-1").status()).isEqualTo(AssignmentStatus.TIMED_OUT);
  }

  @Test
  void aReplyDeliveredTwiceChangesNothingTheSecondTime() {
    createFire();
    reply("aux-1", ReplyAction.ACCEPT);
    Incident accepted = stored;

    Decision again = reply("aux-1", ReplyAction.ACCEPT);

    assertThat(again.effects()).isEmpty();
    assertThat(again.next()).isSameAs(accepted);
  }

  @Test
  void runningOutOfCandidatesEscalatesWithTheReasonAndAWiderRadius() {
    createFire();
    reply("aux-1", ReplyAction.DECLINE); // aux-3 is offered instead

    Decision declined = reply("aux-2", ReplyAction.DECLINE);

    assertThat(kinds(declined)).containsExactly("declined", "escalated", "officer_notified", "offer_sent");
    IncidentEvent escalated = events(declined, EventKind.ESCALATED).get(0);
    assertThat(escalated.details()).containsEntry("from_level", 1).containsEntry("to_level", 2)
        .containsEntry("reason", "declined").containsEntry("declined_units", 2).containsEntry("radius_m", 10_000L)
        .containsEntry("required_units", 2);
    assertThat(offeredUnits(declined)).as("8 km away, inside the level-2 radius").containsExactly("aux-4");
    assertThat(effects(declined, Notify.class))
        .containsExactly(new Notify(FIRE_ID, new NotifiedParty(NotifyTarget.OFFICER, "off-01")));
    assertThat(effects(declined, Alert.class)).extracting(Alert::level, Alert::code)
        .containsExactly(tuple(AlertLevel.WARNING, AlertCode.ESCALATED), tuple(AlertLevel.INFO, AlertCode.OFFICER_NOTIFIED));
    assertThat(effects(declined, Alert.class).get(0).params()).containsEntry("toLevel", 2)
        .containsEntry("reason", "declined");
    assertThat(stored.level()).isEqualTo(2);
    assertThat(stored.shortfall()).isEqualTo(ShortfallReason.DECLINED);
    assertThat(stored.status()).isEqualTo(IncidentStatus.DISPATCHING);

    reply("aux-3", ReplyAction.ACCEPT);
    assertThat(stored.shortfall()).as("one of two: still short").isEqualTo(ShortfallReason.DECLINED);
    reply("aux-4", ReplyAction.ACCEPT);
    assertThat(stored.shortfall()).as("every unit the level needs accepted").isNull();
    assertThat(stored.status()).isEqualTo(IncidentStatus.ASSIGNED);
  }

  @Test
  void theShortfallNamesTheUnitsOnDutyThatWerePassedOverNotTheManyOfflineOnesNearby() {
    for (int i = 0; i < 70; i++) {
      units.put(FakeUnitDirectory.withOnline(units.auxiliary("aux-gone-" + i, 100 + i), false));
    }
    claims.tryClaim("aux-2", "other-incident");
    claims.tryClaim("aux-3", "other-incident");

    Decision created = createFire();

    assertThat(offeredUnits(created)).as("the 70 offline units nearest do not hide aux-1")
        .containsExactly("aux-1", "aux-4");
    IncidentEvent escalated = events(created, EventKind.ESCALATED).get(0);
    assertThat(escalated.details()).containsEntry("reason", "all_busy").containsEntry("busy_units", 2)
        .containsEntry("offline_units", 64);
  }

  @Test
  void atTheLastLevelTheIncidentStaysShortAndCountyCommandIsAlertedOnce() {
    units.remove("aux-3");
    units.remove("aux-4");
    claims.tryClaim("aux-2", "other-incident");

    Decision created = createFire();

    assertThat(kinds(created)).containsExactly("created", "offer_sent",
        "escalated", "officer_notified",
        "escalated", "station_notified", "county_notified", "external_notified",
        "shortfall");
    assertThat(stored.level()).isEqualTo(3);
    assertThat(stored.shortfall()).isEqualTo(ShortfallReason.ALL_BUSY);
    assertThat(stored.levelsExhausted()).isTrue();
    assertThat(stored.status()).isEqualTo(IncidentStatus.DISPATCHING);
    assertThat(stored.notified()).containsExactly(new NotifiedParty(NotifyTarget.OFFICER, "off-01"),
        new NotifiedParty(NotifyTarget.STATION, "S01"),
        new NotifiedParty(NotifyTarget.COUNTY, NotifiedParty.COUNTY_ID),
        new NotifiedParty(NotifyTarget.EXTERNAL, "119"));
    assertThat(effects(created, Alert.class)).filteredOn(a -> a.level() == AlertLevel.CRITICAL)
        .extracting(Alert::kind).containsExactly(AlertKind.COUNTY, AlertKind.SHORTFALL);
    assertThat(events(created, EventKind.SHORTFALL).get(0).details())
        .containsEntry("reason", "all_busy").containsEntry("missing_units", 2);

    Decision retried = apply(new Retry(FIRE_ID));
    assertThat(retried.effects()).as("still short, county command knows").isEmpty();
    assertRefused(new Escalate(FIRE_ID, "dispatcher-li"), Code.MAX_LEVEL);

    claims.release("aux-2", "other-incident");
    units.auxiliary("aux-9", 15_000);
    Decision freed = apply(new Retry(FIRE_ID));
    assertThat(offeredUnits(freed)).containsExactly("aux-2", "aux-9");
    assertThat(stored.levelsExhausted()).isFalse();
  }

  @Test
  void aUnitGoingOfflineWhileOfferedIsReplacedAndReported() {
    createFire();

    Decision offline = apply(new UnitOffline(FIRE_ID, "aux-1", false, false));

    assertThat(kinds(offline)).containsExactly("unit_offline", "offer_sent");
    assertThat(assignmentOf("aux-1").status()).isEqualTo(AssignmentStatus.DECLINED);
    assertThat(assignmentOf("aux-1").reason()).isEqualTo("offline");
    assertThat(offeredUnits(offline)).containsExactly("aux-3");
    assertThat(sentOrders(offline, OrderAction.CANCEL)).containsExactly("aux-1");
    assertThat(effects(offline, CancelTimer.class)).containsExactly(new CancelTimer(FIRE_ID, "order-1"));
    assertThat(effects(offline, ReleaseClaim.class)).containsExactly(new ReleaseClaim("aux-1", FIRE_ID));
    assertThat(effects(offline, Alert.class)).singleElement().satisfies(alert -> {
      assertThat(alert.code()).isEqualTo(AlertCode.UNIT_OFFLINE_OFFERED);
      assertThat(alert.unitId()).isEqualTo("aux-1");
    });
  }

  @Test
  void aUnitGoingOfflineAfterAcceptingStaysOnTheIncidentMarkedUnreachableWithOneAlert() {
    createFire();
    reply("aux-1", ReplyAction.ACCEPT);
    reply("aux-2", ReplyAction.ACCEPT);
    reply("aux-2", ReplyAction.ENROUTE);

    Decision offline = apply(new UnitOffline(FIRE_ID, "aux-2", false, false));

    assertThat(kinds(offline)).containsExactly("unit_unreachable");
    assertThat(events(offline, EventKind.UNIT_UNREACHABLE).get(0).details()).containsEntry("was", "enroute");
    assertThat(assignmentOf("aux-2").status()).isEqualTo(AssignmentStatus.ENROUTE);
    assertThat(assignmentOf("aux-2").unreachable()).isTrue();
    assertThat(offeredUnits(offline)).as("nobody replaces it").isEmpty();
    assertThat(effects(offline, ReleaseClaim.class)).isEmpty();
    assertThat(claims.holder("aux-2")).contains(FIRE_ID);
    assertThat(effects(offline, Alert.class)).singleElement().satisfies(alert -> {
      assertThat(alert.code()).isEqualTo(AlertCode.UNIT_OFFLINE_ASSIGNED);
      assertThat(alert.params()).containsEntry("unitId", "aux-2").containsEntry("was", "enroute");
    });
    assertThat(stored.status()).isEqualTo(IncidentStatus.ASSIGNED);
    assertThat(stored.level()).isEqualTo(1);

    assertThat(apply(new UnitOffline(FIRE_ID, "aux-2", false, false)).effects()).as("one alert per loss").isEmpty();

    Decision back = apply(new UnitOnline(FIRE_ID, "aux-2", true));
    assertThat(kinds(back)).containsExactly("unit_reachable");
    assertThat(assignmentOf("aux-2").unreachable()).isFalse();
    assertThat(apply(new UnitOnline(FIRE_ID, "aux-1", true)).effects()).as("it was never unreachable").isEmpty();

    reply("aux-2", ReplyAction.ONSCENE);
    assertThat(stored.status()).isEqualTo(IncidentStatus.ON_SCENE);
  }

  @Test
  void inAMassDisconnectionOffersWaitForTheirTimeoutAndAssignedUnitsAreMarkedWithoutAlerts() {
    createFire();
    reply("aux-1", ReplyAction.ACCEPT);

    Decision offeredGone = apply(new UnitOffline(FIRE_ID, "aux-2", true, false));
    assertThat(offeredGone.effects()).as("the offer waits for its timeout").isEmpty();
    assertThat(assignmentOf("aux-2").status()).isEqualTo(AssignmentStatus.OFFERED);

    Decision assignedGone = apply(new UnitOffline(FIRE_ID, "aux-1", true, false));
    assertThat(kinds(assignedGone)).containsExactly("unit_unreachable");
    assertThat(events(assignedGone, EventKind.UNIT_UNREACHABLE).get(0).details()).containsEntry("mass_disconnect", true);
    assertThat(effects(assignedGone, Alert.class)).as("the grouped alert says it").isEmpty();
    assertThat(stored.level()).isEqualTo(1);
  }

  @Test
  void aUnitLeftWithOnlyAPositionsOnlyDeviceIsTreatedAsUnreachableUntilOrdersReachItAgain() {
    createFire();
    reply("aux-1", ReplyAction.ACCEPT);

    Decision offerLost = apply(new UnitOffline(FIRE_ID, "aux-2", false, true));
    assertThat(assignmentOf("aux-2").status()).as("the offer it cannot see moves on").isEqualTo(AssignmentStatus.DECLINED);
    assertThat(offeredUnits(offerLost)).containsExactly("aux-3");
    assertThat(effects(offerLost, Alert.class)).singleElement()
        .satisfies(a -> assertThat(a.params()).containsEntry("tracked", true));

    Decision assignedLost = apply(new UnitOffline(FIRE_ID, "aux-1", false, true));
    assertThat(kinds(assignedLost)).containsExactly("unit_unreachable");
    assertThat(events(assignedLost, EventKind.UNIT_UNREACHABLE).get(0).details()).containsEntry("tracked", true);
    assertThat(effects(assignedLost, Alert.class)).singleElement().satisfies(a -> {
      assertThat(a.code()).isEqualTo(AlertCode.UNIT_OFFLINE_ASSIGNED);
      assertThat(a.params()).containsEntry("tracked", true);
    });

    assertThat(apply(new UnitOnline(FIRE_ID, "aux-1", false)).effects()).as("its positions alone tell it nothing").isEmpty();
    assertThat(assignmentOf("aux-1").unreachable()).isTrue();
    assertThat(kinds(apply(new UnitOnline(FIRE_ID, "aux-1", true)))).containsExactly("unit_reachable");
  }

  @Test
  void aPhonedUnitWhosePositionsStillComeInLosesNothingWhenItsOtherDeviceGoes() {
    for (String unit : List.of("aux-1", "aux-2", "aux-3")) {
      units.change(unit, u -> FakeUnitDirectory.withChannel(u, OrderChannel.NONE));
    }
    createFire();
    apply(new AnswerForUnit(FIRE_ID, "aux-1", ReplyAction.ACCEPT, null, "dispatcher-li"));

    assertThat(apply(new UnitOffline(FIRE_ID, "aux-1", false, true)).effects()).isEmpty();
    assertThat(assignmentOf("aux-1").unreachable()).isFalse();

    apply(new UnitOffline(FIRE_ID, "aux-1", false, false));
    assertThat(assignmentOf("aux-1").unreachable()).as("no positions either").isTrue();
    assertThat(kinds(apply(new UnitOnline(FIRE_ID, "aux-1", false)))).as("the dispatcher can phone it again")
        .containsExactly("unit_reachable");
  }

  @Test
  void aUnitWhoseDevicesCannotShowAnOfferIsPassedOverForOneThatCanAndPhonedWhenNobodyElseIsLeft() {
    units.change("aux-1", u -> FakeUnitDirectory.withChannel(u, OrderChannel.NONE));
    units.change("aux-3", u -> FakeUnitDirectory.withChannel(u, OrderChannel.LOCATE));

    Decision created = createFire();

    assertThat(offeredUnits(created)).as("only aux-2 sees the offer").containsExactly("aux-2");
    assertThat(assignmentOf("aux-1").status()).as("the nearest unreachable unit is phoned")
        .isEqualTo(AssignmentStatus.OFFERED);
    assertThat(assignmentOf("aux-1").byPhone()).isTrue();
    assertThat(assignmentOf("aux-1").expiresAtMs()).as("the plan's phone timeout").isEqualTo(T0 + 60_000);
    assertThat(stored.assignments()).extracting(Assignment::unitId).doesNotContain("aux-3");
    assertThat(effects(created, SendOrder.class)).extracting(SendOrder::unitId).doesNotContain("aux-1");
    assertThat(effects(created, ArmTimer.class)).contains(new ArmTimer(FIRE_ID, assignmentOf("aux-1").orderId(), T0 + 60_000));
    assertThat(events(created, EventKind.OFFER_SENT)).filteredOn(e -> e.unitId().equals("aux-1")).singleElement()
        .satisfies(e -> assertThat(e.details()).containsEntry("by_phone", true));
    assertThat(effects(created, Alert.class)).filteredOn(a -> a.code() == AlertCode.PHONE_TASK).singleElement()
        .satisfies(a -> {
          assertThat(a.unitId()).isEqualTo("aux-1");
          assertThat(a.params()).containsEntry("expiresAt", T0 + 60_000);
        });
  }

  @Test
  void aDispatcherAnswersForAPhonedUnitAndNoOrderGoesToItsDevices() {
    for (String unit : List.of("aux-1", "aux-2", "aux-3")) {
      units.change(unit, u -> FakeUnitDirectory.withChannel(u, OrderChannel.NONE));
    }
    createFire();
    String phoned = assignmentOf("aux-1").orderId();

    Decision accepted = apply(new AnswerForUnit(FIRE_ID, "aux-1", ReplyAction.ACCEPT, null, "dispatcher-li"));

    assertThat(kinds(accepted)).containsExactly("accepted");
    assertThat(accepted.events().get(0).actor()).isEqualTo("dispatcher-li");
    assertThat(accepted.events().get(0).details()).containsEntry("for_unit", true);
    assertThat(assignmentOf("aux-1").status()).isEqualTo(AssignmentStatus.ACCEPTED);
    assertThat(effects(accepted, SendOrder.class)).isEmpty();
    assertThat(effects(accepted, CancelTimer.class)).containsExactly(new CancelTimer(FIRE_ID, phoned));

    Decision onScene = apply(new AnswerForUnit(FIRE_ID, "aux-1", ReplyAction.ONSCENE, null, "dispatcher-li"));
    assertThat(kinds(onScene)).containsExactly("on_scene");
    assertThat(stored.status()).isEqualTo(IncidentStatus.ON_SCENE);
    assertRefused(new AnswerForUnit(FIRE_ID, "aux-1", ReplyAction.DECLINE, null, "dispatcher-li"), Code.INVALID_REPLY);
    assertRefused(new AnswerForUnit(FIRE_ID, "aux-3", ReplyAction.ACCEPT, null, "dispatcher-li"), Code.NOT_ASSIGNED);
  }

  @Test
  void aDispatchersAnswerForAUnitThatSeesOffersIsSentToItsDevice() {
    createFire();

    Decision declined = apply(new AnswerForUnit(FIRE_ID, "aux-1", ReplyAction.DECLINE, "called in sick", "dispatcher-li"));

    assertThat(kinds(declined)).containsExactly("declined", "offer_sent");
    assertThat(sentOrders(declined, OrderAction.CANCEL)).containsExactly("aux-1");
    assertThat(assignmentOf("aux-1").reason()).isEqualTo("called in sick");
    assertThat(offeredUnits(declined)).containsExactly("aux-3");
  }

  @Test
  void anIncidentWhoseUnitsHaveNotAcceptedInThePlansTimeEscalatesAndTheNextLevelsClockStarts() {
    Decision created = apply(timedRescue());
    assertThat(stored.escalateAtMs()).isEqualTo(T0 + 180_000);
    assertThat(effects(created, ArmEscalation.class)).containsExactly(new ArmEscalation(FIRE_ID, 1, T0 + 180_000));
    reply("aux-1", ReplyAction.ACCEPT);
    assertThat(stored.escalateAtMs()).as("one of two accepted: still short").isEqualTo(T0 + 180_000);

    now = T0 + 179_999;
    assertThat(apply(new EscalationDue(FIRE_ID, 1)).effects()).as("not yet").isEmpty();
    now = T0 + 180_000;
    Decision due = apply(new EscalationDue(FIRE_ID, 1));

    assertThat(kinds(due)).startsWith("escalated", "officer_notified");
    assertThat(events(due, EventKind.ESCALATED).get(0).details()).containsEntry("reason", "no_acceptance")
        .containsEntry("after_ms", 180_000L).containsEntry("to_level", 2);
    assertThat(stored.level()).isEqualTo(2);
    assertThat(stored.shortfall()).isEqualTo(ShortfallReason.NO_ACCEPTANCE);
    assertThat(assignmentOf("aux-2").status()).as("the pending offer keeps running").isEqualTo(AssignmentStatus.OFFERED);
    assertThat(stored.escalateAtMs()).isEqualTo(now + 60_000);
    assertThat(effects(due, ArmEscalation.class)).containsExactly(new ArmEscalation(FIRE_ID, 2, now + 60_000));
    assertThat(apply(new EscalationDue(FIRE_ID, 1)).effects()).as("a stale timer of level 1").isEmpty();

    now += 60_000;
    apply(new EscalationDue(FIRE_ID, 2));
    assertThat(stored.level()).isEqualTo(3);
    assertThat(stored.escalateAtMs()).as("the last level has nowhere to go").isZero();
  }

  @Test
  void theEscalationDeadlineEndsOnceTheUnitsHaveAcceptedAndStartsAgainWhenOneDropsOut() {
    apply(timedRescue());
    reply("aux-1", ReplyAction.ACCEPT);
    now = T0 + 20_000;
    reply("aux-2", ReplyAction.ACCEPT);
    assertThat(stored.escalateAtMs()).isZero();
    now = T0 + 180_000;
    assertThat(apply(new EscalationDue(FIRE_ID, 1)).effects()).isEmpty();
    assertThat(stored.level()).isEqualTo(1);

    Decision released = apply(new Release(FIRE_ID, "aux-2", "dispatcher-li"));
    assertThat(stored.escalateAtMs()).isEqualTo(now + 180_000);
    assertThat(effects(released, ArmEscalation.class)).containsExactly(new ArmEscalation(FIRE_ID, 1, now + 180_000));
  }

  @Test
  void aCorrectionToAPlanThatDoesNotEscalateInTimeEndsTheRunningDeadline() {
    // other/2 (built in) escalates after 3 minutes short of units; other/1 has no level to escalate to
    apply(new Create(FIRE_ID, IncidentType.OTHER, 2, ORIGIN.lat(), ORIGIN.lon(), "stray cattle",
        IncidentSource.CONSOLE, "dispatcher-li", Caller.NONE));
    assertThat(stored.escalateAtMs()).isEqualTo(T0 + 180_000);

    apply(new Edit(FIRE_ID, "dispatcher-li", new IncidentEdit(Optional.empty(), Optional.of(1),
        Optional.empty(), Optional.empty())));

    assertThat(stored.escalateAtMs()).isZero();
    now = T0 + 180_000;
    assertThat(apply(new EscalationDue(FIRE_ID, 1)).effects()).as("the timer armed for other/2").isEmpty();
    assertThat(stored.level()).isEqualTo(1);
  }

  @Test
  void aDeadlineSetBeforeItsPlanWasReconfiguredWithoutLevelsEndsWithoutEscalating() {
    apply(timedRescue());
    ResponsePlan untimed = new ResponsePlan(IncidentType.RESCUE, 3, 2, false, false, 30_000, 5_000, 600_000,
        List.of());
    DispatchEngine reconfigured = new DispatchEngine(ResponsePlans.defaults().overriddenBy(List.of(FIRE, untimed)),
        units, claims, RankingSettings.defaults(), TravelTimeEstimator.STRAIGHT_LINE, CLEARED_REMINDER_MS);
    now = T0 + 180_000;

    Decision due = reconfigured.apply(stored, new EscalationDue(FIRE_ID, 1), now);

    assertThat(kinds(due)).doesNotContain("escalated");
    assertThat(due.next().level()).isEqualTo(1);
  }

  @Test
  void aStaleUnitIsAskedForAFixAndSkippedUntilItComesIn() {
    units.remove("aux-3");
    units.remove("aux-4");
    units.change("aux-1", u -> FakeUnitDirectory.withFixAt(u, T0 - 10 * 60_000));

    Decision created = createFire();

    assertThat(offeredUnits(created)).containsExactly("aux-2");
    assertThat(effects(created, RequestFix.class)).as("once, although every level saw it")
        .containsExactly(new RequestFix(FIRE_ID, "aux-1", "dev-aux-1"));
    assertThat(stored.shortfall()).isEqualTo(ShortfallReason.STALE_LOCATIONS);

    now = T0 + 5_000;
    units.change("aux-1", u -> FakeUnitDirectory.withFixAt(u, now));
    Decision retried = apply(new Retry(FIRE_ID));

    assertThat(offeredUnits(retried)).containsExactly("aux-1");
    assertThat(effects(retried, RequestFix.class)).isEmpty();
  }

  @Test
  void aDeviceReportAssignsTheReporterAtOnce() {
    Decision reported = apply(new DeviceReport(FIRE_ID, "aux-2", IncidentType.FIRE, 3,
        latNorth(1_900), ORIGIN.lon(), "smoke behind the school"));

    assertThat(kinds(reported)).containsExactly("created", "accepted", "offer_sent");
    assertThat(stored.source()).isEqualTo(IncidentSource.DEVICE);
    assertThat(stored.reportedBy()).isEqualTo("aux-2");
    assertThat(events(reported, EventKind.CREATED).get(0).details()).containsEntry("reporter_assigned", true);
    assertThat(assignmentOf("aux-2").status()).isEqualTo(AssignmentStatus.ACCEPTED);
    assertThat(sentOrders(reported, OrderAction.UPDATE)).containsExactly("aux-2");
    assertThat(offeredUnits(reported)).as("the second unit is the nearest other").containsExactly("aux-1");
    assertThat(reported.claimedUnits()).containsExactly("aux-2", "aux-1");
    assertThat(stored.status()).isEqualTo(IncidentStatus.DISPATCHING);

    reply("aux-1", ReplyAction.ACCEPT);
    assertThat(stored.status()).isEqualTo(IncidentStatus.ASSIGNED);
  }

  @Test
  void aReportSentAgainForAnIncidentThatHoldsItsReporterLeavesThatClaimOutOfTheDecision() {
    // another node drives the incident the report opened; its resent copy is judged here as new
    claims.tryClaim("aux-2", FIRE_ID);

    Decision again = engine.apply(null, new DeviceReport(FIRE_ID, "aux-2", IncidentType.FIRE, 3,
        latNorth(1_900), ORIGIN.lon(), "smoke behind the school"), now);

    assertThat(again.claimedUnits()).as("a failed save releases only what this decision took")
        .containsExactly("aux-1");
  }

  @Test
  void aBusyReporterStillGetsItsIncidentDispatched() {
    claims.tryClaim("aux-2", "other-incident");

    Decision reported = apply(new DeviceReport(FIRE_ID, "aux-2", IncidentType.FIRE, 3,
        latNorth(1_900), ORIGIN.lon(), "smoke behind the school"));

    assertThat(events(reported, EventKind.CREATED).get(0).details()).containsEntry("reporter_assigned", false);
    assertThat(offeredUnits(reported)).containsExactly("aux-1", "aux-3");
    assertThat(claims.holder("aux-2")).contains("other-incident");
  }

  @Test
  void aDispatcherCanAssignAUnitDirectly() {
    createFire();

    Decision assigned = apply(new ManualAssign(FIRE_ID, "aux-4", "dispatcher-li"));

    assertThat(kinds(assigned)).containsExactly("assigned_manually");
    assertThat(assigned.events().get(0).actor()).isEqualTo("dispatcher-li");
    assertThat(assignmentOf("aux-4").status()).isEqualTo(AssignmentStatus.ACCEPTED);
    assertThat(sentOrders(assigned, OrderAction.UPDATE)).containsExactly("aux-4");
    assertThat(claims.holder("aux-4")).contains(FIRE_ID);

    reply("aux-1", ReplyAction.ACCEPT);
    assertThat(stored.status()).isEqualTo(IncidentStatus.ASSIGNED);
  }

  @Test
  void anOfflineUnitAssignedByHandIsPhonedAndItsOrderWaitsForItsDevice() {
    createFire();
    units.change("aux-4", u -> FakeUnitDirectory.withOnline(u, false));

    Decision assigned = apply(new ManualAssign(FIRE_ID, "aux-4", "dispatcher-li"));

    assertThat(assignmentOf("aux-4").unreachable()).isTrue();
    assertThat(assignmentOf("aux-4").byPhone()).as("offline says nothing of what its devices show").isFalse();
    assertThat(sentOrders(assigned, OrderAction.UPDATE)).containsExactly("aux-4");
    assertThat(effects(assigned, Alert.class)).singleElement().satisfies(a -> {
      assertThat(a.code()).isEqualTo(AlertCode.PHONE_ASSIGNED);
      assertThat(a.unitId()).isEqualTo("aux-4");
    });

    units.change("aux-4", u -> FakeUnitDirectory.withOnline(u, true));
    assertThat(kinds(apply(new UnitOnline(FIRE_ID, "aux-4", true)))).containsExactly("unit_reachable");
    assertThat(assignmentOf("aux-4").unreachable()).isFalse();
  }

  @Test
  void aUnitWhoseDevicesCannotShowOrdersAssignedByHandIsPhoned() {
    createFire();
    units.change("aux-4", u -> FakeUnitDirectory.withChannel(u, OrderChannel.NONE));

    Decision assigned = apply(new ManualAssign(FIRE_ID, "aux-4", "dispatcher-li"));

    assertThat(assignmentOf("aux-4").byPhone()).isTrue();
    assertThat(assignmentOf("aux-4").unreachable()).isFalse();
    assertThat(effects(assigned, SendOrder.class)).isEmpty();
    assertThat(effects(assigned, Alert.class)).extracting(Alert::code, Alert::unitId)
        .containsExactly(tuple(AlertCode.PHONE_ASSIGNED, "aux-4"));
  }

  @Test
  void manualAssignmentIsRefusedForUnitsThatCannotTakeIt() {
    createFire();
    claims.tryClaim("aux-3", "other-incident");

    assertRefused(new ManualAssign(FIRE_ID, "aux-1", "dispatcher-li"), Code.ALREADY_ASSIGNED);
    assertRefused(new ManualAssign(FIRE_ID, "aux-404", "dispatcher-li"), Code.UNKNOWN_UNIT);
    assertRefused(new ManualAssign(FIRE_ID, "aux-3", "dispatcher-li"), Code.UNIT_BUSY);
    assertThat(claims.holder("aux-3")).contains("other-incident");
  }

  @Test
  void aReleasedUnitIsReplacedAndNotOfferedAgain() {
    createFire();
    reply("aux-1", ReplyAction.ACCEPT);

    Decision released = apply(new Release(FIRE_ID, "aux-1", "dispatcher-li"));

    assertThat(kinds(released)).containsExactly("released", "offer_sent");
    assertThat(assignmentOf("aux-1").status()).isEqualTo(AssignmentStatus.RELEASED);
    assertThat(sentOrders(released, OrderAction.CANCEL)).containsExactly("aux-1");
    assertThat(offeredUnits(released)).containsExactly("aux-3");
    assertThat(claims.holder("aux-1")).isEmpty();
    assertThat(apply(new Retry(FIRE_ID)).effects()).isEmpty();
    assertRefused(new Release(FIRE_ID, "aux-1", "dispatcher-li"), Code.NOT_ASSIGNED);
  }

  @Test
  void theIncidentIsOnSceneWhenTheFirstUnitArrives() {
    createFire();
    reply("aux-1", ReplyAction.ACCEPT);
    reply("aux-1", ReplyAction.ENROUTE);

    reply("aux-1", ReplyAction.ONSCENE);
    assertThat(stored.status()).isEqualTo(IncidentStatus.ON_SCENE);

    Decision cleared = reply("aux-1", ReplyAction.CLEAR);
    assertThat(stored.status()).as("aux-2 has not answered yet").isEqualTo(IncidentStatus.ON_SCENE);
    assertThat(assignmentOf("aux-1").status()).isEqualTo(AssignmentStatus.CLEARED);
    assertThat(effects(cleared, ReleaseClaim.class)).containsExactly(new ReleaseClaim("aux-1", FIRE_ID));
    assertThat(offeredUnits(cleared)).as("a cleared unit did its part").isEmpty();
  }

  @Test
  void anIncidentWhoseUnitsAllClearedAwaitsResolvingAndItsDispatcherIsRemindedOnce() {
    createFire();
    reply("aux-1", ReplyAction.ACCEPT);
    reply("aux-2", ReplyAction.ACCEPT);
    reply("aux-1", ReplyAction.CLEAR);
    now = T0 + 60_000;
    Decision allClear = reply("aux-2", ReplyAction.CLEAR);

    assertThat(stored.status()).isEqualTo(IncidentStatus.CLEARED);
    assertThat(stored.remindAtMs()).isEqualTo(now + CLEARED_REMINDER_MS);
    assertThat(effects(allClear, ArmReminder.class)).containsExactly(new ArmReminder(FIRE_ID, now + CLEARED_REMINDER_MS));
    assertThat(offeredUnits(allClear)).isEmpty();

    long clearedAt = now;
    now += CLEARED_REMINDER_MS;
    Decision reminded = apply(new ReminderDue(FIRE_ID));
    assertThat(kinds(reminded)).containsExactly("reminded");
    assertThat(effects(reminded, Alert.class)).singleElement().satisfies(a -> {
      assertThat(a.code()).isEqualTo(AlertCode.CLEARED_UNRESOLVED);
      assertThat(a.params()).containsEntry("clearedAt", clearedAt);
    });
    assertThat(apply(new ReminderDue(FIRE_ID)).effects()).as("once").isEmpty();
    assertThat(Recovery.of(List.of(stored), now).timers()).as("nothing left to re-arm").isEmpty();

    apply(new Resolve(FIRE_ID, "dispatcher-li", null));
    assertThat(stored.status()).isEqualTo(IncidentStatus.RESOLVED);
  }

  @Test
  void resolvingClearsItsUnitsWithdrawsPendingOffersAndReleasesEveryClaim() {
    createFire();
    reply("aux-1", ReplyAction.ACCEPT);

    Decision resolved = apply(new Resolve(FIRE_ID, "dispatcher-li", "put out by villagers"));

    assertThat(kinds(resolved)).containsExactly("resolved");
    assertThat(stored.status()).isEqualTo(IncidentStatus.RESOLVED);
    assertThat(assignmentOf("aux-1").status()).isEqualTo(AssignmentStatus.CLEARED);
    assertThat(stored.committedAuxiliaries()).as("who took part stays counted").isEqualTo(1);
    assertThat(assignmentOf("aux-2").status()).isEqualTo(AssignmentStatus.CANCELLED);
    assertThat(effects(resolved, CancelTimer.class)).containsExactly(new CancelTimer(FIRE_ID, "order-2"));
    assertThat(sentOrders(resolved, OrderAction.CANCEL)).containsExactlyInAnyOrder("aux-1", "aux-2");
    assertThat(effects(resolved, ReleaseClaim.class)).extracting(ReleaseClaim::unitId)
        .containsExactlyInAnyOrder("aux-1", "aux-2");
    assertThat(claims.holder("aux-1")).isEmpty();
    assertThat(claims.holder("aux-2")).isEmpty();

    apply(new Close(FIRE_ID, "dispatcher-li"));
    assertThat(stored.status()).isEqualTo(IncidentStatus.CLOSED);
  }

  @Test
  void cancellingWithdrawsEveryAssignmentAndReleasesEveryClaim() {
    createFire();
    reply("aux-1", ReplyAction.ACCEPT);

    Decision cancelled = apply(new Cancel(FIRE_ID, "dispatcher-li", "false alarm"));

    assertThat(kinds(cancelled)).containsExactly("cancelled");
    assertThat(cancelled.events().get(0).details()).containsEntry("reason", "false alarm");
    assertThat(stored.status()).isEqualTo(IncidentStatus.CANCELLED);
    assertThat(stored.assignments()).extracting(Assignment::status)
        .containsOnly(AssignmentStatus.CANCELLED);
    assertThat(sentOrders(cancelled, OrderAction.CANCEL)).containsExactlyInAnyOrder("aux-1", "aux-2");
    assertThat(claims.holder("aux-1")).isEmpty();
    assertThat(claims.holder("aux-2")).isEmpty();
    assertThat(apply(new Retry(FIRE_ID)).effects()).as("retries of ended incidents are ignored").isEmpty();
  }

  @Test
  void aCorrectionRecordsEachChangedFieldWithItsOldAndNewValueAndLeavesTheUnitsAlone() {
    createFire();
    reply("aux-1", ReplyAction.ACCEPT);
    Incident before = stored;
    GeoPoint moved = new GeoPoint(latNorth(300), ORIGIN.lon());

    Decision edited = apply(new Edit(FIRE_ID, "dispatcher-li", new IncidentEdit(Optional.of(IncidentType.FIRE),
        Optional.of(2), Optional.of(moved), Optional.of("the barn is burning"))));

    assertThat(edited.events()).extracting(e -> e.details().get("field"))
        .as("the type was fire already: no entry for it").containsExactly("severity", "place", "description");
    assertThat(edited.events()).extracting(IncidentEvent::kind, IncidentEvent::actor)
        .containsOnly(tuple(EventKind.EDITED, "dispatcher-li"));
    assertThat(edited.events().get(0).details()).containsEntry("from", 3).containsEntry("to", 2);
    assertThat(edited.events().get(1).details()).containsEntry("from_lat", ORIGIN.lat()).containsEntry("to_lat", moved.lat());
    assertThat(edited.events().get(2).details()).containsEntry("from", before.description())
        .containsEntry("to", "the barn is burning");
    assertThat(stored.severity()).isEqualTo(2);
    assertThat(stored.lat()).isEqualTo(moved.lat());
    assertThat(stored.description()).isEqualTo("the barn is burning");
    assertThat(stored.assignments()).isEqualTo(before.assignments());
    assertThat(edited.actions()).isEmpty();

    Decision same = apply(new Edit(FIRE_ID, "dispatcher-li", new IncidentEdit(Optional.of(IncidentType.FIRE),
        Optional.of(2), Optional.empty(), Optional.empty())));
    assertThat(same.events()).as("nothing changed, nothing recorded").isEmpty();
  }

  @Test
  void notesAndCorrectionsAreTakenUntilTheIncidentIsClosed() {
    createFire();
    Decision noted = apply(new AddNote(FIRE_ID, "dispatcher-li", "the caller phoned again"));
    assertThat(noted.events()).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(EventKind.NOTE_ADDED);
      assertThat(e.actor()).isEqualTo("dispatcher-li");
      assertThat(e.details()).containsEntry("text", "the caller phoned again");
    });

    apply(new Resolve(FIRE_ID, "dispatcher-li", null));
    assertThat(kinds(apply(new AddNote(FIRE_ID, "dispatcher-wang", "handed over at 08:00")))).containsExactly("note_added");
    assertThat(kinds(apply(new Edit(FIRE_ID, "dispatcher-wang", new IncidentEdit(Optional.of(IncidentType.OTHER),
        Optional.empty(), Optional.empty(), Optional.empty()))))).containsExactly("edited");

    apply(new Close(FIRE_ID, "dispatcher-li"));
    Incident closed = stored;
    assertRefused(new AddNote(FIRE_ID, "dispatcher-li", "too late"), Code.INCIDENT_CLOSED);
    assertRefused(new Edit(FIRE_ID, "dispatcher-li", new IncidentEdit(Optional.empty(), Optional.of(1),
        Optional.empty(), Optional.empty())), Code.INCIDENT_CLOSED);
    assertThat(stored).isSameAs(closed);
  }

  @Test
  void invalidCommandsAreRefusedWithStableCodesAndChangeNothing() {
    assertRefused(new Retry(FIRE_ID), Code.UNKNOWN_INCIDENT);
    assertRefused(new Create(FIRE_ID, IncidentType.FIRE, 4, ORIGIN.lat(), ORIGIN.lon(), "", IncidentSource.API,
        "api-client", Caller.NONE), Code.INVALID_REQUEST);
    assertRefused(new Create(FIRE_ID, IncidentType.FIRE, 3, 91, 0, "", IncidentSource.API, "api-client", Caller.NONE),
        Code.INVALID_REQUEST);
    assertRefused(new DeviceReport(FIRE_ID, "aux-404", IncidentType.FIRE, 3, ORIGIN.lat(), ORIGIN.lon(), ""),
        Code.UNKNOWN_UNIT);

    createFire();
    Incident created = stored;
    assertRefused(createEvent(), Code.DUPLICATE_INCIDENT);
    assertRefused(new OrderReply(FIRE_ID, "order-404", "aux-1", ReplyAction.ACCEPT, null), Code.UNKNOWN_ORDER);
    assertRefused(new OrderReply(FIRE_ID, "order-1", "aux-2", ReplyAction.ACCEPT, null), Code.UNKNOWN_ORDER);
    assertRefused(new OfferExpired(FIRE_ID, "order-404"), Code.UNKNOWN_ORDER);
    assertRefused(replyEvent("aux-1", ReplyAction.ENROUTE), Code.INVALID_REPLY);
    assertRefused(new Release(FIRE_ID, "aux-3", "dispatcher-li"), Code.NOT_ASSIGNED);
    assertRefused(new UnitOffline(FIRE_ID, "aux-3", false, false), Code.NOT_ASSIGNED);
    assertRefused(new Close(FIRE_ID, "dispatcher-li"), Code.INVALID_STATE);
    assertThat(stored).isSameAs(created);
    assertThat(claims.holder("aux-1")).contains(FIRE_ID);

    reply("aux-1", ReplyAction.ACCEPT);
    assertRefused(replyEvent("aux-1", ReplyAction.DECLINE), Code.INVALID_REPLY);
    reply("aux-2", ReplyAction.DECLINE);
    assertRefused(replyEvent("aux-2", ReplyAction.ACCEPT), Code.ORDER_CLOSED);

    apply(new Cancel(FIRE_ID, "dispatcher-li", "false alarm"));
    assertRefused(new Resolve(FIRE_ID, "dispatcher-li", null), Code.INVALID_STATE);
    assertRefused(new Cancel(FIRE_ID, "dispatcher-li", null), Code.INVALID_STATE);
    assertRefused(new Escalate(FIRE_ID, "dispatcher-li"), Code.INVALID_STATE);
    assertRefused(new ManualAssign(FIRE_ID, "aux-4", "dispatcher-li"), Code.INVALID_STATE);
    assertThat(claims.holder("aux-4")).isEmpty();
  }

  @Test
  void aDispatcherCanEscalateByHand() {
    createFire();

    Decision escalated = apply(new Escalate(FIRE_ID, "dispatcher-li"));

    assertThat(kinds(escalated)).containsExactly("escalated", "officer_notified");
    assertThat(escalated.events().get(0).actor()).isEqualTo("dispatcher-li");
    assertThat(escalated.events().get(0).details()).doesNotContainKey("reason");
    assertThat(stored.level()).isEqualTo(2);
    assertThat(stored.shortfall()).isNull();
  }

  @Test
  void aTransferredCallKeepsItsCallerAndWhereItCameFrom() {
    apply(new Create(FIRE_ID, IncidentType.FIRE, 1, ORIGIN.lat(), ORIGIN.lon(), "haystack burning",
        IncidentSource.TRANSFER_119, "dispatcher-li", new Caller(" 王先生 ", "13800000000")));

    assertThat(stored.source()).isEqualTo(IncidentSource.TRANSFER_119);
    assertThat(stored.caller()).isEqualTo(new Caller("王先生", "13800000000"));
    assertThat(stored.caller().isNone()).isFalse();
  }

  @Test
  void theCallersNumberGoesOnlyToTheUnitThatAcceptsNeverWithAnOffer() {
    Decision created = apply(new Create(FIRE_ID, IncidentType.FIRE, 3, ORIGIN.lat(), ORIGIN.lon(), "haystack burning",
        IncidentSource.TRANSFER_119, "dispatcher-li", new Caller("王先生", "13800000000")));
    assertThat(effects(created, SendOrder.class)).hasSize(2)
        .allSatisfy(s -> assertThat(s.order().caller()).isEqualTo(Caller.NONE));

    Decision accepted = reply("aux-1", ReplyAction.ACCEPT);

    assertThat(effects(accepted, SendOrder.class)).singleElement().satisfies(s -> {
      assertThat(s.unitId()).isEqualTo("aux-1");
      assertThat(s.order().action()).isEqualTo(OrderAction.UPDATE);
      assertThat(s.order().orderId()).isEqualTo(assignmentOf("aux-1").orderId());
      assertThat(s.order().caller()).isEqualTo(new Caller("王先生", "13800000000"));
    });
    Decision declined = reply("aux-2", ReplyAction.DECLINE);
    assertThat(effects(declined, SendOrder.class)).allSatisfy(s -> assertThat(s.order().caller()).isEqualTo(Caller.NONE));
    assertThat(effects(reply("aux-1", ReplyAction.ENROUTE), SendOrder.class)).as("told once").isEmpty();
  }

  @Test
  void aDispatchersAcceptOnAUnitsBehalfTellsItsDeviceTheCaller() {
    apply(new Create(FIRE_ID, IncidentType.FIRE, 3, ORIGIN.lat(), ORIGIN.lon(), "haystack burning",
        IncidentSource.TRANSFER_119, "dispatcher-li", new Caller("王先生", "13800000000")));

    Decision accepted = apply(new AnswerForUnit(FIRE_ID, "aux-1", ReplyAction.ACCEPT, null, "dispatcher-li"));

    assertThat(effects(accepted, SendOrder.class)).singleElement().satisfies(s -> {
      assertThat(s.unitId()).isEqualTo("aux-1");
      assertThat(s.order().action()).isEqualTo(OrderAction.UPDATE);
      assertThat(s.order().caller()).isEqualTo(new Caller("王先生", "13800000000"));
    });
  }

  @Test
  void aUnitThatAcceptsAnIncidentWithoutACallerIsSentNothing() {
    createFire();

    assertThat(effects(reply("aux-1", ReplyAction.ACCEPT), SendOrder.class)).isEmpty();
  }

  @Test
  void planThatAssignsTheOfficerOffersItOnTopOfTheAuxiliaries() {
    Decision created = apply(new Create(FIRE_ID, IncidentType.SECURITY, 3, ORIGIN.lat(), ORIGIN.lon(),
        "fight at the market", IncidentSource.CONSOLE, "dispatcher-li", Caller.NONE));

    assertThat(offeredUnits(created)).containsExactly("off-01", "aux-1");
    reply("aux-1", ReplyAction.ACCEPT);
    assertThat(stored.status()).as("the officer is not counted").isEqualTo(IncidentStatus.ASSIGNED);

    Decision declined = reply("off-01", ReplyAction.DECLINE);
    assertThat(kinds(declined)).as("officers are not replaced by ranking").containsExactly("declined");
  }

  @Test
  void anUnavailableOfficerIsReportedInsteadOfAssigned() {
    units.change("off-01", u -> FakeUnitDirectory.withOnline(u, false));

    Decision created = apply(new Create(FIRE_ID, IncidentType.SECURITY, 3, ORIGIN.lat(), ORIGIN.lon(),
        "fight at the market", IncidentSource.CONSOLE, "dispatcher-li", Caller.NONE));

    assertThat(offeredUnits(created)).containsExactly("aux-1");
    assertThat(effects(created, Alert.class)).extracting(Alert::kind, Alert::unitId)
        .containsExactly(tuple(AlertKind.OFFICER_UNAVAILABLE, "off-01"));
  }

  @Test
  void aUnitThatClearedIsNotOfferedTheIncidentAgain() {
    createFire();
    reply("aux-1", ReplyAction.ACCEPT);
    reply("aux-1", ReplyAction.CLEAR);

    Decision declined = reply("aux-2", ReplyAction.DECLINE);

    assertThat(offeredUnits(declined)).as("aux-1 did its part already").containsExactly("aux-3");
    assertThat(stored.assignments()).filteredOn(a -> a.unitId().equals("aux-1")).hasSize(1);
  }

  @Test
  void aUnitAssignedAgainAfterItClearedCountsAsOneUnit() {
    createFire();
    reply("aux-1", ReplyAction.ACCEPT);
    reply("aux-1", ReplyAction.CLEAR);

    apply(new ManualAssign(FIRE_ID, "aux-1", "dispatcher-li"));

    assertThat(stored.committedAuxiliaries()).isEqualTo(1);
    assertThat(stored.status()).as("the plan needs two units").isEqualTo(IncidentStatus.DISPATCHING);
    reply("aux-2", ReplyAction.ACCEPT);
    assertThat(stored.status()).isEqualTo(IncidentStatus.ASSIGNED);
  }

  @Test
  void timelineSequenceNumbersAreGapFree() {
    createFire();
    now = T0 + 10_000;
    reply("aux-1", ReplyAction.DECLINE);
    apply(new Retry(FIRE_ID));
    assertRefused(new Close(FIRE_ID, "dispatcher-li"), Code.INVALID_STATE);
    now = T0 + 30_000;
    apply(new OfferExpired(FIRE_ID, "order-2"));
    reply("aux-3", ReplyAction.ACCEPT);
    reply("aux-3", ReplyAction.ACCEPT);
    apply(new ManualAssign(FIRE_ID, "off-01", "dispatcher-li"));
    apply(new Resolve(FIRE_ID, "dispatcher-li", null));
    apply(new Close(FIRE_ID, "dispatcher-li"));

    assertThat(timeline).extracting(IncidentEvent::seq)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, timeline.size()).boxed().toList());
    assertThat(stored.seq()).isEqualTo(timeline.size());
    assertThat(stored.updatedAtMs()).isEqualTo(now);
  }

  @Test
  void recoveryReturnsTheClaimsTimersAndOverdueOffersToReestablish() {
    createFire();
    reply("aux-1", ReplyAction.ACCEPT);
    Incident fire = stored;
    now = T0 + 20_000;
    String crashId = "4e1f0c1a-0000-4000-8000-000000000002";
    units.auxiliary("aux-5", 50_500);
    Decision crash = engine.apply(null, new Create(crashId, IncidentType.TRAFFIC, 1, latNorth(50_000),
        ORIGIN.lon(), "car in the ditch", IncidentSource.CONSOLE, "dispatcher-li", Caller.NONE), now);
    long crashDeadline = now + ResponsePlans.defaults().plan(IncidentType.TRAFFIC, 1).offerTimeoutMs();

    long crashEscalation = now + ResponsePlans.defaults().plan(IncidentType.TRAFFIC, 1).escalateAfterMs();

    Recovery recovery = Recovery.of(List.of(fire, crash.next()), T0 + 40_000);

    assertThat(recovery.claims()).containsExactlyInAnyOrder(new Recovery.HeldUnit("aux-1", FIRE_ID),
        new Recovery.HeldUnit("aux-2", FIRE_ID), new Recovery.HeldUnit("aux-5", crashId));
    assertThat(recovery.timers()).containsExactly(new ArmEscalation(crashId, 1, crashEscalation),
        new ArmTimer(crashId, "order-3", crashDeadline));
    assertThat(recovery.due()).containsExactly(new OfferExpired(FIRE_ID, "order-2"));
    assertThat(Recovery.of(List.of(crash.next()), crashEscalation).due()).as("a deadline passed while nobody watched")
        .contains(new EscalationDue(crashId, 1));
  }

  @Test
  void incidentsCreatedAtTheSameTimeNeverShareAUnit() throws Exception {
    for (int i = 5; i <= 8; i++) {
      units.auxiliary("aux-" + i, 500 * i);
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 200; round++) {
        MapUnitClaims roundClaims = new MapUnitClaims();
        DispatchEngine shared = new DispatchEngine(ResponsePlans.defaults().overriddenBy(List.of(FIRE)),
            units, roundClaims, RankingSettings.defaults(), TravelTimeEstimator.STRAIGHT_LINE, CLEARED_REMINDER_MS);
        CyclicBarrier together = new CyclicBarrier(2);
        List<Future<Decision>> decisions = new ArrayList<>();
        for (String id : List.of("fire-a", "fire-b")) {
          Callable<Decision> create = () -> {
            together.await();
            return shared.apply(null, new Create(id, IncidentType.FIRE, 3, ORIGIN.lat(), ORIGIN.lon(),
                "", IncidentSource.API, "api-client", Caller.NONE), T0);
          };
          decisions.add(pool.submit(create));
        }
        Decision a = decisions.get(0).get(1, TimeUnit.MINUTES);
        Decision b = decisions.get(1).get(1, TimeUnit.MINUTES);

        Set<String> inBoth = new HashSet<>(offeredUnits(a));
        inBoth.retainAll(offeredUnits(b));
        assertThat(inBoth).as("round " + round).isEmpty();
        assertThat(a.claimedUnits()).containsExactlyElementsOf(offeredUnits(a));
        offeredUnits(a).forEach(u -> assertThat(roundClaims.holder(u)).contains("fire-a"));
        offeredUnits(b).forEach(u -> assertThat(roundClaims.holder(u)).contains("fire-b"));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- helpers --------------------------------------------------------------------------------

  /** Applies an event the way the verticle does: store, then carry out claim releases. */
  private Decision apply(DispatchEvent event) {
    Decision decision = engine.apply(stored, event, now);
    timeline.addAll(decision.events());
    stored = decision.next();
    effects(decision, ReleaseClaim.class).forEach(r -> claims.release(r.unitId(), r.incidentId()));
    return decision;
  }

  private void assertRefused(DispatchEvent event, Code code) {
    Set<String> heldBefore = heldUnits();
    assertThatThrownBy(() -> engine.apply(stored, event, now))
        .isInstanceOfSatisfying(DispatchException.class, e -> assertThat(e.code()).isEqualTo(code));
    assertThat(heldUnits()).as("claims after a refused command").isEqualTo(heldBefore);
  }

  private Set<String> heldUnits() {
    Set<String> held = new HashSet<>();
    for (String unitId : List.of("aux-1", "aux-2", "aux-3", "aux-4", "off-01")) {
      claims.holder(unitId).ifPresent(incident -> held.add(unitId + "@" + incident));
    }
    return held;
  }

  private Create createEvent() {
    return new Create(FIRE_ID, IncidentType.FIRE, 3, ORIGIN.lat(), ORIGIN.lon(), "barn on fire",
        IncidentSource.CONSOLE, "dispatcher-li", Caller.NONE);
  }

  private Decision createFire() {
    return apply(createEvent());
  }

  private static Create timedRescue() {
    return new Create(FIRE_ID, IncidentType.RESCUE, 3, ORIGIN.lat(), ORIGIN.lon(), "man in the river",
        IncidentSource.CONSOLE, "dispatcher-li", Caller.NONE);
  }

  private OrderReply replyEvent(String unitId, ReplyAction action) {
    return new OrderReply(FIRE_ID, assignmentOf(unitId).orderId(), unitId, action, null);
  }

  private Decision reply(String unitId, ReplyAction action) {
    return apply(replyEvent(unitId, action));
  }

  /** The unit's latest assignment on the stored incident. */
  private Assignment assignmentOf(String unitId) {
    List<Assignment> ofUnit = stored.assignments().stream().filter(a -> a.unitId().equals(unitId)).toList();
    assertThat(ofUnit).as("assignments of " + unitId).isNotEmpty();
    return ofUnit.get(ofUnit.size() - 1);
  }

  private static List<String> kinds(Decision decision) {
    return decision.events().stream().map(e -> e.kind().wire()).toList();
  }

  private static List<IncidentEvent> events(Decision decision, EventKind kind) {
    return decision.events().stream().filter(e -> e.kind() == kind).toList();
  }

  private static <T extends Effect> List<T> effects(Decision decision, Class<T> type) {
    return decision.effects().stream().filter(type::isInstance).map(type::cast).toList();
  }

  private static List<String> sentOrders(Decision decision, OrderAction action) {
    return effects(decision, SendOrder.class).stream()
        .filter(s -> s.order().action() == action)
        .map(SendOrder::unitId)
        .toList();
  }

  private static List<String> offeredUnits(Decision decision) {
    return sentOrders(decision, OrderAction.OFFER);
  }
}
