package org.lamplight.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.lamplight.domain.dispatch.Caller;
import org.lamplight.domain.dispatch.Incident;
import org.lamplight.domain.dispatch.IncidentSource;
import org.lamplight.domain.dispatch.IncidentStatus;
import org.lamplight.domain.dispatch.IncidentType;

/**
 * Incident snapshots against a real PostgreSQL: the columns lists and answers are read by, and
 * lists whose caller's filter (a station account's stations) runs before the limit, so that newer
 * incidents of other stations do not push the caller's own out, and paging loses or repeats no
 * incident reported at the same instant.
 */
class IncidentRepositoryIT {

  private static final ZoneId COUNTY = ZoneId.of("Asia/Shanghai");

  @Test
  void aCorrectedReportIsStoredInTheColumnsListsAreFilteredBy() throws Exception {
    try (TestStore store = TestStore.open("incident_columns")) {
      IncidentRepository incidents = new IncidentRepository(store.pool(), COUNTY);
      long at = System.currentTimeMillis();
      String id = UUID.randomUUID().toString();
      Incident fire = save(store, incidents, new Incident(id, null, IncidentType.FIRE, 1, 33.7, 114.5, "smoke",
          IncidentSource.API, "admin", IncidentStatus.DISPATCHING, 1, at, at, List.of(), null, false, Set.of(), 1, 0,
          0, Caller.NONE));
      // what a dispatcher's Edit leaves: the same incident, its report corrected
      save(store, incidents, new Incident(id, fire.number(), IncidentType.TRAFFIC, 2, 33.71, 114.51,
          "car in the ditch", IncidentSource.API, "admin", IncidentStatus.DISPATCHING, 1, at, at + 1, List.of(), null,
          false, Set.of(), 2, 0, 0, Caller.NONE));

      assertThat(list(incidents, IncidentType.TRAFFIC)).extracting(Incident::id).contains(id);
      assertThat(list(incidents, IncidentType.FIRE)).extracting(Incident::id).doesNotContain(id);
      try (Connection c = TestSql.connect(store.db());
          PreparedStatement st = c.prepareStatement(
              "select type, severity, lat, lon, description from incidents where id = ?::uuid")) {
        st.setString(1, id);
        try (ResultSet row = st.executeQuery()) {
          assertThat(row.next()).isTrue();
          assertThat(List.of(row.getString(1), row.getInt(2), row.getDouble(3), row.getDouble(4), row.getString(5)))
              .containsExactly("traffic", 2, 33.71, 114.51, "car in the ditch");
        }
      }
    }
  }

  @Test
  void theCallersIncidentsAreListedThoughNewerOnesOfOthersFillTheLimit() throws Exception {
    try (TestStore store = TestStore.open("incident_list")) {
      IncidentRepository incidents = new IncidentRepository(store.pool(), COUNTY);
      long t = 1_700_000_000_000L;
      String oldest = reported(store, incidents, "mine", t);
      String older = reported(store, incidents, "mine", t + 1_000);
      String theirs = null;
      for (int i = 0; i < 7; i++) {
        theirs = reported(store, incidents, "theirs", t + 2_000 + i);
      }
      String newest = reported(store, incidents, "mine", t + 3_000);
      String latest = reported(store, incidents, "theirs", t + 4_000);

      Predicate<Incident> mine = i -> i.description().equals("mine");
      assertThat(listed(incidents, t, t + 5_000, mine, 2)).containsExactly(newest, older);
      assertThat(listed(incidents, t, t + 5_000, mine, 10)).containsExactly(newest, older, oldest);
      assertThat(listed(incidents, t, t + 5_000, i -> true, 3)).containsExactly(latest, newest, theirs);
    }
  }

  @Test
  void pagesThroughIncidentsOfOneInstantWithoutLosingOrRepeatingAny() throws Exception {
    try (TestStore store = TestStore.open("incident_pages")) {
      IncidentRepository incidents = new IncidentRepository(store.pool(), COUNTY);
      long t = 1_710_000_000_000L;
      List<String> all = new ArrayList<>();
      for (int i = 0; i < 9; i++) {
        all.add(reported(store, incidents, i % 3 == 0 ? "mine" : "theirs", t));
      }
      List<String> mine = List.of(all.get(0), all.get(3), all.get(6));
      Predicate<Incident> wanted = i -> i.description().equals("mine");

      // a limit of 2 reads pages of two rows of one instant: each page must start where the last ended
      assertThat(listed(incidents, t, t + 1, wanted, 2)).hasSize(2).doesNotHaveDuplicates().isSubsetOf(mine);
      assertThat(listed(incidents, t, t + 1, wanted, 5)).containsExactlyInAnyOrderElementsOf(mine);
      assertThat(listed(incidents, t, t + 1, i -> true, 2)).hasSize(2);
      assertThat(listed(incidents, t, t + 1, i -> true, 100)).containsExactlyInAnyOrderElementsOf(all);
    }
  }

  private static String reported(TestStore store, IncidentRepository incidents, String description, long atMs)
      throws Exception {
    return save(store, incidents, new Incident(UUID.randomUUID().toString(), null, IncidentType.FIRE, 1, 33.7, 114.5,
        description, IncidentSource.API, "admin", IncidentStatus.NEW, 1, atMs, atMs, List.of(), null, false, Set.of(),
        0, 0, 0, Caller.NONE)).id();
  }

  private static List<String> listed(IncidentRepository incidents, long fromMs, long toMs, Predicate<Incident> wanted,
      int limit) throws Exception {
    return incidents.list(List.of(IncidentStatus.values()), List.of(IncidentType.values()), fromMs, toMs, wanted, limit)
        .await(10, TimeUnit.SECONDS).stream().map(Incident::id).toList();
  }

  private static List<Incident> list(IncidentRepository incidents, IncidentType type) throws Exception {
    return incidents.list(List.of(IncidentStatus.DISPATCHING), List.of(type), 0, Long.MAX_VALUE / 2, i -> true, 100)
        .await(10, TimeUnit.SECONDS);
  }

  /** Saved from a context of its own, as dispatch saves from its verticle's. */
  private static Incident save(TestStore store, IncidentRepository incidents, Incident incident) throws Exception {
    Promise<Incident> saved = Promise.promise();
    store.vertx().getOrCreateContext().runOnContext(v -> incidents.save(incident, List.of(), null,
        (conn, i) -> Future.succeededFuture()).onComplete(saved));
    return saved.future().await(20, TimeUnit.SECONDS);
  }
}
