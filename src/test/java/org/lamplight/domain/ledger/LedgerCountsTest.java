package org.lamplight.domain.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LedgerCountsTest {

  private static final long T0 = 1_710_460_800_000L;
  private static final long T1 = T0 + 1_000;

  private static final List<LedgerEntry> ENTRIES = List.of(
      entry("1", LedgerKind.HOUSEHOLD_VISIT, "aux-1", T0, 5),
      entry("2", LedgerKind.HOUSEHOLD_VISIT, "aux-1", T0 + 10, 3),
      entry("3", LedgerKind.SAFETY_TALK, "aux-2", T0 + 20, 1),
      entry("4", LedgerKind.HOUSEHOLD_VISIT, "aux-2", T1, 7),
      entry("5", LedgerKind.DISPUTE_MEDIATED, "aux-9", T0 + 30, 1));

  @Test
  void countsAddUpTheEntriesCountsInThePeriod() {
    LedgerCounts counts = LedgerCounts.of(ENTRIES, T0, T1);

    assertThat(counts.of(LedgerKind.HOUSEHOLD_VISIT)).isEqualTo(8);
    assertThat(counts.of(LedgerKind.SAFETY_TALK)).isEqualTo(1);
    assertThat(counts.of(LedgerKind.FIRE_HAZARD)).isZero();
  }

  @Test
  void countsGroupByWhatTheCallerSays() {
    Map<String, String> officeOfUnit = Map.of("aux-1", "O01", "aux-2", "O02");

    Map<String, LedgerCounts> byOffice = LedgerCounts.byGroup(ENTRIES, e -> officeOfUnit.get(e.unitId()), T0, T1);

    assertThat(byOffice).containsOnlyKeys("O01", "O02");
    assertThat(byOffice.get("O01")).isEqualTo(new LedgerCounts(Map.of(LedgerKind.HOUSEHOLD_VISIT, 8)));
    assertThat(byOffice.get("O02")).isEqualTo(new LedgerCounts(Map.of(LedgerKind.SAFETY_TALK, 1)));
  }

  @Test
  void anEntryCountsAtLeastOnce() {
    assertThatThrownBy(() -> entry("6", LedgerKind.OTHER, "aux-1", T0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("count");
  }

  @Test
  void kindsTravelByTheirWireNames() {
    assertThat(LedgerKind.fromWire("dispute_mediated")).isEqualTo(LedgerKind.DISPUTE_MEDIATED);
    assertThat(LedgerKind.SAFETY_TALK.wire()).isEqualTo("safety_talk");
    assertThat(HazardStatus.NOT_A_HAZARD.wire()).isEqualTo("not_a_hazard");
    assertThat(HazardAction.fromWire("dismiss")).isEqualTo(HazardAction.DISMISS);
    assertThat(List.of(LedgerKind.values())).filteredOn(LedgerKind::isHazard)
        .containsExactly(LedgerKind.FIRE_HAZARD, LedgerKind.TRAFFIC_HAZARD, LedgerKind.SECURITY_HAZARD);
    assertThatThrownBy(() -> LedgerKind.fromWire("visit")).hasMessageContaining("household_visit");
  }

  private static LedgerEntry entry(String id, LedgerKind kind, String unitId, long atMs, int count) {
    return new LedgerEntry(id, kind, unitId, "V001", atMs, count, Double.NaN, Double.NaN, "");
  }
}
