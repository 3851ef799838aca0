package org.lamplight.domain.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.lamplight.domain.evaluation.EvaluationSettings.TierRule;
import org.lamplight.domain.evaluation.EvaluationSettings.TimeScale;
import org.lamplight.domain.ledger.LedgerKind;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class EvaluationSettingsTest {

  @Test
  void theShippedFileHoldsTheDefaults() throws IOException {
    assertThat(EvaluationSettings.fromMap(shipped())).isEqualTo(EvaluationSettings.defaults());
  }

  @Test
  void theDefaultsPayThreeTiers() {
    EvaluationSettings settings = EvaluationSettings.defaults();

    assertThat(settings.tiers()).containsExactly(new TierRule(Tier.FIRST, 85, 800), new TierRule(Tier.SECOND, 70, 600),
        new TierRule(Tier.THIRD, 0, 300));
    assertThat(settings.tierFor(85)).isEqualTo(settings.tiers().get(0));
    assertThat(settings.tierFor(84.9).tier()).isEqualTo(Tier.SECOND);
    assertThat(settings.tierFor(69.9).tier()).isEqualTo(Tier.THIRD);
    assertThat(settings.tierFor(0).amountYuan()).isEqualTo(300);
  }

  @Test
  void aTimeScaleFallsInAStraightLine() {
    TimeScale scale = new TimeScale(20_000, 60_000);

    assertThat(scale.points(0)).isEqualTo(100);
    assertThat(scale.points(20_000)).isEqualTo(100);
    assertThat(scale.points(30_000)).isEqualTo(75);
    assertThat(scale.points(60_000)).isZero();
    assertThat(scale.points(600_000)).isZero();
  }

  @Test
  void aMisspeltKeyIsRefused() throws IOException {
    assertRefused(m -> m.put("closing_dat", 25), "unknown keys [closing_dat]");
    assertRefused(m -> nested(m, "indicators", "time_to_accept").put("full_marks_within", 20),
        "evaluation settings.indicators.time_to_accept: unknown keys [full_marks_within]");
  }

  @Test
  void aMissingKeyIsNamedWithItsPlace() throws IOException {
    assertRefused(m -> nested(m, "indicators", "time_to_arrive").remove("zero_marks_after_s"),
        "evaluation settings.indicators.time_to_arrive: 'zero_marks_after_s' is missing");
    assertRefused(m -> nested(m, "indicators").remove("inspection_ledgers"), "'inspection_ledgers' must be a map");
  }

  @Test
  void weightsMustAddUpTo100() throws IOException {
    assertRefused(m -> nested(m, "indicators", "village_coverage").put("weight", 30), "add up to 105");
    assertRefused(m -> nested(m, "indicators", "village_coverage").put("weight", -5), "at least 0");
  }

  @Test
  void tiersMustBeFirstSecondThirdDescendingToZero() throws IOException {
    assertRefused(m -> tier(m, 1).put("min_score", 90), "tier second must need a lower score than tier first");
    assertRefused(m -> tier(m, 2).put("min_score", 10), "the third tier must start at 0");
    assertRefused(m -> tier(m, 0).put("tier", "second"), "tiers must be first, second and third");
    assertRefused(m -> tier(m, 0).put("tier", "best"), "evaluation settings.tiers[0]: unknown tier 'best'");
  }

  @Test
  void sharesAndTimesMustMakeSense() throws IOException {
    assertRefused(m -> nested(m, "indicators", "presence_on_post").put("full_marks_at", 70), "at most 1");
    assertRefused(m -> nested(m, "indicators", "time_to_accept").put("zero_marks_after_s", 10),
        "evaluation settings.indicators.time_to_accept: full marks within");
    assertRefused(m -> nested(m, "indicators", "ledger_work", "per_village_per_month").put("visits", 3),
        "unknown ledger kind 'visits'");
    assertRefused(m -> nested(m, "indicators", "ledger_work").put("per_village_per_month", new HashMap<>()),
        "ledger_work has a weight but no target");
  }

  @Test
  void theClosingDayIsOneTo28() throws IOException {
    assertRefused(m -> m.put("closing_day", 31), "the closing day must be 1..28");
  }

  @Test
  void ledgerTargetsAreReadByKind() throws IOException {
    Map<String, Object> map = shipped();
    nested(map, "indicators", "ledger_work", "per_village_per_month").put("dispute_mediated", 0.5);

    assertThat(EvaluationSettings.fromMap(map).ledgerTargets()).containsEntry(LedgerKind.DISPUTE_MEDIATED, 0.5)
        .containsEntry(LedgerKind.HOUSEHOLD_VISIT, 15.0);
  }

  private static void assertRefused(Consumer<Map<String, Object>> change, String message) throws IOException {
    Map<String, Object> map = shipped();
    change.accept(map);
    assertThatThrownBy(() -> EvaluationSettings.fromMap(map)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> nested(Map<String, Object> map, String... keys) {
    Map<String, Object> at = map;
    for (String key : keys) {
      at = (Map<String, Object>) at.get(key);
    }
    return at;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> tier(Map<String, Object> map, int index) {
    return ((List<Map<String, Object>>) map.get("tiers")).get(index);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> shipped() throws IOException {
    try (Reader reader = Files.newBufferedReader(Path.of("conf/evaluation.yaml"))) {
      return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
    }
  }
}
