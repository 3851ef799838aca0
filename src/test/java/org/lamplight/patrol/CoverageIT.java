package org.lamplight.patrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.lamplight.patrol.PatrolCounty.LAT;
import static org.lamplight.patrol.PatrolCounty.NOWHERE;
import static org.lamplight.patrol.PatrolCounty.V1;
import static org.lamplight.patrol.PatrolCounty.V2;
import static org.lamplight.patrol.PatrolCounty.V3;
import static org.lamplight.patrol.PatrolCounty.yesterdayAt;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.TestDatabase;
import org.lamplight.TestDevice;
import org.lamplight.TestNode;

/**
 * Devices driven along known tracks through the known villages of the patrol county, with
 * yesterday's time stamps, and the coverage that comes of it, to the minute.
 */
class CoverageIT {

  private static final String DB = "coverage_it";
  private static final long MINUTE = 60_000;

  @BeforeAll
  static void county() throws Exception {
    PatrolCounty.importInto(DB);
  }

  /**
   * aux-1: V1 10:00-10:30 (a visit), V2 10:31-10:40 (9 min, no visit), nowhere at 10:41, silent,
   * V3 at 11:00, silent again until 11:12 (5 min count, the stay ends), V3 every minute to 11:25 (a
   * visit of 13 min). Across a restart at 11:18. aux-2: V1 10:05-10:20 (a visit).
   */
  @Test
  void aKnownTrackGivesPresenceVisitsAndTimeOnPostToTheMinuteAcrossARestart() throws Exception {
    try (TestNode node = PatrolCounty.node(DB, Map.of())) {
      try (TestDevice aux1 = TestDevice.connect(node, "dev-aux-1"); TestDevice aux2 = TestDevice.connect(node, "dev-aux-2")) {
        for (int m = 0; m <= 30; m++) {
          aux1.at(LAT, V1, yesterdayAt(10, m));
        }
        for (int m = 31; m <= 40; m++) {
          aux1.at(LAT, V2, yesterdayAt(10, m));
        }
        aux1.at(LAT, NOWHERE, yesterdayAt(10, 41));
        aux1.at(LAT, V3, yesterdayAt(11, 0));
        for (int m = 12; m <= 18; m++) {
          aux1.at(LAT, V3, yesterdayAt(11, m));
        }
        for (int m = 5; m <= 20; m++) {
          aux2.at(LAT, V1, yesterdayAt(10, m));
        }
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> node.node().patrol().accounting().counted() >= 31 + 10 + 2 + 7 + 16);
    }
    try (TestNode node = PatrolCounty.node(DB, Map.of());
         TestDevice aux1 = TestDevice.connect(node, "dev-aux-1")) {
      for (int m = 19; m <= 25; m++) {
        aux1.at(LAT, V3, yesterdayAt(11, m));
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> villageDay("V3").get("visits") == 1);
    }

    assertThat(villageDay("V1")).containsEntry("presence", 45L * MINUTE).containsEntry("visits", 1L + 1)
        .containsEntry("units", 2L).containsEntry("lastVisit", yesterdayAt(10, 30));
    assertThat(villageDay("V2")).containsEntry("presence", 9L * MINUTE).containsEntry("visits", 0L)
        .containsEntry("units", 1L).containsEntry("lastVisit", null);
    assertThat(villageDay("V3")).containsEntry("presence", 18L * MINUTE).containsEntry("visits", 1L)
        .containsEntry("units", 1L).containsEntry("lastVisit", yesterdayAt(11, 25));
    assertThat(unitDay("aux-1")).containsEntry("onDuty", 64L * MINUTE).containsEntry("onPost", 30L * MINUTE)
        .containsEntry("patrol", 27L * MINUTE).containsEntry("visits", 2L);
    assertThat(unitDay("aux-2")).containsEntry("onDuty", 15L * MINUTE).containsEntry("onPost", 0L)
        .containsEntry("patrol", 15L * MINUTE).containsEntry("visits", 1L);
  }

  private static Map<String, Long> villageDay(String village) throws Exception {
    return row("select presence_ms as presence, visits, units, (extract(epoch from last_visit) * 1000)::int8 as \"lastVisit\""
        + " from coverage_village_days where village = '" + village + "' and day = '" + PatrolCounty.yesterday() + "'");
  }

  private static Map<String, Long> unitDay(String unit) throws Exception {
    return row("select on_duty_ms as \"onDuty\", on_post_ms as \"onPost\", patrol_ms as patrol, visits"
        + " from coverage_unit_days where unit_id = '" + unit + "' and day = '" + PatrolCounty.yesterday() + "'");
  }

  private static Map<String, Long> row(String sql) throws Exception {
    Map<String, Long> out = new HashMap<>();
    try (Connection c = TestDatabase.connect(DB); ResultSet rs = c.createStatement().executeQuery(sql)) {
      if (rs.next()) {
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          Object v = rs.getObject(i);
          out.put(rs.getMetaData().getColumnLabel(i), v == null ? null : ((Number) v).longValue());
        }
      }
    }
    return out;
  }
}
