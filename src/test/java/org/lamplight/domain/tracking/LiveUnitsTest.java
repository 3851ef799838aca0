package org.lamplight.domain.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.lamplight.TestUnits;
import org.lamplight.domain.org.Device;
import org.lamplight.domain.org.Person;
import org.lamplight.domain.org.UnitKind;
import org.lamplight.domain.tracking.LiveUnits.FixOutcome;
import org.lamplight.domain.tracking.LiveUnits.PresenceChange;

class LiveUnitsTest {

  private final List<Person> people = List.of(
      TestUnits.auxiliary("aux-1", "W1", 33.80, 114.50),
      TestUnits.auxiliary("aux-2", "W2", 33.81, 114.50),
      TestUnits.officer("off-1", 33.82, 114.50));
  private final LiveUnits units = TestUnits.live(people);

  private static PositionFix fix(String device, double lat, double lon, long ts) {
    return new PositionFix(device, lat, lon, ts, 5, 1, 90, 50, 80, FixSource.LAMPLIGHT);
  }

  @Test
  void theNewestFixWinsAndOlderOrRepeatedOnesDoNotMoveTheUnit() {
    assertThat(units.applyFix(fix("dev-aux-1", 33.800, 114.500, 2_000))).isEqualTo(FixOutcome.MOVED);
    assertThat(units.applyFix(fix("dev-aux-1", 33.801, 114.500, 1_000))).isEqualTo(FixOutcome.OLDER);
    assertThat(units.applyFix(fix("dev-aux-1", 33.800, 114.500, 2_000))).isEqualTo(FixOutcome.DUPLICATE);
    assertThat(units.unit("aux-1").orElseThrow().fix().timestampMs()).isEqualTo(2_000);
    assertThat(units.tracked()).as("units with a position").isEqualTo(1);
  }

  @Test
  void anImpossibleJumpIsFlaggedAndTheUnitStays() {
    units.applyFix(fix("dev-aux-1", 33.80, 114.50, 1_000));
    assertThat(units.applyFix(fix("dev-aux-1", 34.80, 114.50, 2_000))).isEqualTo(FixOutcome.IMPLAUSIBLE);
    assertThat(units.unit("aux-1").orElseThrow().fix().lat()).isEqualTo(33.80);
  }

  @Test
  void aLateOlderFixFarAwayIsFlaggedAsAJumpAndTheUnitStays() {
    units.applyFix(fix("dev-aux-1", 33.80, 114.50, 2_000));
    // 111 km away, 1 s earlier: the same jump as above, only arriving late
    assertThat(units.applyFix(fix("dev-aux-1", 34.80, 114.50, 1_000))).isEqualTo(FixOutcome.IMPLAUSIBLE);
    assertThat(units.unit("aux-1").orElseThrow().fix().timestampMs()).isEqualTo(2_000);
  }

  @Test
  void aHundredFixesOfOneUnitBeforeADrainAreOneChange() {
    for (int i = 1; i <= 100; i++) {
      units.applyFix(fix("dev-aux-1", 33.80 + i * 1e-5, 114.50, i * 1_000L));
    }
    List<UnitView> changed = new ArrayList<>();
    units.drainChanged(changed::add);
    assertThat(changed).hasSize(1);
    assertThat(changed.get(0).fix().timestampMs()).isEqualTo(100_000);
    units.drainChanged(changed::add);
    assertThat(changed).hasSize(1);
  }

  @Test
  void nearestFindsMovedUnitsInDistanceOrderAndAppliesTheFilter() {
    units.applyFix(fix("dev-aux-1", 33.800, 114.500, 1_000));
    units.applyFix(fix("dev-aux-2", 33.805, 114.500, 1_000));
    units.applyFix(fix("dev-off-1", 33.801, 114.500, 1_000));
    var near = units.nearest(33.800, 114.500, 5_000, 10, u -> u.person().kind() == UnitKind.AUXILIARY);
    assertThat(near).extracting(n -> n.unit().person().id()).containsExactly("aux-1", "aux-2");
    assertThat(near.get(1).distanceM()).isBetween(500.0, 600.0);
  }

  @Test
  void presenceDutyAndDispatchStateMakeTheStatus() {
    assertThat(units.unit("aux-1").orElseThrow().status()).isEqualTo("offline");
    assertThat(units.setOnline("dev-aux-1", true)).isEqualTo(PresenceChange.UNIT);
    assertThat(units.setOnline("dev-aux-1", true)).isEqualTo(PresenceChange.NONE);
    assertThat(units.unit("aux-1").orElseThrow().status()).isEqualTo("available");
    units.setDispatchState("aux-1", "offered", "i-1");
    assertThat(units.unit("aux-1").orElseThrow().status()).isEqualTo("offered");
    units.setOnDuty("dev-aux-1", false);
    assertThat(units.unit("aux-1").orElseThrow().status()).isEqualTo("off_duty");
  }

  @Test
  void anUnknownDeviceIsATypedRejection() {
    assertThatThrownBy(() -> units.applyFix(fix("dev-nobody", 33.8, 114.5, 1)))
        .isInstanceOf(RejectedFixException.class)
        .satisfies(e -> assertThat(((RejectedFixException) e).reason()).isEqualTo(RejectReason.UNKNOWN_DEVICE));
  }

  @Nested
  class TwoDevicesOfOnePerson {

    private final List<Device> devices = List.of(new Device("app-aux-1", "aux-1"), new Device("owntracks-aux-1", "aux-1"),
        new Device("dev-aux-2", "aux-2"), new Device("dev-off-1", "off-1"));
    private final LiveUnits two = new LiveUnits(people, devices, TestUnits.VALIDATOR, 1000);

