package org.lamplight.domain.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lamplight.TestUnits;
import org.lamplight.domain.org.Person;
import org.lamplight.domain.org.UnitKind;
import org.lamplight.domain.tracking.LiveUnits.FixOutcome;

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
    assertThat(units.setOnline("dev-aux-1", true)).isTrue();
    assertThat(units.setOnline("dev-aux-1", true)).isFalse();
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
}
