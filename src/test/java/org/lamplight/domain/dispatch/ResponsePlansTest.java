package org.lamplight.domain.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponsePlansTest {

  @Test
  void defaultsCoverEveryTypeAndSeverity() {
    ResponsePlans plans = ResponsePlans.defaults();

    assertThat(plans.all()).hasSize(IncidentType.values().length * Incident.MAX_SEVERITY);
    for (IncidentType type : IncidentType.values()) {
      for (int severity = 1; severity <= 3; severity++) {
        assertThat(plans.plan(type, severity).type()).isEqualTo(type);
        assertThat(plans.plan(type, severity).severity()).isEqualTo(severity);
      }
    }
  }

  @Test
  void seriousFireWidensStepByStepToCountyAndFireService() {
    ResponsePlan fire = ResponsePlans.defaults().plan(IncidentType.FIRE, 3);

    assertThat(fire.units()).isEqualTo(3);
    assertThat(fire.offerTimeoutMs()).isEqualTo(30_000);
    assertThat(fire.radiusM()).isEqualTo(5_000);
    assertThat(fire.maxLevel()).isEqualTo(4);
    assertThat(fire.escalateAfterMs()).as("no acceptance within 2 minutes").isEqualTo(120_000);
    assertThat(fire.escalation(2)).isEqualTo(new EscalationLevel(2, 10_000, true, false, false, null, 120_000));
    assertThat(fire.escalation(3)).isEqualTo(new EscalationLevel(0, 20_000, false, true, false, null, 120_000));
    assertThat(fire.escalateAfterAt(4)).as("the last level").isZero();
    assertThat(fire.escalation(4).notifyCounty()).isTrue();
    assertThat(fire.escalation(4).externalService()).isEqualTo("119");
    assertThat(ResponsePlans.defaults().plan(IncidentType.TRAFFIC, 3).levels())
        .extracting(EscalationLevel::externalService).contains("122");
  }

  @Test
  void unitsAddUpAndRadiusWidensPerLevel() {
    ResponsePlan fire = ResponsePlans.defaults().plan(IncidentType.FIRE, 3);

    assertThat(List.of(1, 2, 3, 4).stream().map(fire::requiredUnitsAt)).containsExactly(3, 5, 5, 5);
    assertThat(fire.radiusAt(1)).isEqualTo(5_000);
    assertThat(fire.radiusAt(2)).isEqualTo(10_000);
    assertThat(fire.radiusAt(9)).as("beyond the last level counts as the last").isEqualTo(30_000);
  }

  @Test
  void readsAPlanFromPlainValues() {
    ResponsePlan plan = ResponsePlan.fromMap(fireMap());

    assertThat(plan).isEqualTo(new ResponsePlan(IncidentType.FIRE, 3, 2, true, false, 20_000, 4_000,
        60_000, List.of(new EscalationLevel(1, 8_000, false, true, false, null),
            new EscalationLevel(0, 15_000, false, false, true, "119"))));
  }

  @Test
  void badPlainValuesAreRefusedWithAMessageSayingWhere() {
    assertRefused(with(fireMap(), "unit", 3), "response plan fire/3: unknown keys [unit]");
    assertRefused(with(fireMap(), "units", null), "response plan fire/3: 'units' is missing");
    assertRefused(with(fireMap(), "units", "three"), "'units' must be a number");
    assertRefused(with(fireMap(), "units", 2.5), "'units' must be a whole number");
    assertRefused(with(fireMap(), "units", 0), "response plan fire/3: units must be at least 1");
    assertRefused(with(fireMap(), "type", "flood"), "response plan: unknown incident type 'flood'");
    assertRefused(with(fireMap(), "severity", 4), "response plan fire/4: severity must be 1..3");
    assertRefused(with(fireMap(), "offer_timeout_ms", 0), "offer_timeout_ms must be positive");
    assertRefused(with(fireMap(), "notify_officer", "yes"), "'notify_officer' must be true or false");
    assertRefused(with(fireMap(), "levels", List.of(Map.of("radius_m", 3_000))),
        "response plan fire/3: level 2 radius_m 3000.0 is smaller than the level below's 4000.0");
    assertRefused(with(fireMap(), "levels", List.of(Map.of("radius_m", 8_000, "external_service", " "))),
        "response plan fire/3 level 2: external_service must be a number to call or absent");
    assertRefused(with(fireMap(), "levels", List.of(Map.of("extra_units", 1))),
        "response plan fire/3 level 2: 'radius_m' is missing");
    assertRefused(with(fireMap(), "escalate_after_ms", -1), "escalate_after_ms must not be negative");
    assertRefused(with(fireMap(), "levels", List.of(Map.of("radius_m", 8_000, "escalate_after_ms", 60_000))),
        "response plan fire/3: the last level (2) has nowhere to escalate to: leave out its escalate_after_ms");
  }

  @Test
  void timedEscalationAndPhoneTimeoutAreReadPerLevel() {
    Map<String, Object> timed = with(fireMap(), "escalate_after_ms", 180_000);
    timed.put("phone_timeout_ms", 90_000);
    timed.put("levels", List.of(Map.of("radius_m", 8_000, "escalate_after_ms", 60_000), Map.of("radius_m", 15_000)));
    ResponsePlan plan = ResponsePlan.fromMap(timed);

    assertThat(plan.escalateAfterAt(1)).isEqualTo(180_000);
    assertThat(plan.escalateAfterAt(2)).isEqualTo(60_000);
    assertThat(plan.escalateAfterAt(3)).isZero();
    assertThat(plan.phoneTimeoutMs()).isEqualTo(90_000);
    assertThat(ResponsePlan.fromMap(fireMap()).phoneTimeoutMs()).as("twice the offer timeout").isEqualTo(40_000);
  }

  @Test
  void aSetOfPlansMustBeComplete() {
    List<ResponsePlan> withoutSeriousFire = ResponsePlans.defaults().all().stream()
        .filter(p -> !(p.type() == IncidentType.FIRE && p.severity() == 3))
        .toList();

    assertThatThrownBy(() -> ResponsePlans.of(withoutSeriousFire))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no response plan for fire/3");
    ResponsePlan minorFire = ResponsePlans.defaults().plan(IncidentType.FIRE, 1);
    assertThatThrownBy(() -> ResponsePlans.defaults().overriddenBy(List.of(minorFire, minorFire)))
        .hasMessage("two response plans for fire/1");
  }

  @Test
  void overridesReplaceOnlyTheirOwnPlans() {
    ResponsePlan override = ResponsePlan.fromMap(fireMap());

    ResponsePlans plans = ResponsePlans.defaults().overriddenBy(List.of(override));

    assertThat(plans.plan(IncidentType.FIRE, 3)).isEqualTo(override);
    assertThat(plans.plan(IncidentType.FIRE, 2)).isEqualTo(ResponsePlans.defaults().plan(IncidentType.FIRE, 2));
    assertThat(plans.all()).hasSize(ResponsePlans.defaults().all().size());
  }

  private static Map<String, Object> fireMap() {
    Map<String, Object> map = new HashMap<>();
    map.put("type", "fire");
    map.put("severity", 3);
    map.put("units", 2);
    map.put("notify_officer", true);
    map.put("offer_timeout_ms", 20_000L);
    map.put("radius_m", 4_000.0);
    map.put("max_fix_age_ms", 60_000);
    map.put("levels", List.of(
        Map.of("extra_units", 1, "radius_m", 8_000, "notify_station", true),
        Map.of("radius_m", 15_000, "notify_county", true, "external_service", "119")));
    return map;
  }

  private static Map<String, Object> with(Map<String, Object> map, String key, Object value) {
    map.put(key, value);
    return map;
  }

  private static void assertRefused(Map<String, Object> map, String message) {
    assertThatThrownBy(() -> ResponsePlan.fromMap(map))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
