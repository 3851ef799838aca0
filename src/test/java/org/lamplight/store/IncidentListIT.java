package org.lamplight.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.TestDatabase;
import org.lamplight.config.Config;
import org.lamplight.config.Keys;
import org.lamplight.domain.dispatch.Caller;
import org.lamplight.domain.dispatch.Incident;
import org.lamplight.domain.dispatch.IncidentSource;
import org.lamplight.domain.dispatch.IncidentStatus;
import org.lamplight.domain.dispatch.IncidentType;

/**
 * Listing incidents against a real PostgreSQL: the filter a caller brings (a station account's
 * stations) runs before the limit, so newer incidents of other stations do not push the caller's
 * own out of the list, and paging loses or repeats no incident reported at the same instant.
 */
class IncidentListIT {

  private static final List<IncidentStatus> ANY_STATUS = List.of(IncidentStatus.values());
  private static final List<IncidentType> ANY_TYPE = List.of(IncidentType.values());

  static Database db;
  static Vertx vertx;
  static Pool pool;
  static IncidentRepository incidents;

  @BeforeAll
  static void start() {
    db = Database.start(Config.defaults().with(Map.of(Keys.PG_URL, TestDatabase.url("list_" + System.nanoTime()))));
    vertx = Vertx.vertx();
    pool = db.pool(vertx);
    incidents = new IncidentRepository(pool, ZoneId.of("Asia/Shanghai"));
  }

  @AfterAll
  static void stop() throws Exception {
    pool.close().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
    db.close();
  }

  private static String stored(String description, long atMs) throws Exception {
    Incident incident = new Incident(UUID.randomUUID().toString(), null, IncidentType.FIRE, 1, 33.7, 114.5, description,
        IncidentSource.API, "admin", IncidentStatus.NEW, 1, atMs, atMs, List.of(), null, false, Set.of(), 0, 0, 0,
        Caller.NONE);
    Promise<Incident> saved = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> incidents.save(incident, List.of(), null,
        (conn, i) -> Future.succeededFuture()).onComplete(saved));
    return saved.future().await(10, TimeUnit.SECONDS).id();
  }

  private static List<String> listed(long fromMs, long toMs, Predicate<Incident> wanted, int limit) throws Exception {
    return incidents.list(ANY_STATUS, ANY_TYPE, fromMs, toMs, wanted, limit).await(10, TimeUnit.SECONDS).stream()
        .map(Incident::id).toList();
  }

  @Test
  void theCallersIncidentsAreListedThoughNewerOnesOfOthersFillTheLimit() throws Exception {
    long t = 1_700_000_000_000L;
    String oldest = stored("mine", t);
    String older = stored("mine", t + 1_000);
    String theirs = null;
    for (int i = 0; i < 7; i++) {
      theirs = stored("theirs", t + 2_000 + i);
    }
    String newest = stored("mine", t + 3_000);
    String latest = stored("theirs", t + 4_000);

    Predicate<Incident> mine = i -> i.description().equals("mine");
    assertThat(listed(t, t + 5_000, mine, 2)).containsExactly(newest, older);
    assertThat(listed(t, t + 5_000, mine, 10)).containsExactly(newest, older, oldest);
    assertThat(listed(t, t + 5_000, i -> true, 3)).containsExactly(latest, newest, theirs);
  }

  @Test
  void pagesThroughIncidentsOfOneInstantWithoutLosingOrRepeatingAny() throws Exception {
    long t = 1_710_000_000_000L;
    List<String> all = IntStream.range(0, 9).mapToObj(i -> {
      try {
        return stored(i % 3 == 0 ? "mine" : "theirs", t);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).toList();
    Set<String> mine = IntStream.range(0, 9).filter(i -> i % 3 == 0).mapToObj(all::get).collect(Collectors.toSet());

    // a limit of 2 reads pages of two rows of the same instant: each page must start where the last ended
    List<String> two = listed(t, t + 1, i -> i.description().equals("mine"), 2);
    assertThat(two).hasSize(2).doesNotHaveDuplicates().allMatch(mine::contains);
    assertThat(listed(t, t + 1, i -> i.description().equals("mine"), 5)).containsExactlyInAnyOrderElementsOf(mine);
    assertThat(listed(t, t + 1, i -> true, 2)).hasSize(2);
    assertThat(listed(t, t + 1, i -> true, 100)).containsExactlyInAnyOrderElementsOf(all);
  }
}
