package org.lamplight.domain.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PatrolRequirementsTest {

  private final PatrolRequirements requirements = new PatrolRequirements(1, Map.of("V-market", 3, "V-empty", 0));

  @Test
  void everyVillageNeedsOneVisitADayByDefault() {
    assertThat(PatrolRequirements.defaults().visitsPerDay("V001")).isEqualTo(1);
    assertThat(requirements.isMet("V001", 1)).isTrue();
    assertThat(requirements.isMet("V001", 0)).isFalse();
  }

  @Test
  void aMarketTownCanNeedMore() {
    assertThat(requirements.isMet("V-market", 2)).isFalse();
    assertThat(requirements.isMet("V-market", 3)).isTrue();
    assertThat(requirements.isMet("V-market", 4)).isTrue();
    assertThat(requirements.isMet(new VillageDay("V-market", LocalDate.of(2024, 3, 15), 3_600_000, 2,
        OptionalLong.of(0), Set.of("aux-1")))).isFalse();
  }

  @Test
  void aVillageThatNeedsNoVisitIsAlwaysMet() {
    assertThat(requirements.isMet("V-empty", 0)).isTrue();
    assertThat(requirements.windowMs("V-empty")).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void theWindowIsADaySharedOutOverTheVisits() {
    assertThat(requirements.windowMs("V001")).isEqualTo(24 * 3_600_000L);
    assertThat(requirements.windowMs("V-market")).isEqualTo(8 * 3_600_000L);
  }

  @Test
  void negativeRequirementsAreRefused() {
    assertThatThrownBy(() -> new PatrolRequirements(-1, Map.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PatrolRequirements(1, Map.of("V001", -2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("V001");
  }
}