    @Test
    void theUnitIsOnlineWhileAnyOfItsDevicesIs() {
      assertThat(two.setOnline("owntracks-aux-1", true)).isEqualTo(PresenceChange.UNIT);
      assertThat(two.setOnline("app-aux-1", true)).isEqualTo(PresenceChange.DEVICE);
      assertThat(two.setOnline("owntracks-aux-1", false)).as("the app still reaches the unit")
          .isEqualTo(PresenceChange.DEVICE);
      assertThat(two.unit("aux-1").orElseThrow().online()).isTrue();
      assertThat(two.setOnline("app-aux-1", false)).isEqualTo(PresenceChange.UNIT);
      assertThat(two.unit("aux-1").orElseThrow().online()).isFalse();
    }

    @Test
    void ordersGoToTheOnlineDeviceThatCanAnswerThemWhicheverSentTheLastFix() {
      two.setOnline("app-aux-1", true);
      two.setChannel("app-aux-1", OrderChannel.ORDERS);
      two.setOnline("owntracks-aux-1", true);
      two.setChannel("owntracks-aux-1", OrderChannel.LOCATE);
      two.applyFix(fix("owntracks-aux-1", 33.80, 114.50, 1_000));
      UnitView u = two.unit("aux-1").orElseThrow();
      assertThat(u.deviceId()).isEqualTo("app-aux-1");
      assertThat(u.channel()).isEqualTo(OrderChannel.ORDERS);
      assertThat(u.fix().deviceId()).isEqualTo("owntracks-aux-1");

      two.setOnline("app-aux-1", false);
      u = two.unit("aux-1").orElseThrow();
      assertThat(u.deviceId()).as("the app went away").isEqualTo("owntracks-aux-1");
      assertThat(u.channel()).isEqualTo(OrderChannel.LOCATE);
      two.setOnline("owntracks-aux-1", false);
      assertThat(two.unit("aux-1").orElseThrow().channel()).as("offline").isEqualTo(OrderChannel.NONE);
    }

    @Test
    void onlyTheSilentHttpDeviceIsReportedSilent() {
      two.setOnline("app-aux-1", true);
      two.setOnline("owntracks-aux-1", true);
      two.applyFix(new PositionFix("owntracks-aux-1", 33.8, 114.5, 1_000, 5, 1, 90, 50, 80, FixSource.OSMAND));
      assertThat(two.onlineDevicesSilentSince(Long.MAX_VALUE, Set.of(FixSource.OSMAND)))
          .containsExactly("owntracks-aux-1");
    }
  }

  @Nested
  class TheCountyChangesAtRunTime {

    @Test
    void aNewPersonWithADeviceIsAUnitAtOnceAndReportedChanged() {
      units.drainChanged(v -> { });
      List<Person> more = new ArrayList<>(people);
      more.add(TestUnits.auxiliary("aux-3", "W3", 33.83, 114.50));
      units.reconcile(more, TestUnits.devices(more));
      assertThat(units.applyFix(fix("dev-aux-3", 33.83, 114.50, 1_000))).isEqualTo(FixOutcome.MOVED);
      assertThat(units.nearest(33.83, 114.50, 100, 5, null)).extracting(n -> n.unit().person().id())
          .containsExactly("aux-3");
      List<String> changed = new ArrayList<>();
      units.drainChanged(v -> changed.add(v.person().id()));
      assertThat(changed).containsExactly("aux-3");
    }

    @Test
    void aPersonMovedToAnotherWorkstationIsRankedFromThereWithItsStateKept() {
      units.setOnline("dev-aux-1", true);
      units.applyFix(fix("dev-aux-1", 33.80, 114.50, 1_000));
      List<Person> moved = new ArrayList<>(people);
      moved.set(0, TestUnits.auxiliary("aux-1", "W9", 33.80, 114.50));
      units.reconcile(moved, TestUnits.devices(moved));
      UnitView u = units.unit("aux-1").orElseThrow();
      assertThat(u.person().workstationId()).isEqualTo("W9");
      assertThat(u.online()).isTrue();
      assertThat(u.fix()).isNotNull();
    }

    @Test
    void aRetiredPersonLeavesTheMapAndQueriesAndItsDeviceIsRefused() {
      units.applyFix(fix("dev-aux-1", 33.80, 114.50, 1_000));
      List<Person> without = people.subList(1, people.size());
      units.reconcile(without, TestUnits.devices(without));
      assertThat(units.all()).extracting(v -> v.person().id()).doesNotContain("aux-1");
      assertThat(units.nearest(33.80, 114.50, 100, 5, null)).isEmpty();
      assertThat(units.unit("aux-1").orElseThrow().status()).isEqualTo("retired");
      assertThatThrownBy(() -> units.applyFix(fix("dev-aux-1", 33.80, 114.50, 2_000)))
          .isInstanceOf(RejectedFixException.class);

      units.reconcile(people, TestUnits.devices(people));
      assertThat(units.nearest(33.80, 114.50, 100, 5, null)).as("back where it was last seen")
          .extracting(n -> n.unit().person().id()).containsExactly("aux-1");
    }

    @Test
    void aDeviceRebindToAnotherPersonReportsForItsNewPerson() {
      List<Device> rebound = List.of(new Device("dev-aux-1", "aux-2"), new Device("dev-aux-2", "aux-2"),
          new Device("dev-off-1", "off-1"));
      units.reconcile(people, rebound);
      units.applyFix(fix("dev-aux-1", 33.81, 114.50, 1_000));
      assertThat(units.unit("aux-2").orElseThrow().fix()).isNotNull();
      assertThat(units.unit("aux-1").orElseThrow().fix()).isNull();
      assertThat(units.personByDevice("dev-aux-1")).map(Person::id).contains("aux-2");
    }
  }
}
