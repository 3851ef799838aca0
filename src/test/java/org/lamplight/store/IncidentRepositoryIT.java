package org.lamplight.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lamplight.domain.dispatch.Caller;
import org.lamplight.domain.dispatch.Incident;
import org.lamplight.domain.dispatch.IncidentSource;
import org.lamplight.domain.dispatch.IncidentStatus;
import org.lamplight.domain.dispatch.IncidentType;

/** Incident snapshots against a real PostgreSQL: the columns lists and answers are read by. */
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

  private static List<Incident> list(IncidentRepository incidents, IncidentType type) throws Exception {
    return incidents.list(List.of(IncidentStatus.DISPATCHING), List.of(type), 0, Long.MAX_VALUE / 2, 100)
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
