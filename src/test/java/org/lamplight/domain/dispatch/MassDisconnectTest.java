package org.lamplight.domain.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MassDisconnectTest {

  private static final long T0 = 1_700_000_000_000L;
  private static final long WINDOW = 10_000;

  /** 20 units or 30 % of those online within 10 s. */
  private final MassDisconnect detector = new MassDisconnect(WINDOW, 20, 0.3);

  @Test
  void unitsDroppingOneByOneAreNoMassDisconnection() {
    for (int i = 0; i < 30; i++) {
      assertThat(detector.dropped("aux-" + i, T0 + i * 11_000L, () -> 500)).isFalse();
    }
    assertThat(detector.isMass(T0 + 29 * 11_000L, () -> 500)).isFalse();
  }

  @Test
  void twentyUnitsWithinTheWindowAreOneMassDisconnectionAnnouncedOnce() {
    int announced = 0;
    for (int i = 0; i < 40; i++) {
      announced += detector.dropped("aux-" + i, T0 + i * 200L, () -> 5_000) ? 1 : 0;
    }
    assertThat(announced).isEqualTo(1);
    assertThat(detector.isMass(T0, () -> 5_000)).as("the first drop, once its window has passed").isTrue();
    assertThat(detector.isMass(T0 + 39 * 200L, () -> 5_000)).isTrue();
  }

  @Test
  void aLargeShareOfTheUnitsOnlineIsAMassDisconnectionEvenWhenFew() {
    boolean announced = false;
    for (int i = 0; i < 6; i++) {
      announced |= detector.dropped("aux-" + i, T0 + i * 100L, () -> 10);
    }
    assertThat(announced).as("6 of 16 units online").isTrue();
  }

  @Test
  void aFewUnitsNeverMakeAMassDisconnectionWhateverTheirShare() {
    for (int i = 0; i < 4; i++) {
      assertThat(detector.dropped("aux-" + i, T0 + i, () -> 1)).isFalse();
    }
    assertThat(detector.isMass(T0, () -> 1)).isFalse();
  }

  @Test
  void theSameUnitReportedByEveryNodeCountsOnce() {
    for (int node = 0; node < 3; node++) {
      for (int i = 0; i < 10; i++) {
        assertThat(detector.dropped("aux-" + i, T0 + i, () -> 5_000)).isFalse();
      }
    }
    assertThat(detector.isMass(T0, () -> 5_000)).isFalse();
  }

  @Test
  void dropsLongAfterAnAnnouncedOneStartAnotherAnnouncement() {
    for (int i = 0; i < 20; i++) {
      detector.dropped("aux-" + i, T0 + i, () -> 5_000);
    }
    long later = T0 + 60_000;
    int announced = 0;
    for (int i = 0; i < 20; i++) {
      announced += detector.dropped("aux-b" + i, later + i, () -> 5_000) ? 1 : 0;
    }
    assertThat(announced).isEqualTo(1);
  }
}
